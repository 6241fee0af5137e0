#include "text/match_tokens.h"

#include <catch2/catch.hpp>

using namespace tmkit;

namespace {
bool Folds(const std::string& s) { return FoldsLikeTokens(s, MatchTokens(s)); }
}  // namespace

TEST_CASE("placeholders are one token each", "[text]") {
  std::vector<std::string> found;
  auto tokens = MatchTokens("Copy %1$s to {0} now", &found);
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[1].folded == "%1$s");
  CHECK(tokens[3].folded == "{0}");
  CHECK(found == std::vector<std::string>{"%1$s", "{0}"});
}

TEST_CASE("a text folds like its tokens unless folding joins or splits its words", "[text]") {
  CHECK(Folds("The Volunteer Army held Shangganling."));
  CHECK(Folds("中国人民志愿军在上甘岭战役中坚守阵地。"));
  CHECK(Folds("지원군은 상감령을 지켰다."));
  CHECK(Folds("Genève, «Zürich» – “Bern”…"));            // accents, quotes, dashes, an ellipsis
  CHECK(Folds("{FileName} nicht gefunden: ü %S"));       // placeholders keep their case
  CHECK(Folds("ＫＣＮＡ报道，中国１９５３年。"));            // full-width forms
  CHECK_FALSE(Folds("the fo\u00ADobar army"));            // a soft hyphen inside a word
  CHECK_FALSE(Folds("\u337F"));                           // ㍿: 株式会社
  CHECK_FALSE(Folds("\u110C\u1175\u110B\u116F\u11AB"));   // decomposed 지원
}
