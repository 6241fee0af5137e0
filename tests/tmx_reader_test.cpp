#include "tmx/tmx_reader.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "test_util.h"
#include "tmx/seg.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

std::vector<Unit> ReadAll(const std::string& path, std::vector<TmxProblem>* problems = nullptr,
                          bool skip_invalid = false) {
  TmxReader reader(path, TmxReader::Options{skip_invalid});
  std::vector<Unit> units;
  Unit u;
  Location where;
  while (reader.Next(&u, &where)) units.push_back(std::move(u));
  if (problems) *problems = reader.problems();
  return units;
}

// The error a file raises: its line, column and message.
Error ErrorOf(const std::string& path) {
  try {
    ReadAll(path);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for " << path);
  return Error(Error::Kind::kInput, "");
}

std::string Corpus(const std::string& rel) { return SharedDir() + "/corpus/tmx/" + rel; }
const std::string kKit = "omegat-org__omegat/src/test/resources/data/tmx/TMXComplianceKit/";

}  // namespace

TEST_CASE("the shipped memory reads as 3-language units", "[tmx_reader]") {
  auto units = ReadAll(SourceDir() + "/tmx/shangganling.en-zh-ko.tmx");
  REQUIRE(units.size() >= 10);
  for (const Unit& u : units) {
    CHECK(u.FindVariant("en"));
    CHECK(u.FindVariant("zh-CN"));
    CHECK(u.FindVariant("ko-KR"));
    CHECK(u.attr("tuid"));
  }
}

TEST_CASE("TMX compliance kit: level 2 markup is kept with attributes and code", "[tmx_reader]") {
  auto units = ReadAll(Corpus(kKit + "ImportTest2C.tmx"));
  REQUIRE(units.size() == 1);
  const Unit& u = units[0];
  CHECK(*u.attr("tuid") == "tu001");
  CHECK(*u.attr("usagecount") == "100");
  CHECK(*u.attr("srclang") == "en-US");  // canonicalised
  // Notes and props in document order: note, note, prop.
  REQUIRE(u.annotations.size() == 3);
  CHECK(u.annotations[0].kind == Annotation::Kind::kNote);
  CHECK(u.annotations[0].text == "Text of tu note 1");
  CHECK(u.annotations[2].kind == Annotation::Kind::kProp);
  CHECK(*FindAttr(u.annotations[2].attrs, "type") == "myPropeType");
  CHECK(*FindAttr(u.annotations[2].attrs, "xml:lang") == "en-us");
  REQUIRE(u.variants.size() == 3);
  const Variant& fr = u.variants[1];
  CHECK(fr.lang == "fr");
  // fr tuv: prop, note, prop, note interleaved, kept in that order.
  REQUIRE(fr.annotations.size() == 4);
  CHECK(fr.annotations[0].kind == Annotation::Kind::kProp);
  CHECK(fr.annotations[1].kind == Annotation::Kind::kNote);
  CHECK(fr.seg ==
        "<it x=\"1\" pos=\"begin\" type=\"italic\">&lt;I&gt;</it><bpt x=\"2\" i=\"1\" "
        "type=\"bold\">&lt;B&gt;</bpt>Cliquez <ph x=\"3\" type=\"image\" "
        "assoc=\"b\">&lt;IMG SRC=\"here.png\" ALT=\"<sub>Commencez ici !</sub>\"&gt;</ph> pour "
        "<hi type=\"verb\" x=\"4\">commencer</hi>.<ept i=\"1\">&lt;/B&gt;</ept>");
  CHECK(SegPlainText(fr.seg) == "Cliquez  pour commencer.");
}

TEST_CASE("UTF-16 files of the compliance kit read like their UTF-8 twins", "[tmx_reader]") {
  auto utf16 = ReadAll(Corpus(kKit + "ImportTest2A.tmx"));
  auto utf8 = ReadAll(Corpus(kKit + "ImportTest2A-0index.tmx"));
  REQUIRE(utf16.size() == 7);
  REQUIRE(utf8.size() == utf16.size());
  // The twins differ only in x attributes (0-based in one): compare languages and text.
  for (size_t i = 0; i < utf8.size(); ++i) {
    REQUIRE(utf8[i].variants.size() == utf16[i].variants.size());
    for (size_t v = 0; v < utf8[i].variants.size(); ++v) {
      CHECK(utf8[i].variants[v].lang == utf16[i].variants[v].lang);
      CHECK(SegPlainText(utf8[i].variants[v].seg) == SegPlainText(utf16[i].variants[v].seg));
    }
  }
  CHECK(ReadAll(Corpus(kKit + "ImportTest1G.tmx")).size() == 3);  // UTF-16BE with BOM
}

