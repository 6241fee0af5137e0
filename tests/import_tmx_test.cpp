#include "tm/import_tmx.h"

#include <catch2/catch.hpp>
#include <tuple>

#include "test_util.h"
#include "tm/export_tmx.h"
#include "tm/merge.h"
#include "tmx/seg.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

std::string TwoUnits() {
  return Tmx(
      "<tu tuid=\"1\" usagecount=\"1\"><prop type=\"a\">x</prop><tuv xml:lang=\"en\"><seg>Korean War</seg></tuv>"
      "<tuv xml:lang=\"zh-CN\"><seg>朝鲜战争</seg></tuv></tu>\n"
      "<tu tuid=\"2\"><tuv xml:lang=\"en\"><seg>Shangganling</seg></tuv>"
      "<tuv xml:lang=\"zh-CN\"><seg>上甘岭</seg></tuv></tu>\n");
}

std::vector<Unit> AllUnits(Store& s) {
  std::vector<Unit> units;
  s.Read()->ForEachUnit([&](const Unit& u) {
    units.push_back(u);
    return true;
  });
  return units;
}

}  // namespace

TEST_CASE("importing the same file twice adds nothing", "[import]") {
  TempDir dir;
  auto s = NewStore(dir / "db");
  std::string f = WriteFile(dir / "a.tmx", TwoUnits());
  ImportReport r1 = ImportTmx(*s, {f}, {});
  CHECK(r1.added == 2);
  ImportReport r2 = ImportTmx(*s, {f}, {});
  CHECK(r2.added == 0);
  CHECK(r2.unchanged == 2);
  CHECK(s->Read()->UnitCount() == 2);
}

TEST_CASE("duplicates merge props, notes and usage", "[import]") {
  TempDir dir;
  auto s = NewStore(dir / "db");
  ImportTmx(*s, {WriteFile(dir / "a.tmx", TwoUnits())}, {});
  std::string more = Tmx(
      "<tu tuid=\"1\" usagecount=\"5\" changedate=\"20250101T000000Z\"><prop type=\"b\">y</prop>"
      "<tuv xml:lang=\"zh-CN\"><note>checked</note><seg>朝鲜战争</seg></tuv>"
      "<tuv xml:lang=\"en\"><seg>Korean War</seg></tuv></tu>\n");
  ImportReport r = ImportTmx(*s, {WriteFile(dir / "b.tmx", more)}, {});
  CHECK(r.merged == 1);
  auto units = AllUnits(*s);
  REQUIRE(units.size() == 2);
  const Unit& u = units[0];
  CHECK(*u.attr("usagecount") == "5");
  CHECK(*u.attr("changedate") == "20250101T000000Z");
  REQUIRE(u.annotations.size() == 2);
  CHECK(u.annotations[1].text == "y");
  CHECK(u.FindVariant("zh-CN")->annotations.size() == 1);
  // Merging again changes nothing.
  CHECK(ImportTmx(*s, {dir / "b.tmx"}, {}).unchanged == 1);
}

