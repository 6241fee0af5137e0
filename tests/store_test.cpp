#include "store/store.h"

#include <catch2/catch.hpp>
#include <functional>
#include <lmdb.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"
#include "util/error.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

Unit MakeUnit(const std::string& en, const std::string& zh, const std::string& tuid = "") {
  Unit u;
  if (!tuid.empty()) u.attrs.push_back({"tuid", tuid});
  u.attrs.push_back({"srclang", "en"});
  u.variants.push_back(Variant{"en", {}, {}, en});
  u.variants.push_back(Variant{"zh-CN", {}, {}, zh});
  return u;
}

std::unique_ptr<Store> Create(const std::string& path, uint64_t map = 1ULL << 30) {
  StoreOptions o;
  o.create_if_missing = true;
  o.initial_map_size = map;
  return Store::Open(path, o);
}

}  // namespace

TEST_CASE("a missing store is an error unless created", "[store]") {
  TempDir dir;
  StoreOptions read;
  read.read_only = true;
  CHECK_THROWS_WITH(Store::Open(dir / "none", read), Catch::Contains("no translation memory at"));
  auto s = Create(dir / "new");
  CHECK(s->Read()->UnitCount() == 0);
  CHECK(s->Read()->SchemaVersion() == kSchemaVersion);
}

TEST_CASE("units are stored, found exactly, and counted", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("The  Korean War ", "朝鲜战争", "k1");
  Unit b = MakeUnit("Shangganling <ph x=\"1\"/>", "上甘岭");
  s->Write([&](WriteTxn& t) {
    t.AddUnit(&a);
    t.AddUnit(&b);
  });
  CHECK(a.id == 1);
  CHECK(b.id == 2);
  auto snap = s->Read();
  CHECK(snap->UnitCount() == 2);
  Unit got;
  REQUIRE(snap->GetUnit(1, &got));
  CHECK(got.SameContent(a));
  CHECK_FALSE(snap->GetUnit(3, &got));
  // Exact lookups: white space collapsed, inline codes ignored, tags case-insensitive.
  CHECK(snap->FindExact("en", "The Korean War") == std::vector<uint64_t>{1});
  CHECK(snap->FindExact("EN", "  The Korean   War") == std::vector<uint64_t>{1});
  CHECK(snap->FindExact("en", "Shangganling") == std::vector<uint64_t>{2});
  CHECK(snap->FindExact("zh-cn", "上甘岭") == std::vector<uint64_t>{2});
  CHECK(snap->FindExact("en", "Korean War").empty());
  CHECK(snap->FindExact("ko", "The Korean War").empty());
  auto langs = snap->Languages();
  REQUIRE(langs.size() == 2);
  CHECK(langs[0].lang == "en");
  CHECK(langs[0].variants == 2);
  auto pairs = snap->LanguagePairs();
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].first == "en");
  CHECK(pairs[0].second == "zh-CN");
  CHECK(pairs[0].units == 2);
}

TEST_CASE("replace and delete keep the indexes exact", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("armistice", "停战");
  s->Write([&](WriteTxn& t) { t.AddUnit(&a); });
  s->Write([&](WriteTxn& t) { t.ReplaceUnit(a.id, MakeUnit("ceasefire", "停火")); });
  CHECK(s->Read()->FindExact("en", "armistice").empty());
  CHECK(s->Read()->FindExact("en", "ceasefire") == std::vector<uint64_t>{a.id});
  s->Write([&](WriteTxn& t) {
    CHECK(t.DeleteUnit(a.id));
    CHECK_FALSE(t.DeleteUnit(a.id));
  });
  auto snap = s->Read();
  CHECK(snap->FindExact("en", "ceasefire").empty());
  CHECK(snap->UnitCount() == 0);
  CHECK(snap->Languages().empty());
  CHECK(snap->LanguagePairs().empty());
  // Ids are never reused.
  Unit b = MakeUnit("x", "y");
  s->Write([&](WriteTxn& t) { t.AddUnit(&b); });
  CHECK(b.id == a.id + 1);
}