TEST_CASE("mixed-case language tags are canonicalised", "[tmx_reader]") {
  auto units = ReadAll(Corpus(kKit + "ImportTest1B.tmx"));
  REQUIRE(units.size() == 1);
  CHECK(units[0].variants[0].lang == "en-US");
  CHECK(units[0].variants[1].lang == "fr-CA");
}

TEST_CASE("TMX 1.1 lang attributes and header srclang are accepted", "[tmx_reader]") {
  auto units = ReadAll(Corpus("omegat-org__omegat/src/test/resources/data/tmx/test-multiple-entries11.tmx"));
  REQUIRE(units.size() == 4);
  CHECK(units[0].variants[0].lang == "en-US");
  CHECK(units[0].variants[1].lang == "co");
  // srclang from the header is made explicit on the unit.
  CHECK(*units[0].attr("srclang") == "en-US");
  // props with markup-like text stay text.
  CHECK(units[3].annotations[2].text ==
        "For installation on other operating systems (such as FreeBSD and Solaris).<br0/>");
}

TEST_CASE("the header's datatype becomes the unit's default", "[tmx_reader]") {
  TempDir dir;
  auto read = [&](const std::string& header_datatype, const std::string& tu_attrs) {
    std::string f = WriteFile(dir / "d.tmx",
        "<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"" + header_datatype +
        "\"/><body><tu" + tu_attrs + "><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu></body></tmx>");
    auto units = ReadAll(f);
    REQUIRE(units.size() == 1);
    const std::string* dt = units[0].attr("datatype");
    return dt ? *dt : std::string("(none)");
  };
  CHECK(read("html", "") == "html");
  CHECK(read("html", " datatype=\"xml\"") == "xml");
  CHECK(read("plaintext", "") == "(none)");
  CHECK(read("unknown", "") == "(none)");
}

TEST_CASE("every TMX of the shared corpus reads", "[tmx_reader][corpus]") {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SharedDir() + "/corpus/tmx")) {
    if (entry.path().extension() != ".tmx") continue;
    ++files;
    INFO(entry.path().string());
    std::vector<TmxProblem> problems;
    CHECK_NOTHROW(ReadAll(entry.path().string(), &problems));
    CHECK(problems.empty());
  }
  CHECK(files >= 40);
}

// The units of a file read again and again into the same Unit, whose buffers Next reuses.
std::vector<Unit> ReadReusing(const std::string& path) {
  TmxReader reader(path, TmxReader::Options{true});
  std::vector<Unit> units;
  Unit u;
  Location where;
  while (reader.Next(&u, &where)) units.push_back(u);  // a copy: u keeps its buffers
  return units;
}

void CheckSameUnits(const std::vector<Unit>& a, const std::vector<Unit>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO("unit " << i);
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].SameContent(b[i]));
  }
}