TEST_CASE("same source, other target: kept, or replaced on request", "[import]") {
  TempDir dir;
  auto s = NewStore(dir / "db");
  ImportTmx(*s, {WriteFile(dir / "a.tmx", TwoUnits())}, {});
  std::string other = Tmx(
      "<tu tuid=\"1b\"><tuv xml:lang=\"en\"><seg>Korean War</seg></tuv>"
      "<tuv xml:lang=\"zh-CN\"><seg>抗美援朝战争</seg></tuv></tu>\n");
  std::string f = WriteFile(dir / "b.tmx", other);
  CHECK(ImportTmx(*s, {f}, {}).added == 1);
  CHECK(s->Read()->UnitCount() == 3);
  ImportOptions replace;
  replace.on_duplicate = DuplicatePolicy::kReplace;
  std::string newest = Tmx(
      "<tu tuid=\"1c\"><tuv xml:lang=\"en\"><seg>Korean  War</seg></tuv>"
      "<tuv xml:lang=\"zh-CN\"><seg>朝鲜战争（1950—1953）</seg></tuv></tu>\n");
  ImportReport r = ImportTmx(*s, {WriteFile(dir / "c.tmx", newest)}, replace);
  CHECK(r.replaced == 1);
  auto units = AllUnits(*s);
  REQUIRE(units.size() == 2);
  auto snap = s->Read();
  auto ids = snap->FindExact("en", "Korean War");
  REQUIRE(ids.size() == 1);
  Unit u;
  snap->GetUnit(ids[0], &u);
  CHECK(u.FindVariant("zh-CN")->seg == "朝鲜战争（1950—1953）");
  ImportOptions keep;
  keep.on_duplicate = DuplicatePolicy::kKeep;
  CHECK(ImportTmx(*s, {dir / "c.tmx"}, keep).added == 1);
  CHECK(s->Read()->UnitCount() == 3);
}

TEST_CASE("replace: a unit with the same variants replaces every stored copy", "[import]") {
  TempDir dir;
  auto s = NewStore(dir / "db");
  auto unit = [](const std::string& tuid, const std::string& note) {
    return "<tu tuid=\"" + tuid + "\"><note>" + note + "</note><tuv xml:lang=\"en\"><seg>Hello</seg></tuv>"
           "<tuv xml:lang=\"fr\"><seg>Bonjour</seg></tuv></tu>\n";
  };
  ImportOptions keep;
  keep.on_duplicate = DuplicatePolicy::kKeep;
  ImportTmx(*s, {WriteFile(dir / "a.tmx", Tmx(unit("A1", "n1") + unit("A2", "n1")))}, keep);
  REQUIRE(s->Read()->UnitCount() == 2);
  ImportOptions replace;
  replace.on_duplicate = DuplicatePolicy::kReplace;
  std::string b = WriteFile(dir / "b.tmx", Tmx(unit("B1", "n2")));
  ImportReport r = ImportTmx(*s, {b}, replace);
  CHECK(r.replaced == 1);
  CHECK(r.merged == 0);
  auto units = AllUnits(*s);
  REQUIRE(units.size() == 1);
  CHECK(*units[0].attr("tuid") == "B1");
  REQUIRE(units[0].annotations.size() == 1);
  CHECK(units[0].annotations[0].text == "n2");
  // The same unit again: nothing to replace.
  ImportReport again = ImportTmx(*s, {b}, replace);
  CHECK(again.unchanged == 1);
  CHECK(again.replaced == 0);
}

TEST_CASE("a bad file stores nothing, even after good files", "[import]") {
  TempDir dir;
  auto s = NewStore(dir / "db");
  ImportTmx(*s, {WriteFile(dir / "a.tmx", TwoUnits())}, {});
  auto before = AllUnits(*s);
  std::string good = WriteFile(dir / "g.tmx", Tmx("<tu><tuv xml:lang=\"en\"><seg>new</seg></tuv></tu>\n"));
  std::string doc = Tmx("<tu><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>\n<tu><tuv xml:lang=\"en\"><seg>y");
  std::string bad = WriteFile(dir / "bad.tmx", doc);
  CHECK_THROWS_AS(ImportTmx(*s, {good, bad}, {}), Error);
  std::string invalid = WriteFile(dir / "inv.tmx", Tmx("<tu><tuv xml:lang=\"en\"><seg>z</seg></tuv></tu>\n<tu></tu>\n"));
  ImportReport r = ImportTmx(*s, {good, invalid}, {});
  CHECK(r.refused);
  CHECK(r.problems.size() == 1);
  auto after = AllUnits(*s);
  REQUIRE(after.size() == before.size());
  for (size_t i = 0; i < after.size(); ++i) CHECK(after[i].SameContent(before[i]));
  // With skip_invalid the good units go in.
  ImportOptions skip;
  skip.skip_invalid = true;
  ImportReport r2 = ImportTmx(*s, {invalid, bad}, skip);
  CHECK(r2.added == 2);  // z, and x before the truncation
  CHECK(r2.problems.size() == 2);
}

