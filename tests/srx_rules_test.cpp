// SRX 2.0 rules: order of rules, cascading map rules, languages, bad files.
#include "text/srx_rules.h"

#include <catch2/catch.hpp>

#include "test_util.h"
#include "util/error.h"

using namespace tmkit;
using V = std::vector<std::string>;

namespace {

std::string RulesPath() { return std::string(TMKIT_SOURCE_DIR) + "/tests/data/srx/rules.srx"; }

std::string WithRules(const std::string& cascade, const std::string& english_rules) {
  return R"(<?xml version="1.0"?><srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header segmentsubflows="yes" cascade=")" + cascade + R"("/><body><languagerules>
<languagerule languagerulename="English">)" + english_rules + R"(</languagerule>
<languagerule languagerulename="Default"><rule break="yes"><beforebreak>[\.\?!]+</beforebreak>
<afterbreak>\s+\p{Lu}</afterbreak></rule></languagerule></languagerules>
<maprules><languagemap languagepattern="en.*" languagerulename="English"/>
<languagemap languagepattern=".*" languagerulename="Default"/></maprules></body></srx>)";
}

}  // namespace

TEST_CASE("SRX: a no-break rule before a break rule keeps abbreviations", "[srx]") {
  SrxRules rules = SrxRules::Load(RulesPath());
  CHECK(rules.Split("Mr. Smith went to Washington. He saw Dr. Jones! Was it? Yes.", "en-US") ==
        V{"Mr. Smith went to Washington.", "He saw Dr. Jones!", "Was it?", "Yes."});
  // French has only the default rule: Mr. is cut.
  CHECK(rules.Split("Mr. Smith est venu. Il est parti.", "fr") == V{"Mr.", "Smith est venu.", "Il est parti."});
  // Chinese: after 。！？ with the closing quotes they carry, without spaces.
  CHECK(rules.Split("他说：“我们走了。”他来了！好吗？", "zh-CN") == V{"他说：“我们走了。”", "他来了！", "好吗？"});
  CHECK(rules.Split("   ", "en").empty());
  CHECK(rules.Split("No final stop", "en") == V{"No final stop"});
}

TEST_CASE("SRX: without cascading only the first matching map's rules apply", "[srx]") {
  const std::string no_break = R"(<rule break="no"><beforebreak>\bDr\.</beforebreak><afterbreak>\s</afterbreak></rule>)";
  SrxRules cascade = SrxRules::Parse(WithRules("yes", no_break), "c.srx");
  SrxRules first_only = SrxRules::Parse(WithRules("no", no_break), "n.srx");
  const std::string text = "Ask Dr. Who. Then go.";
  CHECK(cascade.Split(text, "en") == V{"Ask Dr. Who.", "Then go."});
  CHECK(first_only.Split(text, "en") == V{"Ask Dr. Who. Then go."});  // English has no break rule
  CHECK(first_only.Split(text, "de") == V{"Ask Dr.", "Who.", "Then go."});
}

TEST_CASE("SRX: bad files are refused with their position", "[srx]") {
  CHECK_THROWS_WITH(SrxRules::Parse("<srx><body>", "bad.srx"), Catch::Contains("bad.srx:1:"));
  CHECK_THROWS_WITH(SrxRules::Parse("<tmx/>", "t.srx"), Catch::Contains("not an SRX document"));
  CHECK_THROWS_WITH(SrxRules::Parse(WithRules("yes", R"(<rule><beforebreak>(</beforebreak><afterbreak/></rule>)"), "r.srx"),
                    Catch::Contains("bad regular expression"));
  CHECK_THROWS_WITH(SrxRules::Parse(R"(<srx version="2.0"><header/><body><languagerules/><maprules>
<languagemap languagepattern=".*" languagerulename="Nowhere"/></maprules></body></srx>)", "m.srx"),
                    Catch::Contains("m.srx:2:"));
  CHECK_THROWS_AS(SrxRules::Load(RulesPath() + ".missing"), Error);
}
