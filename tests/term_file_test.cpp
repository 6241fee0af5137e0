#include "glossary/term_file.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "glossary/tbx_reader.h"
#include "glossary/tbx_writer.h"
#include "glossary/term_table.h"
#include "test_util.h"
#include "util/error.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

std::string Describe(const Term& t) {
  return t.lang + " [" + t.text + "] " + std::string(TermStatusName(t.status)) + " pos=" +
         t.part_of_speech + " type=" + t.term_type + (t.case_sensitive ? " case" : "") +
         " note=" + t.usage_note;
}

std::string Describe(const Concept& c) {
  std::string s = "id=" + c.id + " subject=" + c.subject + " definition(" + c.definition_lang +
                  ")=" + c.definition + " note=" + c.note;
  for (const Term& t : c.terms) s += "\n  " + Describe(t);
  return s;
}

void CheckSame(const std::vector<Concept>& a, const std::vector<Concept>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) CHECK(Describe(a[i]) == Describe(b[i]));
}

std::string OkapiDir() {
  return SharedDir() + "/corpus/tbx/mihnita__okapi/okapi/libraries/lib-terminology/src/test/resources/";
}
std::string OkapiTsvDir() {
  return SharedDir() +
         "/corpus/glossary-tsv/mihnita__okapi/okapi/libraries/lib-terminology/src/test/resources/";
}
std::string OmegaTTsvDir() {
  return SharedDir() + "/corpus/glossary-tsv/omegat-org__omegat/src/test/resources/data/glossaries/";
}

std::vector<Concept> Read(const std::string& path, const std::string& from = "",
                          const std::string& to = "") {
  TermFileOptions options;
  options.from_lang = from;
  options.to_lang = to;
  return ReadTermFile(path, options);
}