TEST_CASE("import, export, import again gives the same units", "[import][export]") {
  TempDir dir;
  auto a = NewStore(dir / "a");
  ImportTmx(*a, {SourceDir() + "/tmx/shangganling.en-zh-ko.tmx",
                 SharedDir() + "/corpus/tmx/omegat-org__omegat/src/test/resources/data/tmx/TMXComplianceKit/ImportTest2C.tmx"},
            {});
  ExportTmx(*a, *a->Read(), dir / "out.tmx", {});
  auto b = NewStore(dir / "b");
  ImportTmx(*b, {dir / "out.tmx"}, {});
  auto ua = AllUnits(*a), ub = AllUnits(*b);
  REQUIRE(ua.size() == ub.size());
  for (size_t i = 0; i < ua.size(); ++i) CHECK(ua[i].SameContent(ub[i]));
}

TEST_CASE("export filters languages and puts the source first", "[export]") {
  TempDir dir;
  auto s = NewStore(dir / "db");
  ImportTmx(*s, {SourceDir() + "/tmx/shangganling.en-zh-ko.tmx"}, {});
  ExportOptions o;
  o.langs = {"zh", "ko"};
  o.srclang = "ko";
  ExportReport r = ExportTmx(*s, *s->Read(), dir / "out.tmx", o);
  CHECK(r.units_written == s->Read()->UnitCount());
  auto units = AllUnits(*NewStore(dir / "db2"));
  auto db2 = NewStore(dir / "db2");
  ImportTmx(*db2, {dir / "out.tmx"}, {});
  db2->Read()->ForEachUnit([&](const Unit& u) {
    REQUIRE(u.variants.size() == 2);
    CHECK(u.variants[0].lang == "ko-KR");
    CHECK(u.variants[1].lang == "zh-CN");
    return true;
  });
  CHECK(LangPrefixMatches("zh", "zh-Hans-CN"));
  CHECK_FALSE(LangPrefixMatches("zh", "zha"));
}