TEST_CASE("units with the same variants are found whatever their order", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("Pyongyang", "平壤");
  s->Write([&](WriteTxn& t) { t.AddUnit(&a); });
  Unit reversed;
  reversed.variants = {Variant{"zh-cn", {}, {}, "平壤"}, Variant{"EN", {{"creationid", "x"}}, {}, "Pyongyang"}};
  s->Write([&](WriteTxn& t) {
    CHECK(t.FindSameVariants(PrepareUnit(reversed)) == std::vector<uint64_t>{a.id});
    CHECK(t.FindSameVariants(PrepareUnit(MakeUnit("Pyongyang", "平壤市"))).empty());
  });
}

TEST_CASE("a snapshot does not see later writes", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("one", "一");
  s->Write([&](WriteTxn& t) { t.AddUnit(&a); });
  auto before = s->Read();
  Unit b = MakeUnit("two", "二");
  s->Write([&](WriteTxn& t) { t.AddUnit(&b); });
  CHECK(before->UnitCount() == 1);
  CHECK(before->FindExact("en", "two").empty());
  CHECK(s->Read()->UnitCount() == 2);
}

TEST_CASE("an exception abandons the whole transaction", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  CHECK_THROWS(s->Write([&](WriteTxn& t) {
    Unit a = MakeUnit("lost", "失");
    t.AddUnit(&a);
    throw std::runtime_error("boom");
  }));
  CHECK(s->Read()->UnitCount() == 0);
  CHECK(s->Read()->FindExact("en", "lost").empty());
}

TEST_CASE("the map grows by itself", "[store]") {
  TempDir dir;
  auto s = Create(dir.path(), 1 << 20);  // 1 MiB
  std::string filler(2000, 'x');
  for (int batch = 0; batch < 4; ++batch) {
    s->Write([&](WriteTxn& t) {
      for (int i = 0; i < 1000; ++i) {
        Unit u = MakeUnit(filler + std::to_string(batch * 1000 + i), "填充");
        t.AddUnit(&u);
      }
    });
  }
  CHECK(s->MapSize() > (1u << 20));
  auto snap = s->Read();
  CHECK(snap->UnitCount() == 4000);
  CHECK(snap->FindExact("en", filler + "3999").size() == 1);
}

TEST_CASE("a store written by a newer schema is refused", "[store]") {
  TempDir dir;
  { Create(dir.path()); }
  // Pretend a newer tmkit wrote it.
  MDB_env* env;
  mdb_env_create(&env);
  mdb_env_set_maxdbs(env, 16);
  REQUIRE(mdb_env_open(env, dir.path().c_str(), 0, 0644) == 0);
  MDB_txn* txn;
  mdb_txn_begin(env, nullptr, 0, &txn);
  MDB_dbi meta;
  mdb_dbi_open(txn, "meta", 0, &meta);
  MDB_val k{6, const_cast<char*>("schema")}, v{2, const_cast<char*>("99")};
  mdb_put(txn, meta, &k, &v, 0);
  mdb_txn_commit(txn);
  mdb_env_close(env);
  StoreOptions o;
  CHECK_THROWS_WITH(Store::Open(dir.path(), o), Catch::Contains("newer tmkit"));
}

TEST_CASE("a directory that is not a store, or a file, is refused", "[store]") {
  TempDir dir;
  WriteFile(dir / "file", "x");
  StoreOptions o;
  o.create_if_missing = true;
  CHECK_THROWS_WITH(Store::Open(dir / "file", o), Catch::Contains("is a file"));
}

namespace {

// Every unit of the store, for before/after comparisons.
std::vector<Unit> Dump(Store& s) {
  std::vector<Unit> units;
  s.Read()->ForEachUnit([&](const Unit& u) {
    units.push_back(u);
    return true;
  });
  return units;
}

bool SameUnits(const std::vector<Unit>& a, const std::vector<Unit>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].id != b[i].id || !a[i].SameContent(b[i])) return false;
  }
  return true;
}

