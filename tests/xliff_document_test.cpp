#include "xliff/xliff_document.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

std::string V12(const std::string& units, const std::string& langs = "source-language=\"en\" target-language=\"ko\"") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" "
         "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"a\" " +
         langs + " datatype=\"plaintext\">\n<body>\n" + units + "</body>\n</file>\n</xliff>\n";
}

std::string V20(const std::string& units, const std::string& langs = "srcLang=\"en\" trgLang=\"zh-CN\"") {
  return "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" " +
         langs + ">\n <file id=\"f1\">\n" + units + " </file>\n</xliff>\n";
}

// The Error Load throws for content, or an empty message when it loads.
Error LoadError(const TempDir& dir, const std::string& content, XliffDocument::Options o = {}) {
  std::string path = WriteFile(dir / "bad.xlf", content);
  try {
    XliffDocument::Load(path, o);
  } catch (const Error& e) {
    return e;
  }
  return Error(Error::Kind::kIo, "");
}

}  // namespace

TEST_CASE("1.2 segments: plain text, TMX codes linked by x, states", "[xliff]") {
  TempDir dir;
  std::string path = WriteFile(dir / "a.xlf", V12(
      "<trans-unit id=\"u1\"><source>Press <g id=\"1\">Save</g><x id=\"2\"/> <bpt id=\"3\">&lt;i&gt;</bpt>now<ept id=\"3\">&lt;/i&gt;</ept></source>"
      "<target state=\"final\"><x id=\"2\"/><g id=\"1\">저장</g> <bpt id=\"3\">&lt;i&gt;</bpt>지금<ept id=\"3\">&lt;/i&gt;</ept></target></trans-unit>\n"
      "<group translate=\"no\"><trans-unit id=\"u2\"><source>Skip</source></trans-unit></group>\n"
      "<trans-unit id=\"u3\"><source>A. B.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">A.</mrk> <mrk mtype=\"seg\" mid=\"2\">B.</mrk></seg-source></trans-unit>\n"));
  auto doc = XliffDocument::Load(path);
  CHECK(doc->family() == XliffFamily::kV1);
  const auto& s = doc->segments();
  REQUIRE(s.size() == 4);
  CHECK(s[0].tuid == "u1");
  CHECK(s[0].source_text == "Press Save now");
  CHECK(s[0].source_seg ==
        "Press <bpt i=\"1\" x=\"1\"/>Save<ept i=\"1\"/><ph x=\"2\"/> <bpt i=\"2\" x=\"3\">&lt;i&gt;</bpt>now<ept i=\"2\">&lt;/i&gt;</ept>");
  CHECK(s[0].target_seg ==
        "<ph x=\"2\"/><bpt i=\"1\" x=\"1\"/>저장<ept i=\"1\"/> <bpt i=\"2\" x=\"3\">&lt;i&gt;</bpt>지금<ept i=\"2\">&lt;/i&gt;</ept>");
  CHECK(s[0].state == "final");
  CHECK(s[0].source_lang == "en");
  CHECK(s[0].target_lang == "ko");
  CHECK_FALSE(s[1].translate);
  CHECK(s[2].tuid == "u3/1");
  CHECK(s[3].source_text == "B.");
  CHECK_FALSE(s[3].has_target);
}

