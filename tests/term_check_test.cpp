#include "glossary/term_check.h"

#include <catch2/catch.hpp>

#include "glossary/document_check.h"
#include "glossary/term_file.h"
#include "test_util.h"
#include "tmx/seg.h"
#include "tmx/tmx_reader.h"

namespace tmkit {
namespace {

const std::vector<Concept>& KoreanWar() {
  static const std::vector<Concept> concepts =
      ReadTermFile(test::SourceDir() + "/glossaries/korean-war.tsv", {});
  return concepts;
}

// A unit with srclang en (unless the first variant says otherwise) from (lang, seg) pairs.
Unit MakeUnit(std::vector<std::pair<std::string, std::string>> variants, std::string srclang = "en") {
  Unit u;
  SetAttr(&u.attrs, "srclang", srclang);
  for (auto& [lang, seg] : variants) u.variants.push_back({lang, {}, {}, seg});
  return u;
}

std::vector<Finding> Check(const Unit& unit, TermCheckOptions options = {}) {
  TermChecker checker(KoreanWar(), options);
  return checker.CheckUnit(unit, "u1");
}

std::vector<Finding> Errors(const std::vector<Finding>& findings) {
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    if (f.severity == Severity::kError) out.push_back(f);
  }
  return out;
}

TEST_CASE("a source term without an acceptable rendering is missing", "[check]") {
  auto f = Check(MakeUnit({{"en", "The Korean War ended in 1953."},
                           {"zh-CN", "战争于1953年结束。"},
                           {"ko-KR", "한국 전쟁은 1953년에 끝났다."}}));
  REQUIRE(f.size() == 1);
  CHECK(f[0].unit == "u1");
  CHECK(f[0].lang == "zh-CN");
  CHECK(f[0].kind == FindingKind::kMissing);
  CHECK(f[0].severity == Severity::kError);
  CHECK(f[0].concept_id == "c006");
  CHECK(f[0].source_term == "Korean War");
  CHECK(f[0].offset == 4);  // in the source, for a missing term
  REQUIRE(!f[0].expected.empty());
  CHECK(f[0].expected[0] == "朝鲜战争");
  CHECK(f[0].found.empty());
}

TEST_CASE("deprecated, superseded and forbidden renderings are errors", "[check]") {
  auto f = Check(MakeUnit({{"en", "The Korean War ended in 1953."},
                           {"zh-CN", "在韩战中"},
                           {"ko-KR", "조선전쟁은 1953년에 끝났다."}}));
  REQUIRE(f.size() == 2);
  CHECK(f[0].lang == "zh-CN");
  CHECK(f[0].kind == FindingKind::kForbidden);
  CHECK(f[0].found == "韩战");
  CHECK(f[0].offset == 1);  // characters, not bytes
  CHECK(f[0].expected[0] == "朝鲜战争");
  CHECK(f[1].lang == "ko-KR");
  CHECK(f[1].kind == FindingKind::kDeprecated);
  CHECK(f[1].found == "조선전쟁");
  CHECK(f[1].expected[0] == "한국 전쟁");

  // 中공군 for the CPV is forbidden in Korean, with a particle after it.
  f = Check(MakeUnit({{"en", "The Chinese People's Volunteer Army crossed the Yalu River."},
                      {"ko-KR", "중공군이 압록강을 건넜다."}}));
  REQUIRE(f.size() == 1);
  CHECK(f[0].kind == FindingKind::kForbidden);
  CHECK(f[0].found == "중공군");
  CHECK(f[0].expected[0] == "중국인민지원군");

  // Superseded counts as deprecated.
  f = Check(MakeUnit({{"en", "South Korea"}, {"zh-CN", "南朝鲜"}}));
  REQUIRE(f.size() == 1);
  CHECK(f[0].kind == FindingKind::kDeprecated);
  CHECK(f[0].found == "南朝鲜");
}

TEST_CASE("renderings of concepts not in the source are not reported", "[check]") {
  // 조선 (deprecated for North Korea) in the target, but no North Korea in the source.
  auto f = Check(MakeUnit({{"en", "helping the Korean people's war"}, {"ko-KR", "조선 인민의 전쟁을 도우며"}}));
  CHECK(f.empty());
}

TEST_CASE("--strict warns when only admitted renderings are used", "[check]") {
  Unit unit = MakeUnit({{"en", "The Korean War ended in 1953."}, {"ko-KR", "6·25 전쟁은 1953년에 끝났다."}});
  CHECK(Check(unit).empty());
  TermCheckOptions strict;
  strict.strict = true;
  auto f = Check(unit, strict);
  REQUIRE(f.size() == 1);
  CHECK(f[0].kind == FindingKind::kAdmitted);
  CHECK(f[0].severity == Severity::kWarning);
  CHECK(f[0].found == "6·25 전쟁");
  CHECK(f[0].offset == 0);
  CHECK(f[0].expected[0] == "한국 전쟁");

  // 한국전쟁 is both the preferred 한국 전쟁 without its space and the admitted variant
  // 한국전쟁: the term written exactly so decides.
  f = Check(MakeUnit({{"en", "the Korean War"}, {"ko-KR", "한국전쟁에서"}}), strict);
  REQUIRE(f.size() == 1);
  CHECK(f[0].found == "한국전쟁");
  CHECK(Check(MakeUnit({{"en", "the Korean War"}, {"ko-KR", "한국 전쟁에서"}}), strict).empty());
}

TEST_CASE("Korean particles, spacing and English plurals count as renderings", "[check]") {
  CHECK(Check(MakeUnit({{"en", "the martyrs of the Chinese People's Volunteer Army"},
                        {"ko-KR", "중국인민지원군의 열사들과"}}))
            .empty());
  CHECK(Check(MakeUnit({{"en", "the Korean Armistice Agreement"}, {"ko-KR", "한국 정전협정을"}})).empty());
  // Chinese source, English target with a plural.
  TermCheckOptions zh;
  zh.from = "zh";
  CHECK(Check(MakeUnit({{"zh-CN", "老战士"}, {"en", "the war veterans gathered"}}, "zh-CN"), zh).empty());
  auto f = Check(MakeUnit({{"zh-CN", "老战士"}, {"en", "the soldiers gathered"}}, "zh-CN"), zh);
  REQUIRE(f.size() == 1);
  CHECK(f[0].kind == FindingKind::kMissing);
  CHECK(f[0].expected[0] == "war veteran");
}

TEST_CASE("a bracketed gloss after a Hangul word is read through", "[check]") {
  CHECK(Check(MakeUnit({{"en", "the \"Shangganling Spirit\""}, {"ko-KR", "'상감령(上甘嶺) 정신'에 관한"}})).empty());
  CHECK(Check(MakeUnit({{"en", "the Shangganling Spirit"}, {"ko-KR", "상감령（Shangganling） 정신"}})).empty());
  // Not when the brackets hold Hangul, or follow something other than Hangul.
  CHECK(Check(MakeUnit({{"en", "the Shangganling Spirit"}, {"ko-KR", "상감령(고지) 정신"}})).size() == 1);
  // Offsets and fixes are in the original text; a rendering across a gloss is not fixed.
  TermChecker checker(KoreanWar(), {});
  Unit unit = MakeUnit({{"en", "North Korea and the Korean War"}, {"ko-KR", "북괴가 조선(朝鮮)전쟁에서"}});
  auto f = checker.CheckUnit(unit, "g");
  REQUIRE(f.size() == 2);
  CHECK(f[0].found == "북괴");
  CHECK(f[1].found == "조선(朝鮮)전쟁");
  CHECK(f[1].offset == 4);
  TermFix fix = checker.FixUnit(unit, "g");
  CHECK(fix.replacements == 1);
  REQUIRE(fix.unfixed.size() == 1);
  CHECK(fix.unfixed[0].found == "조선(朝鮮)전쟁");
  CHECK(fix.unit.variants[1].seg == "북한이 조선(朝鮮)전쟁에서");
}

TEST_CASE("a term inside a longer term of another concept is not a rendering", "[check]") {
  auto f = Check(MakeUnit({{"en", "North Korea in the Korean War"}, {"zh-CN", "朝鲜战争期间"}}));
  REQUIRE(f.size() == 1);
  CHECK(f[0].kind == FindingKind::kMissing);
  CHECK(f[0].source_term == "North Korea");
}

TEST_CASE("no finding when the glossary has no term in the target language", "[check]") {
  std::vector<Concept> concepts(1);
  concepts[0].id = "x1";
  concepts[0].terms = {{"en", "Verdun", TermStatus::kPreferred, "", "", false, ""},
                       {"zh-Hans", "凡尔登", TermStatus::kPreferred, "", "", false, ""}};
  TermChecker checker(concepts, {});
  CHECK(checker.CheckUnit(MakeUnit({{"en", "the Verdun of Korea"}, {"ko-KR", "한반도의 베르됭"}}), "1").empty());
  auto f = checker.CheckUnit(MakeUnit({{"en", "the Verdun of Korea"}, {"zh-CN", "朝鲜的战场"}}), "2");
  REQUIRE(f.size() == 1);
  CHECK(f[0].unit == "2");
}

TEST_CASE("source and target languages", "[check]") {
  // --to restricts the targets; a unit without the source language is skipped.
  TermCheckOptions o;
  o.to = {"ko"};
  TermChecker checker(KoreanWar(), o);
  auto f = checker.CheckUnit(MakeUnit({{"en", "the Korean War"}, {"zh-CN", "韩战"}, {"ko-KR", "조선전쟁"}}), "a");
  REQUIRE(f.size() == 1);
  CHECK(f[0].lang == "ko-KR");
  CHECK(checker.CheckUnit(MakeUnit({{"zh-CN", "韩战"}, {"ko-KR", "조선전쟁"}}, "fr"), "b").empty());
  CHECK(checker.units_checked() == 1);
  CHECK(checker.units_skipped() == 1);
  // Without srclang on the unit, default_from decides; zh-Hans terms apply to zh-CN.
  TermCheckOptions zh;
  zh.default_from = "zh-CN";
  TermChecker zh_checker(KoreanWar(), zh);
  Unit u = MakeUnit({{"ko-KR", "중공군"}, {"zh-CN", "中国人民志愿军"}});
  u.attrs.clear();
  f = zh_checker.CheckUnit(u, "c");
  REQUIRE(f.size() == 1);
  CHECK(f[0].kind == FindingKind::kForbidden);
  CHECK(f[0].source_term == "中国人民志愿军");
}

TEST_CASE("fix: deprecated renderings replaced, Korean particles adjusted", "[check]") {
  TermChecker checker(KoreanWar(), {});
  // 북괴 (forbidden, ends in a vowel) + 가 -> 북한 (ends in ㄴ) + 이.
  Unit unit = MakeUnit({{"en", "North Korea attacked in the Korean War."},
                        {"zh-CN", "北朝鲜在韩战中进攻。"},
                        {"ko-KR", "북괴가 조선전쟁에서 공격했다."}});
  TermFix fix = checker.FixUnit(unit, "u");
  CHECK(fix.replacements == 4);
  CHECK(fix.unfixed.empty());
  CHECK(fix.unit.variants[0].seg == unit.variants[0].seg);
  CHECK(fix.unit.variants[1].seg == "朝鲜在朝鲜战争中进攻。");
  CHECK(fix.unit.variants[2].seg == "북한이 한국 전쟁에서 공격했다.");
  CHECK(Errors(checker.CheckUnit(fix.unit, "u")).empty());

  // A consonant-final deprecated term before 을 replaced by a vowel-final one: 를.
  std::vector<Concept> concepts(1);
  concepts[0].id = "apple";
  concepts[0].terms = {{"en", "apple", TermStatus::kPreferred, "", "", false, ""},
                       {"ko", "사과", TermStatus::kPreferred, "", "", false, ""},
                       {"ko", "능금", TermStatus::kDeprecated, "", "", false, ""}};
  TermChecker apples(concepts, {});
  fix = apples.FixUnit(MakeUnit({{"en", "an apple"}, {"ko-KR", "능금을 먹었다. 능금은 달다."}}), "a");
  CHECK(fix.replacements == 2);
  CHECK(fix.unit.variants[1].seg == "사과를 먹었다. 사과는 달다.");
}

TEST_CASE("fix works inside text nodes and leaves renderings across codes alone", "[check]") {
  TermChecker checker(KoreanWar(), {});
  Unit unit = MakeUnit({{"en", "the <bpt i=\"1\">&lt;b&gt;</bpt>Korean War<ept i=\"1\">&lt;/b&gt;</ept> &amp; North Korea"},
                        {"ko-KR", "<bpt i=\"1\">&lt;b&gt;</bpt>조선전쟁<ept i=\"1\">&lt;/b&gt;</ept>과 북<ph x=\"2\"/>괴가 &amp;"}});
  // 조선전쟁과 spans the code before 과; 북괴 spans the ph.
  auto f = checker.CheckUnit(unit, "u");
  REQUIRE(f.size() == 2);
  TermFix fix = checker.FixUnit(unit, "u");
  CHECK(fix.replacements == 0);
  CHECK(fix.unfixed.size() == 2);
  CHECK(fix.unit.variants[1].seg == unit.variants[1].seg);

  unit.variants[1].seg = "<ph x=\"1\"/>조선전쟁은 <bpt i=\"2\">&lt;i&gt;</bpt>끝났다<ept i=\"2\">&lt;/i&gt;</ept> &amp;";
  fix = checker.FixUnit(unit, "u");
  CHECK(fix.replacements == 1);
  CHECK(fix.unit.variants[1].seg ==
        "<ph x=\"1\"/>한국 전쟁은 <bpt i=\"2\">&lt;i&gt;</bpt>끝났다<ept i=\"2\">&lt;/i&gt;</ept> &amp;");
}

TEST_CASE("consistency: concepts rendered differently, identical segments", "[check]") {
  TermCheckOptions o;
  o.consistency = true;
  TermChecker checker(KoreanWar(), o);
  checker.CheckUnit(MakeUnit({{"en", "The Korean War began."}, {"ko-KR", "한국 전쟁이 시작됐다."}}), "t1");
  checker.CheckUnit(MakeUnit({{"en", "After the Korean War"}, {"ko-KR", "한국전쟁 이후"}}), "t2");
  checker.CheckUnit(MakeUnit({{"en", "During the Korean War"}, {"ko-KR", "한국 전쟁 중에"}}), "t3");
  checker.CheckUnit(MakeUnit({{"en", "Photo: AFP"}, {"ko-KR", "사진=AFP"}}), "t4");
  checker.CheckUnit(MakeUnit({{"en", "Photo:  AFP"}, {"ko-KR", "사진 AFP"}}), "t5");
  checker.CheckUnit(MakeUnit({{"en", "Photo: AFP"}, {"ko-KR", "사진=AFP"}}), "t6");
  // Both renderings in one unit: not inconsistent.
  checker.CheckUnit(MakeUnit({{"en", "the Korean War"}, {"ko-KR", "한국 전쟁(한국전쟁)"}}), "t7");
  auto f = checker.ConsistencyFindings();
  REQUIRE(f.size() == 2);
  CHECK(f[0].unit == "t2");
  CHECK(f[0].kind == FindingKind::kInconsistent);
  CHECK(f[0].severity == Severity::kWarning);
  CHECK(f[0].concept_id == "c006");
  CHECK(f[0].found == "한국전쟁");
  CHECK(f[0].expected == std::vector<std::string>{"한국 전쟁"});
  CHECK(f[1].unit == "t5");
  CHECK(f[1].concept_id.empty());
  CHECK(f[1].found == "사진 AFP");
  CHECK(f[1].expected == std::vector<std::string>{"사진=AFP"});

  // Without a glossary, identical segments only.
  TermChecker bare({}, o);
  bare.CheckUnit(MakeUnit({{"en", "Photo: AFP"}, {"zh-CN", "图片来源：法新社"}}), "1");
  bare.CheckUnit(MakeUnit({{"en", "Photo: AFP"}, {"zh-CN", "图片：法新社"}}), "2");
  f = bare.ConsistencyFindings();
  REQUIRE(f.size() == 1);
  CHECK(f[0].unit == "2");  // a tie: the first seen is the reference
}

TEST_CASE("the shipped memory against the shipped glossary", "[check]") {
  std::vector<Concept> tbx = ReadTermFile(test::SourceDir() + "/glossaries/korean-war.tbx", {});
  CHECK(tbx.size() == KoreanWar().size());
  TermChecker checker(tbx, {});
  TmxReader reader(test::SourceDir() + "/tmx/shangganling.en-zh-ko.tmx", {});
  Unit unit;
  Location where;
  size_t units = 0;
  std::vector<Finding> all;
  while (reader.Next(&unit, &where)) {
    ++units;
    for (Finding& f : checker.CheckUnit(unit, *unit.attr("tuid"))) all.push_back(f);
    TermFix fix = checker.FixUnit(unit, "x");
    CHECK(fix.replacements == 0);  // nothing deprecated or forbidden in it
  }
  CHECK(units == 14);
  CHECK(checker.units_checked() == 14);
  for (const Finding& f : all) {
    CHECK(f.kind != FindingKind::kDeprecated);
    CHECK(f.kind != FindingKind::kForbidden);
  }
}

}  // namespace
TEST_CASE("source words that are a term of two concepts need a rendering of either", "[check]") {
  // "ceasefire" is a truce (停火) and, in Korean War copy, the 1953 armistice (停战).
  auto armistice = Check(MakeUnit({{"en", "The ceasefire was signed in 1953."},
                                   {"zh-CN", "1953年实现了停战。"}}));
  CHECK(std::none_of(armistice.begin(), armistice.end(),
                     [](const Finding& f) { return f.kind == FindingKind::kMissing; }));
  auto truce = Check(MakeUnit({{"en", "The ceasefire was signed in 1953."}, {"zh-CN", "停火于1953年生效。"}}));
  CHECK(std::none_of(truce.begin(), truce.end(),
                     [](const Finding& f) { return f.kind == FindingKind::kMissing; }));
  auto neither = Check(MakeUnit({{"en", "The ceasefire was signed in 1953."}, {"zh-CN", "协定于1953年签署。"}}));
  CHECK(std::count_if(neither.begin(), neither.end(),
                      [](const Finding& f) { return f.kind == FindingKind::kMissing; }) == 2);
}

}  // namespace tmkit

