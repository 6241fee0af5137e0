// Export into an OmegaT project: the pair only, two variants a unit, what goes to tm/auto,
// the glossary's lines, and the languages of omegat.project.
#include "tm/export_omegat.h"

#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <filesystem>

#include "glossary/term_base.h"
#include "test_util.h"
#include "tm/import_tmx.h"
#include "util/error.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

// en -> zh-CN, with tm/auto.
OmegaTExportOptions EnZhWithAuto() {
  OmegaTExportOptions o;
  o.source_lang = "en";
  o.target_lang = "zh-CN";
  o.auto_tm = true;
  return o;
}

std::unique_ptr<Store> StoreWithPair(const TempDir& dir) {
  auto store = NewStore(dir / "db");
  std::string tmx = Tmx(
      "<tu tuid=\"t1\"><prop type=\"file\">other.txt</prop><prop type=\"x-keep\">k</prop>"
      "<tuv xml:lang=\"en\"><seg>Hello.</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>你好。</seg></tuv>"
      "<tuv xml:lang=\"ko-KR\"><seg>안녕하세요.</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>Only Korean.</seg></tuv><tuv xml:lang=\"ko\"><seg>한국어만.</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>Hello.</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>您好。</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>Line<ph x=\"1\">&lt;br/&gt;</ph>break.</seg></tuv>"
      "<tuv xml:lang=\"zh-CN\"><seg>换<ph x=\"1\">&lt;br/&gt;</ph>行。</seg></tuv></tu>\n"
      "<tu><prop type=\"x-align-score\">0.30</prop><tuv xml:lang=\"en\"><seg>Bye.</seg></tuv>"
      "<tuv xml:lang=\"zh-Hans\"><seg>再见。</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"zh-CN\"><seg>好。</seg></tuv><tuv xml:lang=\"en\"><seg>Good &amp; fine.</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>Good &amp; fine.</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>好。</seg></tuv>"
      "<tuv xml:lang=\"zh-TW\"><seg>好。</seg></tuv></tu>\n");
  ImportTmx(*store, {WriteFile(dir / "in.tmx", tmx)}, {});

  auto term = [](const char* lang, const char* text, TermStatus status, const char* note = "") {
    Term t;
    t.lang = lang;
    t.text = text;
    t.status = status;
    t.usage_note = note;
    return t;
  };
  Concept volunteer{"c1", "", "", "", "", {}};
  volunteer.terms = {term("en", "volunteer", TermStatus::kPreferred),
                     term("en", "volunteer army", TermStatus::kDeprecated),
                     term("zh-Hans", "义勇军", TermStatus::kForbidden),
                     term("zh-Hans", "志愿军", TermStatus::kPreferred, "the CPV"),
                     term("ko", "지원군", TermStatus::kPreferred)};
  Concept battle{"c2", "", "a fight between armies", "en", "", {}};
  battle.terms = {term("en", "battle", TermStatus::kUnspecified), term("en", "fight", TermStatus::kAdmitted),
                  term("zh-Hans", "战役", TermStatus::kAdmitted)};
  Concept korean_only{"c3", "", "", "", "", {}};
  korean_only.terms = {term("en", "CCTV", TermStatus::kPreferred), term("ko", "중국중앙TV", TermStatus::kPreferred)};
  Concept forbidden_source{"c4", "", "", "", "", {}};
  forbidden_source.terms = {term("en", "gook", TermStatus::kForbidden), term("zh-Hans", "某词", TermStatus::kPreferred)};
  StoreConcepts(*store, {volunteer, battle, korean_only, forbidden_source});
  return store;
}

struct Tu {
  std::vector<std::string> langs;
  std::vector<std::string> segs;
  std::vector<std::string> props;  // type=value
  std::string tuid;
};

std::vector<Tu> ReadTus(const std::string& path, pugi::xml_document* doc) {
  REQUIRE(doc->load_file(path.c_str()));
  std::vector<Tu> out;
  for (pugi::xml_node tu : doc->child("tmx").child("body").children("tu")) {
    Tu t;
    t.tuid = tu.attribute("tuid").as_string();
    for (pugi::xml_node p : tu.children("prop")) {
      t.props.push_back(std::string(p.attribute("type").as_string()) + "=" + p.text().as_string());
    }
    for (pugi::xml_node tuv : tu.children("tuv")) {
      t.langs.push_back(tuv.attribute("xml:lang").as_string());
      std::string seg;
      for (pugi::xml_node n : tuv.child("seg").children()) {
        seg += n.type() == pugi::node_pcdata ? n.value() : "<" + std::string(n.name()) + ">";
      }
      t.segs.push_back(seg);
    }
    out.push_back(t);
  }
  return out;
}

std::vector<std::string> Sources(const std::vector<Tu>& tus) {
  std::vector<std::string> out;
  for (const Tu& t : tus) out.push_back(t.segs.at(0));
  return out;
}

}  // namespace