const Term* FindTerm(const std::vector<Concept>& concepts, const std::string& text) {
  for (const Concept& c : concepts) {
    for (const Term& t : c.terms) {
      if (t.text == text) return &t;
    }
  }
  return nullptr;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The Error a call throws, or fails the test.
template <typename F>
Error Thrown(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no tmkit::Error thrown");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("term statuses have names and TBX values", "[termfile]") {
  TermStatus s;
  CHECK(TermStatusName(TermStatus::kForbidden) == "forbidden");
  CHECK(TermStatusName(TermStatus::kUnspecified).empty());
  REQUIRE(ParseTermStatus("deprecatedTerm-admn-sts", &s));
  CHECK(s == TermStatus::kDeprecated);
  REQUIRE(ParseTermStatus("Preferred", &s));
  CHECK(s == TermStatus::kPreferred);
  REQUIRE(ParseTermStatus("standardizedTerm-admn-sts", &s));
  CHECK(s == TermStatus::kPreferred);
  REQUIRE(ParseTermStatus("regulatedTerm-admn-sts", &s));
  CHECK(s == TermStatus::kAdmitted);
  REQUIRE(ParseTermStatus("supersededTerm", &s));  // TBX-Default normativeAuthorization
  CHECK(s == TermStatus::kSuperseded);
  REQUIRE(ParseTermStatus("FORBIDDENTERM-ADMN-STS", &s));
  CHECK(s == TermStatus::kForbidden);
  CHECK_FALSE(ParseTermStatus("", &s));
  CHECK_FALSE(ParseTermStatus("obsolete", &s));
  CHECK_FALSE(ParseTermStatus("term", &s));
  CHECK(IsAcceptable(TermStatus::kUnspecified));
  CHECK(IsAcceptable(TermStatus::kAdmitted));
  CHECK_FALSE(IsAcceptable(TermStatus::kDeprecated));
  CHECK_FALSE(IsAcceptable(TermStatus::kSuperseded));
  CHECK_FALSE(IsAcceptable(TermStatus::kForbidden));
}

TEST_CASE("formats come from names, extensions and the TBX root element", "[termfile]") {
  CHECK(TermFormatFor("a.tbx", "") == TermFormat::kTbx2);
  CHECK(TermFormatFor("a.TSV", "") == TermFormat::kTsv);
  CHECK(TermFormatFor("a.csv", "") == TermFormat::kCsv);
  CHECK(TermFormatFor("a.tab", "") == TermFormat::kOmegaT);
  CHECK(TermFormatFor("a.txt", "") == TermFormat::kOmegaT);
  CHECK(TermFormatFor("a.txt", "TBX3") == TermFormat::kTbx3);
  CHECK(Thrown([] { TermFormatFor("a.xlsx", ""); }).kind() == Error::Kind::kUsage);
  CHECK(Thrown([] { TermFormatFor("a.tbx", "xlsx"); }).kind() == Error::Kind::kUsage);
  CHECK(DetectTermFormat(SourceDir() + "/glossaries/korean-war.tbx", "") == TermFormat::kTbx2);
  CHECK(DetectTermFormat(SharedDir() + "/corpus/tbx/own/tm-terms.v3-dca.tbx", "") == TermFormat::kTbx3);
  CHECK(DetectTermFormat(SharedDir() + "/corpus/tbx/own/tm-terms.v3-dct.tbx", "tbx") == TermFormat::kTbx3);
  CHECK(DetectTermFormat(OkapiDir() + "test02_win1254.tbx", "") == TermFormat::kTbx2);
  TempDir dir;
  std::string not_tbx = WriteFile(dir / "x.tbx", "<?xml version='1.0'?>\n<!-- c -->\n<tmx version='1.4'/>");
  Error e = Thrown([&] { DetectTermFormat(not_tbx, ""); });
  CHECK(e.kind() == Error::Kind::kInput);
  CHECK(Contains(e.message(), "<tmx>"));
}

TEST_CASE("every TBX file of the corpus imports", "[termfile]") {
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SharedDir() + "/corpus/tbx")) {
    if (!entry.is_regular_file()) continue;
    INFO(entry.path().string());
    std::vector<Concept> concepts = Read(entry.path().string());
    CHECK(!concepts.empty());
    for (const Concept& c : concepts) {
      CHECK(!c.terms.empty());
      for (const Term& t : c.terms) {
        CHECK(!t.text.empty());
        CHECK(!t.lang.empty());
      }
    }
    ++files;
  }
  CHECK(files == 10);
}