TEST_CASE("a document to check is told TMX or XLIFF by its name or its root", "[check]") {
  CHECK(tmkit::DocumentKindOfPath("job.XLF") == tmkit::DocumentKind::kXliff);
  CHECK(tmkit::DocumentKindOfPath("a/b.sdlxliff") == tmkit::DocumentKind::kXliff);
  CHECK(tmkit::DocumentKindOfPath("memory.tmx") == tmkit::DocumentKind::kTmx);
  CHECK(tmkit::DocumentKindOfPath("noext") == tmkit::DocumentKind::kTmx);
  CHECK(tmkit::DocumentKindOfContent("<?xml version=\"1.0\"?>\n<xliff version=\"2.0\">") == tmkit::DocumentKind::kXliff);
  CHECK(tmkit::DocumentKindOfContent("<?xml version=\"1.0\"?><x:xliff xmlns:x=\"urn:oasis:names:tc:xliff:document:1.2\">") ==
        tmkit::DocumentKind::kXliff);
  // UTF-16, little- and big-endian, with and without a BOM.
  auto utf16 = [](std::string_view ascii, bool little, bool bom) {
    std::string out = bom ? (little ? "\xFF\xFE" : "\xFE\xFF") : "";
    for (char c : ascii) {
      if (little) out += c, out += '\0';
      else out += '\0', out += c;
    }
    return out;
  };
  for (bool little : {true, false}) {
    for (bool bom : {true, false}) {
      CHECK(tmkit::DocumentKindOfContent(utf16("<?xml version=\"1.0\"?><xliff version=\"1.2\">", little, bom)) ==
            tmkit::DocumentKind::kXliff);
      CHECK(tmkit::DocumentKindOfContent(utf16("<?xml version=\"1.0\"?><tmx version=\"1.4\">", little, bom)) ==
            tmkit::DocumentKind::kTmx);
    }
  }
  CHECK(tmkit::DocumentKindOfContent("<?xml version=\"1.0\"?><tmx version=\"1.4\"><header/><body><tu><prop type=\"x\">xliff</prop>") ==
        tmkit::DocumentKind::kTmx);
}