TEST_CASE("a unit read into the one before it keeps nothing of it", "[tmx_reader]") {
  TempDir dir;
  std::string path = WriteFile(dir / "shapes.tmx", Tmx(
      "<tu tuid=\"1\" srclang=\"en\" usagecount=\"3\"><prop type=\"x\">p</prop><note>n</note>"
      "<prop type=\"y\">q</prop>"
      "<tuv xml:lang=\"en\" creationid=\"me\"><note>vn</note><prop type=\"z\">vp</prop>"
      "<seg>Long <ph x=\"1\">&lt;br/&gt;</ph> text &amp; more</seg></tuv>"
      "<tuv xml:lang=\"zh-CN\" changeid=\"you\"><seg>中文</seg></tuv>"
      "<tuv xml:lang=\"ko\"><seg>한국어</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"></tuv></tu>\n"  // invalid (no seg): skipped
      "<tu><tuv lang=\"fr\"><seg>a</seg></tuv></tu>\n"
      "<tu tuid=\"4\"><note>only</note><tuv xml:lang=\"en\"><seg></seg></tuv>"
      "<tuv xml:lang=\"de\" o-encoding=\"x\"><seg>b</seg></tuv></tu>\n"));
  std::vector<Unit> reused = ReadReusing(path);
  std::vector<TmxProblem> problems;
  CheckSameUnits(reused, ReadAll(path, &problems, true));
  CHECK(problems.size() == 1);
  REQUIRE(reused.size() == 3);
  const Unit& u = reused[1];
  CHECK(u.attrs.size() == 1);  // the header's srclang, made explicit
  CHECK(u.annotations.empty());
  REQUIRE(u.variants.size() == 1);
  CHECK(u.variants[0].lang == "fr");
  CHECK(u.variants[0].attrs.empty());
  CHECK(u.variants[0].annotations.empty());
  CHECK(u.variants[0].seg == "a");
  REQUIRE(reused[2].variants.size() == 2);
  CHECK(reused[2].variants[0].seg.empty());
  CHECK(reused[2].variants[1].attrs == Attrs{{"o-encoding", "x"}});
}

TEST_CASE("every unit of the shared corpus reads the same into a reused unit", "[tmx_reader][corpus]") {
  size_t units = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SharedDir() + "/corpus/tmx")) {
    if (entry.path().extension() != ".tmx") continue;
    INFO(entry.path().string());
    std::vector<Unit> fresh;
    try {
      fresh = ReadAll(entry.path().string(), nullptr, true);
    } catch (const Error&) {
      continue;  // a malformed file: the case above checks its error
    }
    CheckSameUnits(ReadReusing(entry.path().string()), fresh);
    units += fresh.size();
  }
  CHECK(units > 300);
}

TEST_CASE("white space inside segments is kept", "[tmx_reader]") {
  TempDir dir;
  std::string path = WriteFile(dir / "ws.tmx", Tmx(
      "<tu><tuv xml:lang=\"en\"><seg>  two  spaces\n\tand <ph x=\"1\"/> <ph x=\"2\"/>&#13;</seg></tuv></tu>\n"));
  auto units = ReadAll(path);
  REQUIRE(units.size() == 1);
  CHECK(units[0].variants[0].seg == "  two  spaces\n\tand <ph x=\"1\"/> <ph x=\"2\"/>&#13;");
}

TEST_CASE("CDATA and character references become plain text", "[tmx_reader]") {
  TempDir dir;
  std::string path = WriteFile(dir / "c.tmx", Tmx(
      "<tu><tuv xml:lang=\"en\"><seg><![CDATA[a < b]]> &#x4E2D;&amp;&apos;</seg></tuv></tu>\n"));
  auto units = ReadAll(path);
  REQUIRE(units.size() == 1);
  CHECK(units[0].variants[0].seg == "a &lt; b 中&amp;'");
  CHECK(SegPlainText(units[0].variants[0].seg) == "a < b 中&'");
  std::string plain = "what the last segment left";
  SegPlainText(units[0].variants[0].seg, &plain);
  CHECK(plain == "a < b 中&'");
  SegPlainText("no markup", &plain);
  CHECK(plain == "no markup");
}