// A child process opens the store at path, begins a journal, writes fn and dies without
// committing or rolling back.
void DieMidJournal(const std::string& path, const std::function<void(WriteTxn&)>& fn) {
  pid_t pid = fork();
  if (pid == 0) {
    auto s = Create(path);
    s->BeginJournal();
    s->Write(fn);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
}

}  // namespace

TEST_CASE("a journal rolls back adds, replacements and deletions", "[store][journal]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("keep", "留"), b = MakeUnit("change", "改"), c = MakeUnit("drop", "删");
  s->Write([&](WriteTxn& t) {
    t.AddUnit(&a);
    t.AddUnit(&b);
    t.AddUnit(&c);
  });
  auto before = Dump(*s);
  s->BeginJournal();
  CHECK(s->JournalOpen());
  for (int batch = 0; batch < 3; ++batch) {
    s->Write([&](WriteTxn& t) {
      for (int i = 0; i < 100; ++i) {
        Unit u = MakeUnit("new " + std::to_string(batch * 100 + i), "新");
        t.AddUnit(&u);
      }
      t.ReplaceUnit(b.id, MakeUnit("changed " + std::to_string(batch), "已改"));
      t.DeleteUnit(c.id);
    });
  }
  // Snapshots see the store as it was before the journal; the writer sees its own work.
  {
    auto snap = s->Read();
    CHECK(snap->UnitCount() == 3);
    CHECK(snap->LanguagePairs()[0].units == 3);
    CHECK(SameUnits(Dump(*s), before));
    Unit u;
    CHECK_FALSE(snap->GetUnit(4, &u));
    REQUIRE(snap->GetUnit(b.id, &u));
    CHECK(u.SameContent(b));
    CHECK(snap->GetUnit(c.id, &u));
    CHECK(snap->FindExact("en", "change") == std::vector<uint64_t>{b.id});
    CHECK(snap->FindExact("en", "drop") == std::vector<uint64_t>{c.id});
    CHECK(snap->FindExact("en", "changed 2").empty());
    CHECK(snap->FindExact("en", "new 5").empty());
    // The fuzzy index: no batch written under the journal, the old token sequences.
    CHECK(snap->GramBatches().size() == 1);
    CHECK(snap->TokenSequences(4).empty());
    auto old_codes = snap->TokenSequences(b.id);
    REQUIRE(old_codes.size() == 2);
    CHECK(old_codes[0].second.size() == 2);  // "change": one token
    CHECK(snap->TokenSequences(c.id).size() == 2);
    std::vector<uint64_t> ids;
    snap->ForEachUnit([&](const Unit& unit) { return ids.push_back(unit.id), true; }, 2);
    CHECK(ids == std::vector<uint64_t>{b.id, c.id});  // c deleted since, the new ones not yet
  }
  s->Write([&](WriteTxn& t) { CHECK(t.UnitCount() == 302); });
  s->RollbackJournal();
  CHECK_FALSE(s->JournalOpen());
  CHECK(SameUnits(Dump(*s), before));
  auto snap = s->Read();
  CHECK(snap->FindExact("en", "change").size() == 1);
  CHECK(snap->FindExact("en", "drop").size() == 1);
  CHECK(snap->FindExact("en", "changed 2").empty());
  CHECK(snap->FindExact("en", "new 5").empty());
  CHECK(snap->UnitCount() == 3);
  CHECK(snap->LanguagePairs()[0].units == 3);
}