TEST_CASE("TBX v2 files from Okapi and OmegaT give their content", "[termfile]") {
  SECTION("test01.tbx: entry-level subject and definition, UTF-8 with BOM") {
    std::vector<Concept> c = Read(OkapiDir() + "test01.tbx");
    REQUIRE(c.size() == 1);
    CHECK(c[0].id == "eid-Oracle-67");
    CHECK(c[0].subject == "manufacturing");
    CHECK(c[0].definition == "A value between 0 and 1 used in ...");
    CHECK(c[0].definition_lang == "en");  // the martif's xml:lang
    REQUIRE(c[0].terms.size() == 2);
    CHECK(Describe(c[0].terms[0]) == "en [alpha smoothing factor]  pos=noun type= note=");
    CHECK(c[0].terms[1].lang == "hu");
    CHECK(c[0].terms[1].text == "Alfa simítási tényező");
  }
  SECTION("test02_win1254.tbx: windows-1254 declared in the XML declaration") {
    std::vector<Concept> c = Read(OkapiDir() + "test02_win1254.tbx");
    REQUIRE(c.size() == 1);
    REQUIRE(c[0].terms.size() == 2);
    CHECK(c[0].terms[0].text == "term with: éá and İı");
    CHECK(c[0].terms[1].lang == "tr");
    CHECK(c[0].terms[1].text == "tr term with: éá and İı");
  }
  SECTION("maryland.tbx: ntig/termGrp, upper-case language tags") {
    std::vector<Concept> c = Read(OkapiDir() + "maryland.tbx");
    REQUIRE(c.size() == 1);
    CHECK(c[0].terms.size() == 13);
    CHECK(c[0].definition == "personne qui accomplit un travail copie ou d'écriture");
    CHECK(c[0].definition_lang == "en");  // <martif xml:lang="EN">
    const Term* t = FindTerm(c, "escribano");
    REQUIRE(t);
    CHECK(t->lang == "es");
    CHECK(t->term_type == "variant");
  }
  SECTION("oracle_TBX.tbx: TBX-Default status values, langSet notes, trailing spaces") {
    std::vector<Concept> c = Read(OkapiDir() + "oracle_TBX.tbx");
    REQUIRE(c.size() == 2);
    const Term* t = FindTerm(c, "Entidade de Supervisão de Província");
    REQUIRE(t);
    CHECK(t->lang == "pt");
    CHECK(t->status == TermStatus::kPreferred);  // standardizedTerm-admn-sts
    CHECK(t->usage_note == "Termo específico aos EUA.");
    CHECK(c[0].subject == "HR");
    CHECK(c[0].definition_lang == "en");
    CHECK(c[0].definition.rfind("GREs and PREs represent an employer the governments", 0) == 0);
  }
  SECTION("sdl_tbx.tbx: many entries, definitions in descripGrp at langSet level") {
    std::vector<Concept> c = Read(OkapiDir() + "sdl_tbx.tbx");
    CHECK(c.size() == 223);
    size_t terms = 0;
    for (const Concept& k : c) terms += k.terms.size();
    CHECK(terms == 472);  // 516 <term> elements, 44 of them empty
    CHECK(c[0].id == "c1");
    CHECK(c[0].definition == "Parallel folds, alternating in direction. Also called 'concertina fold'.");
    CHECK(c[0].definition_lang == "en");
    CHECK(Describe(c[0].terms[1]) == "de [Harmonikafalz]  pos= type=synonym note=");
  }
  SECTION("medtronic and ibm") {
    std::vector<Concept> m = Read(OkapiDir() + "medtronic_TBX.tbx");
    CHECK(m.size() == 3);
    size_t deprecated = 0;
    for (const Concept& k : m) {
      for (const Term& t : k.terms) deprecated += t.status == TermStatus::kDeprecated;
    }
    CHECK(deprecated > 0);
    std::vector<Concept> ibm = Read(OkapiDir() + "ibm_tbx.tbx");
    CHECK(ibm.size() == 5);
    CHECK(ibm[0].subject == "Software");
    CHECK(Describe(ibm[0].terms[2]) == "fr [historique de navigation]  pos=nom type= note=");
  }
  SECTION("OmegaT sampleTBXfile.tbx") {
    std::vector<Concept> c = Read(SharedDir() +
                                  "/corpus/tbx/omegat-org__omegat/src/test/resources/data/glossaries/sampleTBXfile.tbx");
    REQUIRE(c.size() == 1);
    CHECK(c[0].terms[1].text == "hu translation");
    CHECK(c[0].terms[0].term_type == "fullForm");
  }
}

TEST_CASE("TBX v3 in DCA and DCT style give the same concepts", "[termfile]") {
  std::vector<Concept> dca = Read(SharedDir() + "/corpus/tbx/own/tm-terms.v3-dca.tbx");
  std::vector<Concept> dct = Read(SharedDir() + "/corpus/tbx/own/tm-terms.v3-dct.tbx");
  REQUIRE(dca.size() == 3);
  CheckSame(dca, dct);
  CHECK(dca[0].id == "tm");
  CHECK(dca[0].subject == "localization");
  CHECK(dca[0].definition == "A database of source segments paired with their translations.");
  CHECK(dca[0].definition_lang == "en");
  CHECK(Describe(dca[0].terms[1]) == "en [TM] admitted pos= type=abbreviation note=");
  CHECK(Describe(dca[0].terms[2]) == "zh-Hans [翻译记忆库] preferred pos= type= note=");
  CHECK(dca[2].note == "Prefer \"term base\" for a managed, concept-oriented collection.");
  const Term* t = FindTerm(dct, "용어 뱅크");
  REQUIRE(t);
  CHECK(t->lang == "ko");
  CHECK(t->status == TermStatus::kDeprecated);
}