TEST_CASE("1.2 fill: codes mapped back onto the file's, refused when they do not line up", "[xliff]") {
  TempDir dir;
  std::string path = WriteFile(dir / "a.xlf", V12(
      "<!-- kept -->\n<trans-unit id=\"u1\"><source>Press <g id=\"7\" ctype=\"bold\">Save</g>.</source>\n<note>n</note></trans-unit>\n"
      "<trans-unit id=\"u2\"><source>Press <g id=\"1\">Save</g>.</source></trans-unit>\n"));
  auto doc = XliffDocument::Load(path);
  std::string tm_src = "Press <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Save<ept i=\"1\">&lt;/b&gt;</ept>.";
  std::string tm_tgt = "<bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>저장<ept i=\"1\">&lt;/b&gt;</ept>을 누르세요.";
  REQUIRE(doc->FillTarget(0, tm_src, tm_tgt, XliffDocument::FillKind::kExact));
  CHECK_FALSE(doc->FillTarget(0, tm_src, tm_tgt, XliffDocument::FillKind::kExact));  // not empty now
  CHECK_FALSE(doc->FillTarget(1, "Press Save.", "저장을 누르세요.", XliffDocument::FillKind::kExact));
  CHECK_FALSE(doc->FillTarget(1, tm_src, "저장을 누르세요.", XliffDocument::FillKind::kExact));  // drops a code
  XliffMatch m;
  m.score = 87.5;
  m.source_seg = "Press Save.";
  m.target_seg = "<ph x=\"1\">{0}</ph>저장을 누르세요.";
  doc->AddMatch(1, m);
  std::string out = doc->ToString();
  CHECK(out.find("<target xml:lang=\"ko\" state=\"translated\" state-qualifier=\"exact-match\">"
                 "<g id=\"7\" ctype=\"bold\">저장</g>을 누르세요.</target>") != std::string::npos);
  CHECK(out.find("<alt-trans match-quality=\"87\" origin=\"tmkit\"><source xml:lang=\"en\">Press Save.</source>"
                 "<target xml:lang=\"ko\"><ph id=\"tm1\">{0}</ph>저장을 누르세요.</target></alt-trans>") !=
        std::string::npos);
  CHECK(out.find("<!-- kept -->") != std::string::npos);
  CHECK(out.find("<note>n</note>") != std::string::npos);
  CHECK(doc->segments()[0].state == "translated");
  doc->Save(dir / "out.xlf");
  auto again = XliffDocument::Load(dir / "out.xlf");
  CHECK(again->segments()[0].target_text == "저장을 누르세요.");
  again->RemoveMatches("tmkit");
  CHECK(again->ToString().find("alt-trans") == std::string::npos);
}

TEST_CASE("2.x segments, Translation Candidates and state", "[xliff]") {
  TempDir dir;
  std::string path = WriteFile(dir / "a.xlf", V20(
      "  <unit id=\"u1\">\n   <originalData><data id=\"d1\">&lt;br/&gt;</data></originalData>\n"
      "   <segment><source>上甘岭<ph id=\"1\" dataRef=\"d1\"/>精神</source></segment>\n"
      "   <segment id=\"s2\" state=\"final\"><source>图片</source><target>사진</target></segment>\n  </unit>\n",
      "srcLang=\"zh-CN\""));
  XliffDocument::Options o;
  o.to = "ko";
  auto doc = XliffDocument::Load(path, o);
  CHECK(doc->family() == XliffFamily::kV2);
  const auto& s = doc->segments();
  REQUIRE(s.size() == 2);
  CHECK(s[0].source_seg == "上甘岭<ph x=\"1\">&lt;br/&gt;</ph>精神");
  CHECK(s[0].tuid == "u1/1");
  CHECK(s[1].tuid == "u1/s2");
  CHECK(s[1].state == "final");
  CHECK(s[0].target_lang == "ko");
  XliffMatch m;
  m.score = 100;
  m.source_seg = "上甘岭<ph x=\"4\"/>精神";
  m.target_seg = "상감령<ph x=\"4\"/> 정신";
  doc->AddMatch(0, m);
  REQUIRE(doc->FillTarget(0, m.source_seg, m.target_seg, XliffDocument::FillKind::kExact));
  std::string out = doc->ToString();
  CHECK(out.find("trgLang=\"ko\"") != std::string::npos);
  CHECK(out.find("xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\"") != std::string::npos);
  CHECK(out.find("<mtc:match ref=\"#tmkit-s1\" similarity=\"100\" matchQuality=\"100\" origin=\"tmkit\">"
                 "<originalData><data id=\"d1\">&lt;br/&gt;</data></originalData>") != std::string::npos);
  CHECK(out.find("<segment id=\"tmkit-s1\" state=\"translated\">") != std::string::npos);
  CHECK(out.find("<target>상감령<ph id=\"1\" dataRef=\"d1\"/> 정신</target>") != std::string::npos);
}