TEST_CASE("malformed files fail with the line and column of the problem", "[tmx_reader]") {
  TempDir dir;
  SECTION("truncated inside a unit") {
    std::string doc = Tmx("<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>\n"
                          "<tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n");
    Error e = ErrorOf(WriteFile(dir / "t.tmx", doc.substr(0, doc.find("<seg>b") + 6)));
    CHECK(e.where().line == 6);
    CHECK(e.message().find("never closed") != std::string::npos);
  }
  SECTION("truncated after the last unit") {
    std::string doc = Tmx("<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>\n");
    Error e = ErrorOf(WriteFile(dir / "t.tmx", doc.substr(0, doc.find("</body>"))));
    CHECK(e.message().find("<body> is never closed") != std::string::npos);
  }
  SECTION("bad nesting") {
    Error e = ErrorOf(WriteFile(dir / "n.tmx", Tmx("<tu><tuv xml:lang=\"en\"><seg>a</tuv></seg></tu>\n")));
    CHECK(e.where().line == 5);
    CHECK(e.where().column == 30);
    CHECK(e.message().find("mismatched end tag </tuv>") != std::string::npos);
  }
  SECTION("empty file") {
    Error e = ErrorOf(WriteFile(dir / "e.tmx", ""));
    CHECK(e.message().find("empty file") != std::string::npos);
  }
  SECTION("a Tiled map is not TMX") {
    Error e = ErrorOf(WriteFile(dir / "map.tmx",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<map version=\"1.2\" orientation=\"orthogonal\">\n</map>\n"));
    CHECK(e.where().line == 2);
    CHECK(e.message().find("root element is <map>") != std::string::npos);
  }
  SECTION("undefined entity") {
    Error e = ErrorOf(WriteFile(dir / "ent.tmx", Tmx("<tu><tuv xml:lang=\"en\"><seg>a&nbsp;b</seg></tuv></tu>\n")));
    CHECK(e.where().line == 5);
    CHECK(e.where().column == 30);
  }
  SECTION("invalid UTF-8") {
    Error e = ErrorOf(WriteFile(dir / "u.tmx", Tmx("<tu><tuv xml:lang=\"en\"><seg>caf\xE9</seg></tuv></tu>\n")));
    CHECK(e.where().line == 5);
    CHECK(e.where().column == 32);
  }
  SECTION("text after the root") {
    Error e = ErrorOf(WriteFile(dir / "x.tmx", Tmx("") + "<extra/>"));
    CHECK(e.message().find("after the end of <tmx>") != std::string::npos);
  }
}

TEST_CASE("units that are not valid TMX are reported per unit", "[tmx_reader]") {
  TempDir dir;
  std::string path = WriteFile(dir / "v.tmx", Tmx(
      "<tu><tuv xml:lang=\"en\"><seg>good</seg></tuv></tu>\n"
      "<tu tuid=\"empty\"></tu>\n"
      "<tu><tuv><seg>no language</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>good too</seg></tuv></tu>\n"));
  std::vector<TmxProblem> problems;
  auto units = ReadAll(path, &problems);
  CHECK(units.size() == 2);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].where.line == 6);
  CHECK(problems[0].message.find("without any <tuv>") != std::string::npos);
  CHECK(problems[1].where.line == 7);
  CHECK(problems[1].message.find("without a language") != std::string::npos);
  CHECK(problems[2].where.line == 8);
  CHECK(problems[2].message.find("no <seg>") != std::string::npos);
}

TEST_CASE("with skip_invalid a truncated file yields the units before the damage", "[tmx_reader]") {
  TempDir dir;
  std::string doc = Tmx("<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>\n"
                        "<tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n");
  std::string path = WriteFile(dir / "t.tmx", doc.substr(0, doc.find("<seg>b") + 6));
  std::vector<TmxProblem> problems;
  auto units = ReadAll(path, &problems, /*skip_invalid=*/true);
  CHECK(units.size() == 1);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("rest of the file is skipped") != std::string::npos);
}

TEST_CASE("DOCTYPE is skipped, never fetched, and comments anywhere are fine", "[tmx_reader]") {
  TempDir dir;
  std::string path = WriteFile(dir / "d.tmx",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"http://example.invalid/tmx14.dtd\" "
      "[<!ENTITY x \"y\">]>\n<!-- c -->\n<tmx version=\"1.4\"><!-- c --><header srclang=\"*all*\"/>"
      "<body><!-- c --><tu><!-- c --><tuv xml:lang=\"ko\"><seg>가<!-- c -->나</seg></tuv></tu></body></tmx><!-- c -->");
  auto units = ReadAll(path);
  REQUIRE(units.size() == 1);
  CHECK(units[0].variants[0].seg == "가나");
  CHECK_FALSE(units[0].attr("srclang"));  // *all* is not copied onto units
}