TEST_CASE("a committed journal keeps everything", "[store][journal]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("one", "一");
  s->Write([&](WriteTxn& t) { t.AddUnit(&a); });
  s->BeginJournal();
  s->Write([&](WriteTxn& t) {
    t.ReplaceUnit(a.id, MakeUnit("uno", "一"));
    Unit b = MakeUnit("two", "二");
    t.AddUnit(&b);
  });
  {
    auto snap = s->Read();
    CHECK(snap->UnitCount() == 1);
    Unit before;
    REQUIRE(snap->GetUnit(a.id, &before));
    CHECK(before.SameContent(a));
  }
  s->CommitJournal();
  CHECK_FALSE(s->JournalOpen());
  CHECK(s->Read()->UnitCount() == 2);
  CHECK(s->Read()->FindExact("en", "one").empty());
  CHECK(s->Read()->FindExact("en", "uno").size() == 1);
}

TEST_CASE("a journal left by a crashed process is rolled back on the next open", "[store][journal]") {
  TempDir dir;
  {
    auto s = Create(dir.path());
    Unit a = MakeUnit("before", "之前");
    s->Write([&](WriteTxn& t) { t.AddUnit(&a); });
  }
  // Another process imports half-way and dies.
  DieMidJournal(dir.path(), [](WriteTxn& t) {
    Unit u = MakeUnit("half", "一半");
    t.AddUnit(&u);
    t.DeleteUnit(1);
  });
  StoreOptions read_only;
  read_only.read_only = true;
  {
    // Read-only, the journal cannot be undone, but what it holds is not shown.
    auto ro = Store::Open(dir.path(), read_only);
    auto snap = ro->Read();
    CHECK(snap->UnitCount() == 1);
    CHECK(snap->FindExact("en", "before").size() == 1);
    CHECK(snap->FindExact("en", "half").empty());
    CHECK(Dump(*ro).size() == 1);
  }
  auto s = Create(dir.path());
  CHECK_FALSE(s->JournalOpen());
  auto snap = s->Read();
  CHECK(snap->UnitCount() == 1);
  CHECK(snap->FindExact("en", "before").size() == 1);
  CHECK(snap->FindExact("en", "half").empty());
}

TEST_CASE("units cannot be changed under another process's journal; a dead one is undone first", "[store][journal]") {
  TempDir dir;
  auto importer = Create(dir.path());
  auto other = Create(dir.path());  // another handle: its own journal.lock descriptor
  importer->BeginJournal();
  Unit u = MakeUnit("during", "期间");
  try {
    other->Write([&](WriteTxn& t) { t.AddUnit(&u); });
    FAIL("a unit was added under another handle's journal");
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kBusy);
  }
  other->Write([&](WriteTxn& t) { t.PutRecord(RecordTable::kTerms, "k", "v"); });  // not a unit
  importer->CommitJournal();
  other->Write([&](WriteTxn& t) { t.AddUnit(&u); });
  CHECK(other->Read()->UnitCount() == 1);

  // An importer that dies after `other` was opened: other's next write undoes its journal.
  DieMidJournal(dir.path(), [](WriteTxn& t) {
    Unit half = MakeUnit("half", "一半");
    t.AddUnit(&half);
  });
  Unit after = MakeUnit("after", "之后");
  other->Write([&](WriteTxn& t) { t.AddUnit(&after); });
  CHECK_FALSE(other->JournalOpen());
  auto snap = other->Read();
  CHECK(snap->UnitCount() == 2);
  CHECK(snap->FindExact("en", "half").empty());
  CHECK(snap->FindExact("en", "after").size() == 1);
}

TEST_CASE("only one journal at a time", "[store][journal]") {
  TempDir dir;
  auto s1 = Create(dir.path());
  auto s2 = Create(dir.path());
  s1->BeginJournal();
  // Another handle (standing for another process) cannot open one, nor roll this one back.
  pid_t pid = fork();
  if (pid == 0) {
    auto s3 = Create(dir.path());
    bool refused = false;
    try {
      s3->BeginJournal();
    } catch (const Error& e) {
      refused = std::string(e.what()).find("another tmkit process") != std::string::npos;
    }
    _exit(refused && s3->JournalOpen() ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  s1->CommitJournal();
}