TEST_CASE("export-omegat writes the pair only, two variants a unit, tagged as the project", "[omegat]") {
  TempDir dir;
  auto store = StoreWithPair(dir);
  OmegaTExportOptions o = EnZhWithAuto();
  std::string project = dir / "project";  // created
  OmegaTExportReport r = ExportOmegaT(*store, *store->Read(), project, o);
  CHECK(r.units == 6);
  CHECK(r.units_skipped == 1);
  REQUIRE(r.files.size() == 3);
  CHECK(r.files[0] == project + "/tm/tmkit.tmx");
  CHECK(r.files[1] == project + "/tm/auto/tmkit-exact.tmx");
  CHECK(r.files[2] == project + "/glossary/tmkit.txt");

  pugi::xml_document doc;
  std::vector<Tu> tus = ReadTus(project + "/tm/tmkit.tmx", &doc);
  pugi::xml_node tmx = doc.child("tmx");
  CHECK(std::string(tmx.attribute("version").as_string()) == "1.4");
  pugi::xml_node header = tmx.child("header");
  CHECK(std::string(header.attribute("srclang").as_string()) == "en");
  CHECK(std::string(header.attribute("segtype").as_string()) == "sentence");
  for (const char* a : {"creationtool", "creationtoolversion", "o-tmf", "adminlang", "datatype"}) {
    CHECK(!std::string(header.attribute(a).as_string()).empty());
  }
  REQUIRE(tus.size() == 6);
  for (const Tu& t : tus) {
    CHECK(t.langs == std::vector<std::string>{"en", "zh-CN"});  // zh-Hans written as the project's tag
    for (const std::string& p : t.props) CHECK(p.rfind("file=", 0) != 0);
  }
  CHECK(Sources(tus) == std::vector<std::string>{"Hello.", "Hello.", "Line<ph>break.", "Bye.", "Good & fine.",
                                                "Good & fine."});
  CHECK(tus[0].tuid == "t1");
  CHECK(tus[0].props == std::vector<std::string>{"x-keep=k"});
  CHECK(tus[3].segs[1] == "再见。");
  CHECK(ReadFile(project + "/tm/tmkit.tmx").find("안녕") == std::string::npos);

  // tm/auto: one target a source, written once, no inline codes; "Hello." has two targets.
  pugi::xml_document auto_doc;
  std::vector<Tu> auto_tus = ReadTus(project + "/tm/auto/tmkit-exact.tmx", &auto_doc);
  CHECK(Sources(auto_tus) == std::vector<std::string>{"Bye.", "Good & fine."});
  CHECK(r.auto_units == 2);
  CHECK(r.auto_ambiguous == 2);
  CHECK(r.auto_markup == 1);
  for (const Tu& t : auto_tus) CHECK(t.tuid.empty());

  // The glossary: acceptable terms of the pair, the preferred target, the comment.
  std::string glossary = ReadFile(project + "/glossary/tmkit.txt");
  CHECK(glossary ==
        "# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
        "volunteer\t志愿军\tthe CPV\n"
        "battle\t战役\ta fight between armies\n"
        "fight\t战役\ta fight between armies\n");
  CHECK(r.concepts == 2);
  CHECK(r.terms == 3);
  CHECK(r.terms_left_out == 3);  // volunteer army, 义勇军, gook
}

TEST_CASE("export-omegat leaves weakly aligned units and stale files as documented", "[omegat]") {
  TempDir dir;
  auto store = StoreWithPair(dir);
  OmegaTExportOptions o = EnZhWithAuto();
  o.auto_min_score = 50;
  OmegaTExportReport r = ExportOmegaT(*store, *store->Read(), dir.path(), o);
  CHECK(r.auto_units == 1);
  CHECK(r.auto_low_score == 1);
  CHECK(!r.stale_auto_file);
  // Without --auto the old auto file is reported, not deleted; nothing else is left behind.
  o.auto_tm = false;
  o.auto_min_score = 0;
  r = ExportOmegaT(*store, *store->Read(), dir.path(), o);
  CHECK(r.stale_auto_file);
  CHECK(r.files.size() == 2);
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "tm")) files += e.is_regular_file();
  CHECK(files == 2);
  // The other direction: zh-CN -> en, srclang zh-CN.
  o.source_lang = "zh-CN";
  o.target_lang = "en";
  r = ExportOmegaT(*store, *store->Read(), dir.path(), o);
  CHECK(r.units == 6);
  pugi::xml_document doc;
  std::vector<Tu> tus = ReadTus(dir / "tm/tmkit.tmx", &doc);
  CHECK(std::string(doc.child("tmx").child("header").attribute("srclang").as_string()) == "zh-CN");
  CHECK(tus.at(0).langs == std::vector<std::string>{"zh-CN", "en"});
  CHECK(ReadFile(dir / "glossary/tmkit.txt").find("志愿军\tvolunteer\tthe CPV\n") == std::string::npos);
  CHECK(ReadFile(dir / "glossary/tmkit.txt").find("志愿军\tvolunteer\n") != std::string::npos);
}

TEST_CASE("the languages of omegat.project", "[omegat]") {
  TempDir dir;
  OmegaTProjectLanguages langs;
  CHECK(!ReadOmegaTProjectLanguages(dir.path(), &langs));
  WriteFile(dir / "omegat.project",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<omegat>\n  <project version=\"1.0\">\n"
            "    <source_dir>__DEFAULT__</source_dir>\n    <source_lang>EN-US</source_lang>\n"
            "    <target_lang> ZH-CN </target_lang>\n  </project>\n</omegat>\n");
  REQUIRE(ReadOmegaTProjectLanguages(dir.path(), &langs));
  CHECK(langs.source == "en-US");
  CHECK(langs.target == "zh-CN");
  WriteFile(dir / "omegat.project", "<omegat><project><source_lang>EN</source_lang></project></omegat>");
  CHECK_THROWS_AS(ReadOmegaTProjectLanguages(dir.path(), &langs), Error);
  WriteFile(dir / "omegat.project", "<omegat><project>");
  CHECK_THROWS_AS(ReadOmegaTProjectLanguages(dir.path(), &langs), Error);
}