TEST_CASE("export: a unit's srclang names a variant the exported unit has", "[export]") {
  TempDir dir;
  auto s = ShippedStore(dir / "db");  // every unit has srclang="en" and en, zh-CN, ko-KR
  uint64_t units = s->Read()->UnitCount();
  auto count = [](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  // With a source language: the unit's srclang is its source variant's tag.
  ExportOptions o;
  o.langs = {"zh", "ko"};
  o.srclang = "zh";
  CHECK(ExportTmx(*s, *s->Read(), dir / "zh.tmx", o).units_written == units);
  std::string text = ReadFile(dir / "zh.tmx");
  CHECK(count(text, "<header") == 1);
  CHECK(count(text, " srclang=\"zh\"") == 1);  // the header's
  CHECK(count(text, " srclang=\"zh-CN\"") == units);
  CHECK(count(text, "srclang=\"en\"") == 0);
  // Without one, a srclang whose variant was left out goes (the header's *all* applies) ...
  o.srclang.clear();
  ExportTmx(*s, *s->Read(), dir / "zh-ko.tmx", o);
  text = ReadFile(dir / "zh-ko.tmx");
  CHECK(count(text, "<tu ") == units);
  CHECK(count(text, "srclang=") == 1);  // the header's
  // ... and one whose variant is kept stays.
  o.langs = {"en", "ko"};
  ExportTmx(*s, *s->Read(), dir / "en-ko.tmx", o);
  CHECK(count(ReadFile(dir / "en-ko.tmx"), " srclang=\"en\"") == units);
  // The store is as it was.
  s->Read()->ForEachUnit([&](const Unit& u) {
    CHECK(*u.attr("srclang") == "en");
    return true;
  });
}

TEST_CASE("units are stored in file order whichever thread prepared them", "[import][bulk]") {
  // 30,000 units are 30 batches: the reading thread prepares some of them itself whenever the
  // preparing thread is behind. Ids, text and index follow the file, unit by unit.
  TempDir dir;
  std::string body;
  constexpr int kUnits = 30000;
  for (int i = 0; i < kUnits; ++i) {
    body += "<tu tuid=\"t" + std::to_string(i) + "\"><tuv xml:lang=\"en\"><seg>line " + std::to_string(i) +
            " of the file</seg></tuv><tuv xml:lang=\"ko\"><seg>파일의 " + std::to_string(i) +
            "번째 줄</seg></tuv></tu>\n";
  }
  auto s = NewStore(dir / "db");
  ImportReport r = ImportTmx(*s, {WriteFile(dir / "many.tmx", Tmx(body))}, ImportOptions());
  REQUIRE(r.added == kUnits);
  std::vector<Unit> units = AllUnits(*s);
  REQUIRE(units.size() == kUnits);
  int out_of_place = 0;
  for (int i = 0; i < kUnits; ++i) {
    const Unit& u = units[static_cast<size_t>(i)];
    if (u.id != static_cast<uint64_t>(i + 1) || !u.attr("tuid") || *u.attr("tuid") != "t" + std::to_string(i) ||
        SegPlainText(u.variants.at(1).seg) != "파일의 " + std::to_string(i) + "번째 줄") {
      ++out_of_place;
    }
  }
  CHECK(out_of_place == 0);
  auto snap = s->Read();
  for (int i : {0, 999, 1000, 12345, kUnits - 1}) {
    CHECK(snap->FindExact("en", "line " + std::to_string(i) + " of the file") ==
          std::vector<uint64_t>{static_cast<uint64_t>(i + 1)});
  }
}

TEST_CASE("bulk indexing finds duplicates within one import and indexes every unit", "[import][bulk]") {
  TempDir dir;
  // Runs of 7 entries moved to the file every 7 and written to the index every 21 (many
  // writes while importing); moved to the file every 7 and written at the end; kept in memory
  // until the end; the defaults.
  struct Sizes {
    size_t flush, run, file;
  };
  for (auto [flush, run, file] : {Sizes{7, 7, 21}, Sizes{7, 7, 1000000}, Sizes{100000, 7, 1000000},
                                  Sizes{1000000, 200000, 6000000}}) {
    INFO("flush every " << flush << ", runs of " << run << ", file up to " << file);
    StoreOptions o;
    o.create_if_missing = true;
    o.bulk_flush_entries = flush;
    o.bulk_run_entries = run;
    o.bulk_file_entries = file;
    auto s = Store::Open(dir / ("db" + std::to_string(flush) + "-" + std::to_string(run) + "-" +
                                std::to_string(file)), o);
    // Ten files of 30 units: each file is a batch of its own, and each batch a transaction.
    std::vector<std::string> files;
    for (int f = 0; f < 10; ++f) {
      std::string body;
      for (int i = 30 * f; i < 30 * (f + 1); ++i) {
        body += "<tu><tuv xml:lang=\"en\"><seg>sentence " + std::to_string(i % 100) +
                "</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>句子" + std::to_string(i % 100) +
                "</seg></tuv></tu>\n";
      }
      files.push_back(WriteFile(dir / ("dups" + std::to_string(f) + ".tmx"), Tmx(body)));
    }
    ImportOptions options;
    options.batch_units = 16;  // many transactions
    ImportReport r = ImportTmx(*s, files, options);
    CHECK(r.added == 100);
    CHECK(r.unchanged == 200);
    auto snap = s->Read();
    CHECK(snap->UnitCount() == 100);
    for (int i = 0; i < 100; ++i) {
      CHECK(snap->FindExact("en", "sentence " + std::to_string(i)).size() == 1);
      CHECK(snap->FindExact("zh-CN", "句子" + std::to_string(i)).size() == 1);
    }
    // Replacing within one import: the last target wins and the index follows it.
    std::string rep;
    for (int i = 0; i < 50; ++i) {
      rep += "<tu><tuv xml:lang=\"en\"><seg>new " + std::to_string(i % 10) +
             "</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>版本" + std::to_string(i) +
             "</seg></tuv></tu>\n";
    }
    options.on_duplicate = DuplicatePolicy::kReplace;
    ImportReport r2 = ImportTmx(*s, {WriteFile(dir / "rep.tmx", Tmx(rep))}, options);
    CHECK(r2.added == 10);
    CHECK(r2.replaced == 40);
    snap = s->Read();
    CHECK(snap->UnitCount() == 110);
    for (int i = 0; i < 50; ++i) {
      CHECK(snap->FindExact("zh-CN", "版本" + std::to_string(i)).size() == (i >= 40 ? 1u : 0u));
    }
    CHECK(snap->FindExact("en", "new 3").size() == 1);
  }
}

TEST_CASE("duplicates of stored units are found before and after the index is read into the filter", "[import][bulk]") {
  // A bulk import looks keys up in the exact index until that has cost about what reading
  // the whole index would, then reads it into a filter and asks the filter first.
  // This import's own keys are written to the index as it goes, kept in sorted runs in the
  // temporary file, or kept in memory.
  auto [flush, run, file] = GENERATE(std::tuple<size_t, size_t, size_t>{50, 50, 50},
                                     std::tuple<size_t, size_t, size_t>{50, 50, 100000},
                                     std::tuple<size_t, size_t, size_t>{100000, 50, 100000});
  INFO("flush every " << flush << ", runs of " << run << ", file up to " << file);
  TempDir dir;
  StoreOptions o;
  o.create_if_missing = true;
  o.bulk_flush_entries = flush;
  o.bulk_run_entries = run;
  o.bulk_file_entries = file;
  auto s = Store::Open(dir / "db", o);
  auto unit = [](const std::string& tag, int i) {
    return "<tu><tuv xml:lang=\"en\"><seg>" + tag + " " + std::to_string(i) + "</seg></tuv><tuv xml:lang=\"ko\"><seg>" +
           tag + " 문장 " + std::to_string(i) + "</seg></tuv></tu>\n";
  };
  std::string stored;
  for (int i = 0; i < 1000; ++i) stored += unit("old", i);
  REQUIRE(ImportTmx(*s, {WriteFile(dir / "old.tmx", Tmx(stored))}, {}).added == 1000);
  // 2,000 stored keys: the filter is filled after 125 lookups in vain. Old units come first, in
  // the middle and last; new ones repeat after their keys have been flushed. Each file is a
  // batch of its own, and each batch a transaction.
  std::vector<std::string> files;
  std::string body;
  for (int i = 0; i < 600; ++i) {
    body += unit("new", i % 300);
    if (i % 20 == 0 || i == 599) body += unit("old", i);
    if (i % 30 == 29) {
      files.push_back(WriteFile(dir / ("mixed" + std::to_string(i) + ".tmx"), Tmx(body)));
      body.clear();
    }
  }
  ImportOptions options;
  options.batch_units = 25;
  ImportReport r = ImportTmx(*s, files, options);
  CHECK(r.added == 300);
  CHECK(r.unchanged == 300 + 31);
  auto snap = s->Read();
  CHECK(snap->UnitCount() == 1300);
  CHECK(snap->FindExact("en", "old 599").size() == 1);
  CHECK(snap->FindExact("en", "new 299").size() == 1);
}

TEST_CASE("a transaction run again after the map grew still finds the units just before it", "[import][bulk]") {
  // Each file repeats the units of the one before (a batch and a transaction each): their
  // keys are handed over to be sorted when the file before commits. A transaction that
  // fills the map is run again; its duplicate checks must still see those keys.
  auto [flush, run, file] = GENERATE(std::tuple<size_t, size_t, size_t>{10, 10, 10},
                                     std::tuple<size_t, size_t, size_t>{10, 10, 100000},
                                     std::tuple<size_t, size_t, size_t>{100000, 10, 100000});
  INFO("flush every " << flush << ", runs of " << run << ", file up to " << file);
  TempDir dir;
  StoreOptions o;
  o.create_if_missing = true;
  o.initial_map_size = 256 << 10;  // the map grows several times
  o.bulk_flush_entries = flush;
  o.bulk_run_entries = run;
  o.bulk_file_entries = file;
  auto s = Store::Open(dir / "db", o);
  std::string filler(400, 'y');
  auto unit = [&](int i) {
    return "<tu><tuv xml:lang=\"en\"><seg>" + filler + std::to_string(i) + "</seg></tuv><tuv xml:lang=\"ko\"><seg>문장 " +
           std::to_string(i) + "</seg></tuv></tu>\n";
  };
  std::vector<std::string> files;
  for (int f = 0; f < 40; ++f) {
    std::string body;
    for (int i = 0; i < 40; ++i) body += unit(40 * f + i);
    if (f > 0) {
      for (int i = 0; i < 40; ++i) body += unit(40 * (f - 1) + i);
    }
    files.push_back(WriteFile(dir / ("f" + std::to_string(f) + ".tmx"), Tmx(body)));
  }
  ImportOptions options;
  options.batch_units = 10;
  ImportReport r = ImportTmx(*s, files, options);
  CHECK(s->MapSize() > (256u << 10));
  CHECK(r.added == 1600);
  CHECK(r.unchanged == 1560);
  CHECK(s->Read()->UnitCount() == 1600);
}

TEST_CASE("an import that outgrows the map several times keeps every index entry", "[import][bulk]") {
  // The index entries written as the import goes, or kept in sorted runs and merged at the
  // end (whether the map grows while they are written depends on its size then: the merge's
  // going back for a transaction run again is checked in deferred_index_test).
  auto [flush, run, file] = GENERATE(std::tuple<size_t, size_t, size_t>{5000, 5000, 5000},
                                     std::tuple<size_t, size_t, size_t>{1000, 500, 100000},
                                     std::tuple<size_t, size_t, size_t>{100000, 500, 100000});
  INFO("flush every " << flush << ", runs of " << run << ", file up to " << file);
  TempDir dir;
  StoreOptions o;
  o.create_if_missing = true;
  o.initial_map_size = 1 << 20;  // 1 MiB: the map must grow during the import
  o.bulk_flush_entries = flush;
  o.bulk_run_entries = run;
  o.bulk_file_entries = file;
  auto s = Store::Open(dir / "db", o);
  std::string body, filler(300, 'x');
  for (int i = 0; i < 6000; ++i) {
    body += "<tu><tuv xml:lang=\"en\"><seg>" + filler + std::to_string(i) +
            "</seg></tuv><tuv xml:lang=\"ko\"><seg>문장 " + std::to_string(i) + "</seg></tuv></tu>\n";
  }
  ImportOptions options;
  options.batch_units = 500;
  ImportReport r = ImportTmx(*s, {WriteFile(dir / "big.tmx", Tmx(body))}, options);
  CHECK(r.added == 6000);
  CHECK(s->MapSize() > (1u << 20));
  auto snap = s->Read();
  CHECK(snap->UnitCount() == 6000);
  for (int i = 0; i < 6000; i += 7) {
    CHECK(snap->FindExact("en", filler + std::to_string(i)).size() == 1);
    CHECK(snap->FindExact("ko", "문장 " + std::to_string(i)).size() == 1);
  }
}
