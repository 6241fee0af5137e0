#include "text/fold.h"

#include <catch2/catch.hpp>

using namespace tmkit;

TEST_CASE("matching folds case, width, quotes and dashes", "[fold]") {
  CHECK(FoldForMatch("Korean War") == "korean war");
  CHECK(FoldForMatch("ＫＣＮＡ ２０２０") == "kcna 2020");        // full-width forms
  CHECK(FoldForMatch("ｶﾀｶﾅ") == "カタカナ");                      // half-width katakana
  CHECK(FoldForMatch("‘Shangganling Spirit’") == "'shangganling spirit'");
  CHECK(FoldForMatch("“上甘岭精神”") == "\"上甘岭精神\"");
  CHECK(FoldForMatch("1950–53 — war") == "1950-53 - war");
  CHECK(FoldForMatch("Straße") == "strasse");
  CHECK(FoldForMatch("중국인민지원군") == "중국인민지원군");
  CHECK(FoldForMatch("") == "");
}