TEST_CASE("bad XLIFF input: kInput errors with positions", "[xliff]") {
  TempDir dir;
  Error e = LoadError(dir, "<xliff version=\"1.2\">\n<file>\n</xliff>\n");
  CHECK(e.kind() == Error::Kind::kInput);
  CHECK(e.where().line == 3);
  e = LoadError(dir, "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>\n");
  CHECK(e.where().line == 2);
  CHECK(e.message().find("not an XLIFF file") != std::string::npos);
  e = LoadError(dir, "<xliff version=\"3.0\"/>");
  CHECK(e.message().find("unknown XLIFF version") != std::string::npos);
  e = LoadError(dir, V12("", "source-language=\"en\""));
  CHECK(e.message().find("no target-language") != std::string::npos);
  CHECK(e.where().line == 3);
  CHECK(LoadError(dir, V12("", "source-language=\"en\""), {"", "fr"}).message().empty());
  e = LoadError(dir, V12("", "source-language=\"en\" target-language=\"xx\""));
  CHECK(e.message().find("unknown language") != std::string::npos);
  e = LoadError(dir, V12("<trans-unit id=\"1\"><source>a &nbsp; b</source></trans-unit>"));
  CHECK(e.message().find("undefined entity") != std::string::npos);
  // XLIFF is edited in place: entities of the internal subset are not expanded, and it says so.
  std::string declared = V12("<trans-unit id=\"1\"><source>a &co; b</source></trans-unit>");
  declared.insert(declared.find('\n') + 1, "<!DOCTYPE xliff [<!ENTITY co \"ACME\">]>\n");
  e = LoadError(dir, declared);
  CHECK(e.message().find("entity &co; is declared in the DOCTYPE, but tmkit does not expand "
                         "entities in this kind of file") != std::string::npos);
  e = LoadError(dir, V12("<trans-unit id=\"1\"><source>a \x08 b</source></trans-unit>"));
  CHECK(e.message().find("U+0008") != std::string::npos);
  e = LoadError(dir, V20("<unit id=\"1\"><segment><source><ec startRef=\"1\"/>a</source></segment>"
                         "<segment><source><sc id=\"1\"/>b</source></segment></unit>"));
  CHECK(e.message().find("<ec startRef=\"1\">") != std::string::npos);
  e = LoadError(dir, V20("<unit id=\"1\"><segment><source><ph id=\"1\" dataRef=\"d1\"/>a</source></segment></unit>"));
  CHECK(e.message().find("dataRef=\"d1\"") != std::string::npos);
}

TEST_CASE("UTF-16 input is read and written as UTF-8", "[xliff]") {
  TempDir dir;
  std::string utf8 = V12("<trans-unit id=\"1\"><source>상감령</source></trans-unit>\n");
  size_t enc = utf8.find("UTF-8");
  utf8.replace(enc, 5, "UTF-16");
  std::u16string u16;
  for (size_t i = 0; i < utf8.size();) {  // the text is BMP-only
    unsigned char c = utf8[i];
    char32_t cp = c < 0x80 ? c : c < 0xE0 ? (c & 0x1F) : (c & 0x0F);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    u16.push_back(static_cast<char16_t>(cp));
    i += n;
  }
  std::string bytes = "\xFF\xFE";
  for (char16_t ch : u16) {
    bytes.push_back(static_cast<char>(ch & 0xFF));
    bytes.push_back(static_cast<char>(ch >> 8));
  }
  auto doc = XliffDocument::Load(WriteFile(dir / "u16.xlf", bytes));
  REQUIRE(doc->segments().size() == 1);
  CHECK(doc->segments()[0].source_text == "상감령");
  CHECK(doc->ToString().rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
}