TEST_CASE("a large file streams through a bounded window", "[tmx_reader]") {
  TempDir dir;
  std::string body;
  for (int i = 0; i < 20000; ++i) {
    body += "<tu tuid=\"" + std::to_string(i) + "\"><tuv xml:lang=\"en\"><seg>unit " +
            std::to_string(i) + "</seg></tuv><tuv xml:lang=\"zh\"><seg>单元" +
            std::to_string(i) + "</seg></tuv></tu>\n";
  }
  std::string path = WriteFile(dir / "big.tmx", Tmx(body));
  TmxReader reader(path, {});
  Unit u;
  Location where;
  int n = 0;
  while (reader.Next(&u, &where)) {
    if (n == 19999) CHECK(where.line == 19999 + 5);
    CHECK(*u.attr("tuid") == std::to_string(n));
    ++n;
  }
  CHECK(n == 20000);
}

TEST_CASE("markup that TMX does not allow in a segment is a problem of its unit, at its place",
          "[tmx_reader]") {
  TempDir dir;
  std::string path = WriteFile(dir / "m.tmx", Tmx(
      "<tu><tuv xml:lang=\"en\"><seg>good <bpt i=\"1\">&lt;b></bpt>x<ept i=\"1\"/></seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>a <b>bold</b></seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg><ph x=\"1\"><bpt i=\"1\">x</bpt></ph></seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg><sub>s</sub></seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg><bpt x=\"1\">b</bpt><ept>e</ept></seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg><it>a</it><it pos=\"middle\">b</it></seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>deep <hi><hi><ph>p<sub>s <hi>h</hi><it pos=\"end\"/>"
      "</sub></ph><ut>u</ut></hi></hi></seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>x</seg></tuv><tuv xml:lang=\"fr\"><seg>\n"
      "  y <sub><foo/></sub></seg></tuv></tu>\n"));
  for (bool skip_invalid : {false, true}) {
    std::vector<TmxProblem> problems;
    auto units = ReadAll(path, &problems, skip_invalid);
    REQUIRE(units.size() == 2);
    CHECK(units[0].variants[0].seg == "good <bpt i=\"1\">&lt;b&gt;</bpt>x<ept i=\"1\"/>");
    CHECK(SegPlainText(units[1].variants[0].seg) == "deep ");
    REQUIRE(problems.size() == 9);
    auto at = [&](size_t i, uint64_t line, uint64_t column, const std::string& text) {
      INFO(problems[i].message);
      CHECK(problems[i].where.file == path);
      CHECK(problems[i].where.line == line);
      CHECK(problems[i].where.column == column);
      CHECK(problems[i].message.find(text) != std::string::npos);
    };
    at(0, 6, 31, "<b> inside <seg> is not TMX markup");
    at(1, 7, 39, "<bpt> inside <ph> is not TMX markup: <ph> may hold only text and <sub>");
    at(2, 8, 29, "<sub> inside <seg>");
    at(3, 9, 29, "<bpt> without the attribute i");
    at(4, 9, 47, "<ept> without the attribute i");
    at(5, 10, 29, "<it> without the attribute pos");
    at(6, 10, 39, "<it> with pos=\"middle\"");
    at(7, 13, 5, "<sub> inside <seg>");
    at(8, 13, 10, "<foo> inside <sub>");
  }
}

TEST_CASE("with skip_invalid bytes not valid in the encoding end the file like other malformations",
          "[tmx_reader]") {
  TempDir dir;
  std::string a = "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>\n";
  struct Case {
    std::string bad, message;
  };
  for (const Case& c : {Case{"caf\xE9", "invalid UTF-8 byte sequence (reading as UTF-8); the rest"},
                        Case{std::string("caf\0e", 5), "NUL character"},
                        Case{"caf</tuv>", "mismatched end tag </tuv>"},
                        Case{"caf&undefined;", "undefined entity &undefined; the rest"}}) {
    INFO(c.message);
    std::string path = WriteFile(
        dir / "b.tmx", Tmx(a + "<tu><tuv xml:lang=\"en\"><seg>" + c.bad + "</seg></tuv></tu>\n" + a));
    Error e = ErrorOf(path);  // without skip_invalid: the whole file fails
    CHECK(e.where().line == 6);
    CHECK(e.where().column == 32);
    std::vector<TmxProblem> problems;
    auto units = ReadAll(path, &problems, /*skip_invalid=*/true);
    REQUIRE(units.size() == 1);
    CHECK(units[0].variants[0].seg == "a");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.line == 6);
    CHECK(problems[0].where.column == 32);
    CHECK(problems[0].message.find(c.message) != std::string::npos);
    CHECK(problems[0].message.find("the rest of the file is skipped") != std::string::npos);
    CHECK(problems[0].message.find(";;") == std::string::npos);
  }
}