TEST_CASE("korean-war.tbx and korean-war.tsv hold the same concepts", "[termfile]") {
  std::vector<Concept> tbx = Read(SourceDir() + "/glossaries/korean-war.tbx");
  std::vector<Concept> tsv = Read(SourceDir() + "/glossaries/korean-war.tsv");
  REQUIRE(tbx.size() == 62);
  CheckSame(tbx, tsv);
  const Term* cpv = FindTerm(tbx, "CPV");
  REQUIRE(cpv);
  CHECK(cpv->case_sensitive);
  CHECK(cpv->status == TermStatus::kAdmitted);
  CHECK(cpv->term_type == "acronym");
  CHECK(cpv->usage_note == "Abbreviation of Chinese People's Volunteers.");
  CHECK(tbx[0].terms[0].text == "Chinese People's Volunteer Army");
  CHECK(tbx[0].definition_lang == "en");
  size_t forbidden = 0;
  for (const Concept& c : tbx) {
    for (const Term& t : c.terms) forbidden += t.status == TermStatus::kForbidden;
  }
  CHECK(forbidden >= 7);
}

TEST_CASE("korean-war.tbx survives v2 -> v3 -> v2 and the table formats", "[termfile]") {
  TempDir dir;
  std::vector<Concept> original = Read(SourceDir() + "/glossaries/korean-war.tbx");
  TermFileOptions options;
  WriteTermFile(dir / "kw3.tbx", original, [] { TermFileOptions o; o.format = TermFormat::kTbx3; return o; }());
  CHECK(DetectTermFormat(dir / "kw3.tbx", "") == TermFormat::kTbx3);
  std::string v3 = ReadFile(dir / "kw3.tbx");
  CHECK(v3.find("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">") !=
        std::string::npos);
  std::vector<Concept> from_v3 = Read(dir / "kw3.tbx");
  CheckSame(original, from_v3);
  WriteTermFile(dir / "kw2.tbx", from_v3, options);
  CHECK(DetectTermFormat(dir / "kw2.tbx", "") == TermFormat::kTbx2);
  CheckSame(original, Read(dir / "kw2.tbx"));
  // The v2 body is korean-war.tbx's, element for element.
  std::string kw2 = ReadFile(dir / "kw2.tbx");
  std::string kw = ReadFile(SourceDir() + "/glossaries/korean-war.tbx");
  CHECK(kw2.substr(kw2.find("  <text>")) == kw.substr(kw.find("  <text>")));
  WriteTermFile(dir / "kw.tsv", original, options);
  CheckSame(original, Read(dir / "kw.tsv"));
  WriteTermFile(dir / "kw.csv", original, options);
  CheckSame(original, Read(dir / "kw.csv"));
  // The same columns as korean-war.tsv (the rows may be grouped differently).
  std::string tsv = ReadFile(dir / "kw.tsv");
  CHECK(tsv.substr(0, tsv.find('\n')) == "id\ten\tzh-Hans\tko\tstatus\ttype\tpos\tcase\tsubject\tdefinition\tnote");
  // No temporaries are left beside the files.
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  CHECK(files == 4);
}

TEST_CASE("every field survives each format, odd values included", "[termfile]") {
  Concept a;
  a.id = "x1";
  a.subject = "law\nfinance";
  a.definition = "Ein \"Vertrag\" <bindend> & mehr, auch; mit \\ Schrägstrich";
  a.definition_lang = "de";
  a.note = "first note\nsecond note";
  Term t1{"en", "contract, binding", TermStatus::kPreferred, "noun", "fullForm", false, "quote \"x\" and more"};
  Term t2{"de", "Vertrag", TermStatus::kPreferred, "noun", "fullForm", false, "quote \"x\" and more"};
  Term t3{"en", "K.O.", TermStatus::kSuperseded, "", "abbreviation", true, ""};
  Term t4{"zh-Hant-TW", "合約", TermStatus::kUnspecified, "", "", false, ""};
  a.terms = {t1, t3, t2, t4};
  Concept b;  // no id, definition in a language without terms, no subject
  b.definition = "sans termes français";
  b.definition_lang = "fr";
  b.terms = {Term{"en", "deal", TermStatus::kForbidden, "", "", false, "n1\nn2"}};
  Concept c;  // no id, several rows, definition of unknown language
  c.definition = "unknown language";
  c.terms = {Term{"de", "Abmachung", TermStatus::kAdmitted, "", "", false, ""},
             Term{"de", "Absprache", TermStatus::kDeprecated, "", "", false, ""}};
  std::vector<Concept> model = {a, b, c};

  TempDir dir;
  for (const char* name : {"m.tbx", "m3.tbx", "m.tsv", "m.csv"}) {
    INFO(name);
    TermFileOptions o;
    if (std::string(name) == "m3.tbx") o.format = TermFormat::kTbx3;
    WriteTermFile(dir / name, model, o);
    std::vector<Concept> back = Read(dir / name);
    REQUIRE(back.size() == 3);
    if (std::string(name) == "m.tbx") {
      CheckSame(model, back);
    } else {
      // v3 and the tables give concepts without id one (an id is required, or keeps rows together).
      CHECK(back[0].id == "x1");
      for (size_t i = 0; i < 3; ++i) {
        back[i].id = model[i].id;
        CHECK(Describe(back[i]) == Describe(model[i]));
      }
    }
  }
}

TEST_CASE("bilingual tables of Okapi and OmegaT import with the caller's languages", "[termfile]") {
  SECTION("Okapi test01.csv") {
    std::vector<Concept> c = Read(OkapiTsvDir() + "test01.csv", "en", "fr");
    REQUIRE(c.size() == 4);
    CHECK(Describe(c[1]) == "id= subject= definition()= note=\n  en [source 2]  pos= type= note=\n"
                            "  fr [target 2]  pos= type= note=");
    CHECK(c[2].terms[1].text == "target 3");
    CHECK(c[3].terms[0].text == "   source 3   ");  // quoted: kept as written
  }
  SECTION("Okapi test01.tsv: rows without source or target are skipped") {
    std::vector<Concept> c = Read(OkapiTsvDir() + "test01.tsv", "en", "fr");
    REQUIRE(c.size() == 3);
    CHECK(c[2].terms[1].text == "target 3");
    CHECK(c[2].terms[1].lang == "fr");
  }
  SECTION("Okapi test02_utf16be.tsv: UTF-16BE with BOM, CRLF") {
    std::vector<Concept> c = Read(OkapiTsvDir() + "test02_utf16be.tsv", "en", "fr");
    REQUIRE(c.size() == 2);
    CHECK(c[0].terms[0].text == "entry 1");
    CHECK(c[1].terms[1].text == "\u00e9\u00df\u00d1\uffe6 target 2");
  }
  SECTION("OmegaT test.csv: RFC 4180 quoting, ';' inside a term") {
    std::vector<Concept> c = Read(OmegaTTsvDir() + "test.csv", "cs", "en");
    REQUIRE(c.size() == 7);
    CHECK(c[0].terms[1].text == "csv kde");
    CHECK(c[2].terms[0].text == "kde; question");
    CHECK(c[3].terms[0].text == "kde, qu");
    CHECK(c[4].terms[0].text == "\"kde\",\"q\"");
    CHECK(c[5].terms[0].text == "\"\"k");
    CHECK(c[6].terms[0].text == "zz\"zz");
  }
  SECTION("OmegaT test.tab: source, target and comment") {
    std::vector<Concept> c = Read(OmegaTTsvDir() + "test.tab", "ja", "fr");
    REQUIRE(c.size() == 4);
    CHECK(c[0].terms[1].text == "koo moo");
    CHECK(c[2].terms[0].text == "地球システム");
    CHECK(c[2].note == "https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre");
  }
  SECTION("OmegaT magic comments: only a comment, with and without BOM") {
    CHECK(Read(OmegaTTsvDir() + "test-magiccomment.tab", "en", "fr").empty());
    CHECK(Read(OmegaTTsvDir() + "test-magiccomment-bom.tab").empty());
  }
  SECTION("without a language header or languages: a usage error naming the file") {
    for (const char* f : {"test01.csv", "test01.tsv", "test02_utf16be.tsv"}) {
      Error e = Thrown([&] { Read(OkapiTsvDir() + f); });
      CHECK(e.kind() == Error::Kind::kUsage);
      CHECK(e.where().file == OkapiTsvDir() + f);
      CHECK(e.where().line == 1);
      CHECK(Contains(e.message(), "source and target language"));
    }
    Error e = Thrown([&] { Read(OmegaTTsvDir() + "test.tab"); });
    CHECK(e.kind() == Error::Kind::kUsage);
  }
}

TEST_CASE("OmegaT glossaries are written with acceptable targets and read back", "[termfile]") {
  TempDir dir;
  std::vector<Concept> kw = Read(SourceDir() + "/glossaries/korean-war.tbx");
  TermFileOptions o;
  o.from_lang = "en";
  o.to_lang = "zh";  // matches zh-Hans
  WriteTermFile(dir / "kw.tab", kw, o);
  std::string text = ReadFile(dir / "kw.tab");
  CHECK(text.rfind("# Glossary in tab-separated format -*- coding: utf-8 -*-\n", 0) == 0);
  CHECK(text.find("CPV\t中国人民志愿军\n") != std::string::npos);
  std::vector<Concept> back = Read(dir / "kw.tab", "en", "zh-Hans");
  CHECK(back.size() > 62);
  for (const Concept& c : back) CHECK(c.terms[1].lang == "zh-Hans");
  TermFileOptions none;
  CHECK(Thrown([&] { WriteTermFile(dir / "x.tab", kw, none); }).kind() == Error::Kind::kUsage);
  CHECK_FALSE(std::filesystem::exists(dir / "x.tab"));
}

TEST_CASE("tmkit tables: header, ids, rows and errors", "[termfile]") {
  TempDir dir;
  SECTION("a CSV with quoted cells, ids shared by rows, no optional columns") {
    std::string f = WriteFile(dir / "t.csv",
                              "EN,fr-fr,id\n"
                              "\"Hello, world\",\"Bonjour, \"\"monde\"\"\",g1\n"
                              "Hi,,g1\r\n"
                              "\n"
                              "  cat  ,chat\n");
    std::vector<Concept> c = Read(f);
    REQUIRE(c.size() == 2);
    CHECK(c[0].id == "g1");
    CHECK(Describe(c[0]) ==
          "id=g1 subject= definition()= note=\n  en [Hello, world]  pos= type= note=\n"
          "  en [Hi]  pos= type= note=\n  fr-FR [Bonjour, \"monde\"]  pos= type= note=");
    CHECK(c[1].terms[0].text == "cat");
  }
  SECTION("a first row of language tags is an entry when the given languages are not in it") {
    std::string f = WriteFile(dir / "b.csv", "de,da\nja,yes\n");
    CHECK(Read(f, "en", "de").size() == 2);
    std::vector<Concept> c = Read(f, "de", "da");  // a header after all
    REQUIRE(c.size() == 1);
    CHECK(c[0].terms[1].text == "yes");
    CHECK(c[0].terms[1].lang == "da");
    CHECK(Read(f).size() == 1);
  }
  SECTION("TSV escapes") {
    std::string f = WriteFile(dir / "t.tsv", "en\tnote\na\\tb\\\\c\\x\tline1\\nline2\n");
    std::vector<Concept> c = Read(f);
    REQUIRE(c.size() == 1);
    CHECK(c[0].terms[0].text == "a\tb\\c\\x");
    CHECK(c[0].terms[0].usage_note == "line1\nline2");
  }
  SECTION("errors carry file:line:column") {
    struct Case {
      const char* content;
      uint64_t line, column;
      const char* says;
    } cases[] = {
        {"id\ten\tstatus\nc1\tx\tpreferred\nc1\ty\tfavoured\n", 3, 6, "unknown status"},
        {"id\ten\tcase\nc1\tx\tmaybe\n", 2, 6, "case must be yes or no"},
        {"id\ten\txqq\n", 1, 7, "neither a column name"},
        {"id\ten\tsubject\nc1\tx\tlaw\nc1\ty\tart\n", 3, 6, "differs"},
        {"en\tfr\nx\ty\tz\n", 2, 5, "beyond the 2 columns"},
        {"id\ten\tid\n", 1, 7, "appears twice"},
        {"id\ten\tdefinition_lang\tdefinition\nc\tx\tzz-ZZ\td\n", 2, 5, "unknown language"},
    };
    for (const Case& k : cases) {
      INFO(k.content);
      std::string f = WriteFile(dir / "bad.tsv", k.content);
      Error e = Thrown([&] { Read(f); });
      CHECK(e.kind() == Error::Kind::kInput);
      CHECK(e.where().file == f);
      CHECK(e.where().line == k.line);
      CHECK(e.where().column == k.column);
      CHECK(Contains(e.message(), k.says));
    }
    std::string f = WriteFile(dir / "bad.csv", "en,fr\n\"open,x\n");
    Error e = Thrown([&] { Read(f); });
    CHECK(e.kind() == Error::Kind::kInput);
    CHECK(e.where().ToString() == f + ":2:1");
  }
}

TEST_CASE("malformed and invalid TBX is rejected with file:line:column", "[termfile]") {
  TempDir dir;
  struct Case {
    const char* content;
    uint64_t line, column;
    const char* says;
  } cases[] = {
      {"<?xml version=\"1.0\"?>\n<martif>\n <text><body>\n  <termEntry><langSet xml:lang=\"en\">"
       "<tig><term>a</tig>\n</langSet></termEntry></body></text></martif>\n",
       4, 51, "malformed XML"},
      {"<martif><text><body>\n<termEntry>\n  <langSet xml:lang=\"xx\"><tig><term>a</term></tig></langSet>"
       "</termEntry></body></text></martif>",
       3, 3, "unknown language \"xx\""},
      {"<martif><text><body>\n<termEntry>\n  <langSet xml:lang=\"en us\"><tig><term>a</term></tig></langSet>"
       "</termEntry></body></text></martif>",
       3, 3, "invalid language tag"},
      {"<martif><text><body>\n<termEntry>\n  <langSet><tig><term>a</term></tig></langSet>"
       "</termEntry></body></text></martif>",
       3, 3, "without xml:lang"},
      {"<tbx><text><body><conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>a</term>\n"
       "<termNote type=\"administrativeStatus\">obsoleteTerm-admn-sts</termNote></termSec></langSec>"
       "</conceptEntry></body></text></tbx>",
       2, 1, "unknown administrativeStatus"},
      {"<martif><text><body>\n<termEntry><langSet xml:lang=\"en\"><tig><termNote type=\"termType\">x"
       "</termNote></tig></langSet></termEntry></body></text></martif>",
       2, 35, "without <term>"},
      {"<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>", 2, 1, "not a TBX document"},
  };
  for (const Case& k : cases) {
    INFO(k.content);
    std::string f = WriteFile(dir / "bad.tbx", k.content);
    Error e = Thrown([&] { Read(f); });
    CHECK(e.kind() == Error::Kind::kInput);
    CHECK(e.where().file == f);
    CHECK(e.where().line == k.line);
    CHECK(e.where().column == k.column);
    CHECK(Contains(e.message(), k.says));
  }
}

TEST_CASE("UTF-16 TBX and an encoding override are read", "[termfile]") {
  TempDir dir;
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<martif type=\"TBX-Basic\" xml:lang=\"en\"><text><body>"
      "<termEntry id=\"e1\"><langSet xml:lang=\"ko\"><tig><term>번역 메모리</term>"
      "<termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></tig></langSet>"
      "</termEntry></body></text></martif>\n";
  // UTF-8 -> UTF-16LE with BOM (the text is in the BMP).
  std::string utf16 = "\xFF\xFE";
  std::u32string cps;
  for (size_t i = 0; i < xml.size();) {
    auto c = static_cast<unsigned char>(xml[i]);
    char32_t cp;
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(xml[i + k]) & 0x3F);
    i += len;
    utf16.push_back(static_cast<char>(cp & 0xFF));
    utf16.push_back(static_cast<char>(cp >> 8));
  }
  std::string f = WriteFile(dir / "u16.tbx", utf16);
  std::vector<Concept> c = Read(f);
  REQUIRE(c.size() == 1);
  CHECK(Describe(c[0].terms[0]) == "ko [번역 메모리] preferred pos= type= note=");

  // A Latin-1 table read with an explicit encoding.
  std::string latin = WriteFile(dir / "l1.tsv", "de\tfr\nStra\xDF" "e\tpr\xE9" "\n");
  Error e = Thrown([&] { Read(latin); });
  CHECK(e.kind() == Error::Kind::kInput);
  CHECK(e.where().line == 2);
  TermFileOptions o;
  o.encoding = "ISO-8859-1";
  std::vector<Concept> l = ReadTermFile(latin, o);
  REQUIRE(l.size() == 1);
  CHECK(l[0].terms[0].text == "Straße");
  CHECK(l[0].terms[1].text == "pré");
}

