#include "match/similarity.h"

#include <catch2/catch.hpp>

using namespace tmkit;

namespace {

double Score(const std::string& query, const std::string& seg) {
  return Similarity(AnalyzeText(query), AnalyzeSegment(seg));
}

}  // namespace

TEST_CASE("identical text scores 100, spelling variants 99", "[similarity]") {
  CHECK(Score("The Korean War ended in 1953.", "The Korean War ended in 1953.") == 100.0);
  CHECK(Score("The  Korean War ended in 1953. ", "The Korean War ended in 1953.") == 100.0);
  CHECK(Score("the korean war ended in 1953.", "The Korean War ended in 1953.") == 99.0);
  CHECK(Score("“上甘岭精神”", "\"上甘岭精神\"") == 99.0);
  CHECK(Score("ＫＣＮＡ", "KCNA") == 99.0);
}

TEST_CASE("fuzzy score is 100 x (1 - token edit distance / longer length)", "[similarity]") {
  // 6 tokens, one substituted: 100 x (1 - 1/6) = 83.3
  CHECK(Score("The Korean War ended in 1953", "The Korean War ended in 1954") == 83.3);
  // One of 10 words missing: 90
  CHECK(Score("a b c d e f g h i j", "a b c d e f g h i") == 90.0);
  // Chinese: one character of eight differs: 87.5
  CHECK(Score("中国人民志愿军战", "中国人民志愿军士") == 87.5);
  // Korean: a particle is one syllable of eight: 87.5
  CHECK(Score("중국인민지원군의", "중국인민지원군은") == 87.5);
  // Spacing between Hangul syllables is no difference in tokens (99: not identical text)
  CHECK(Score("정전 협정", "정전협정") == 99.0);
  CHECK(Score("completely different", "nothing alike here") == 0.0);
}

TEST_CASE("inline codes and placeholders cost points", "[similarity]") {
  const std::string bold = "Click <bpt i=\"1\">&lt;b&gt;</bpt>here<ept i=\"1\">&lt;/b&gt;</ept>";
  // A segment's codes against another's: a point per code more or less.
  CHECK(Similarity(AnalyzeSegment("Click <ph x=\"1\"/>here"), AnalyzeSegment(bold)) == 99.0);
  CHECK(Similarity(AnalyzeSegment(bold), AnalyzeText("Click here")) == 98.0);
  CHECK(Similarity(AnalyzeSegment(bold), AnalyzeSegment(bold)) == 100.0);
  // A plain query states no formatting: codes keep a match from 100 and cost nothing else,
  // so a coded and a plain segment one word away from the query tie.
  CHECK(Score("Click here", bold) == 99.0);
  CHECK(Score("Click there", "Click <ph x=\"1\"/>here") == Score("Click there", "Click here"));
  CHECK(Score("Delete %s files", "Delete %d files") < Score("Delete 3 files", "Delete 4 files") + 1);
  CHECK(Score("Open {0}", "Open {0}") == 100.0);
  CHECK(Score("Open {0} now", "Open {1} now") < 70.0);
  CHECK(FindPlaceholders("%1$s of %d, {0} and {name}, 100%% sure") ==
        std::vector<std::string>{"%1$s", "%d", "{0}", "{name}"});
}

TEST_CASE("edit distance and matched tokens", "[similarity]") {
  auto a = AnalyzeText("the cat sat").tokens, b = AnalyzeText("the dog sat down").tokens;
  CHECK(TokenEditDistance(a, b) == 2);
  CHECK(MatchedTokens(a, b) == std::vector<bool>{true, false, true, false});
  CHECK(TokenEditDistance({}, b) == 4);
}