TEST_CASE("with skip_invalid every unit before bad bytes past the first read is kept",
          "[tmx_reader]") {
  TempDir dir;
  std::string body;
  for (int i = 0; i < 30000; ++i) {  // about 1.8 MB: the bad byte is in the second 1 MB read
    body += "<tu><tuv xml:lang=\"en\"><seg>unit " + std::to_string(i) + "</seg></tuv></tu>\n";
  }
  body += "<tu><tuv xml:lang=\"en\"><seg>\xFF</seg></tuv></tu>\n";
  std::vector<TmxProblem> problems;
  auto units = ReadAll(WriteFile(dir / "big.tmx", Tmx(body)), &problems, /*skip_invalid=*/true);
  CHECK(units.size() == 30000);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.line == 30005);
  CHECK(problems[0].where.column == 29);
}

TEST_CASE("entities the internal subset declares with plain text are expanded", "[tmx_reader]") {
  TempDir dir;
  auto doc = [](const std::string& subset, const std::string& seg) {
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n" + subset +
           "]>\n<tmx version=\"1.4\"><header srclang=\"en\" o-tmf=\"&co;\"/><body>\n"
           "<tu tuid=\"&co;\"><tuv xml:lang=\"en\"><seg>" + seg + "</seg></tuv></tu>\n</body></tmx>\n";
  };
  std::string subset =
      "  <!-- the company's name [and more] -->\n"
      "  <!ENTITY co \"ACME Corp\">\n"
      "  <!ENTITY co \"a second declaration, which XML ignores\">\n"
      "  <!ENTITY q 'says \"hi\" &amp; &#169; &lt;b&gt;'>\n"
      "  <!ENTITY % pe \"for the DTD only\">\n"
      "  <!ENTITY a_rather_long_entity_name \"long\">\n"
      "  <!ENTITY b \"<b>bold</b>\">\n"
      "  <!ENTITY r \"&co;\">\n"
      "  <!ENTITY ext SYSTEM \"ext.ent\">\n"
      "  <!ENTITY big \"" + std::string(4000, 'x') + "\">\n";
  TmxReader reader(WriteFile(dir / "ok.tmx", doc(subset, "&co; &q; &a_rather_long_entity_name;")), {});
  CHECK(*FindAttr(reader.header().attrs, "o-tmf") == "ACME Corp");
  Unit u;
  Location where;
  REQUIRE(reader.Next(&u, &where));
  CHECK(*u.attr("tuid") == "ACME Corp");
  CHECK(u.variants[0].seg == "ACME Corp says \"hi\" &amp; \u00A9 &lt;b&gt; long");
  CHECK(reader.problems().empty());

  // Not plain text, external, or too much: refused, saying why, at the reference.
  struct Case {
    std::string seg, message;
  };
  for (const Case& c : {Case{"x &b;", "entity &b; is declared in the DOCTYPE, but tmkit does not "
                                      "expand it: it expands only internal entities of plain text"},
                        Case{"x &r;", "entity &r; is declared in the DOCTYPE, but tmkit does not"},
                        Case{"x &ext;", "entity &ext; is declared in the DOCTYPE, but tmkit does not"},
                        Case{"x &nope;", "undefined entity &nope;"},
                        Case{"x " + [] {
                           std::string s;
                           for (int i = 0; i < 300; ++i) s += "&big;";
                           return s;
                         }(),
                             "more than 1 MB"}}) {
    INFO(c.message);
    Error e = ErrorOf(WriteFile(dir / "bad.tmx", doc(subset, c.seg)));
    CHECK(e.message().find(c.message) != std::string::npos);
    CHECK(e.where().line == 15);
    if (c.message != "more than 1 MB") CHECK(e.where().column == 43);
  }
  std::string many;
  for (int i = 0; i < 257; ++i) many += "<!ENTITY e" + std::to_string(i) + " \"x\">";
  Error e = ErrorOf(WriteFile(dir / "many.tmx", doc(many + "\n", "x")));
  CHECK(e.message().find("more than 256 entity declarations") != std::string::npos);
}