TEST_CASE("writing is atomic: a failed write leaves the old file", "[termfile]") {
  TempDir dir;
  std::string f = WriteFile(dir / "g.tbx", "old");
  Concept bad;
  bad.terms = {Term{"en", std::string("a\x01") + "b", TermStatus::kUnspecified, "", "", false, ""}};
  Error e = Thrown([&] { WriteTermFile(f, {bad}, {}); });
  CHECK(e.kind() == Error::Kind::kInput);
  CHECK(ReadFile(f) == "old");
  Concept ok;
  ok.terms = {Term{"en", "a", TermStatus::kUnspecified, "", "", false, ""}};
  Error io = Thrown([&] { WriteTermFile(dir / "no/such/dir/g.tbx", {ok}, {}); });
  CHECK(io.kind() == Error::Kind::kIo);
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    (void)entry;
    ++files;
  }
  CHECK(files == 1);
}

TEST_CASE("TBX v2 output validates against the TBX core schema", "[termfile]") {
  if (std::system("xmllint --version >/dev/null 2>&1") != 0) return;
  TempDir dir;
  // tbx.xsd imports xml.xsd for xml:lang; a minimal one keeps the check offline.
  WriteFile(dir / "tbx.xsd", ReadFile(SharedDir() + "/schemas/tbx.xsd"));
  WriteFile(dir / "xml.xsd",
            "<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
            "targetNamespace=\"http://www.w3.org/XML/1998/namespace\">\n"
            "  <xs:attribute name=\"lang\" type=\"xs:string\"/>\n</xs:schema>\n");
  for (const std::string& source : {SourceDir() + "/glossaries/korean-war.tbx",
                                    SharedDir() + "/corpus/tbx/own/tm-terms.v3-dct.tbx",
                                    OkapiDir() + "sdl_tbx.tbx"}) {
    INFO(source);
    WriteTermFile(dir / "out.tbx", Read(source), {});
    std::string cmd = "xmllint --noout --nonet --schema '" + (dir / "tbx.xsd") + "' '" +
                      (dir / "out.tbx") + "' >/dev/null 2>&1";
    CHECK(std::system(cmd.c_str()) == 0);
  }
}
