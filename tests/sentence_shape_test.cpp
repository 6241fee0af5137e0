#include "text/sentence_shape.h"

#include <catch2/catch.hpp>

using namespace tmkit;

TEST_CASE("a sentence's end is its last punctuation mark before closing quotes and brackets", "[text]") {
  CHECK(SentenceEnd("Il est 4 h 45 du matin .") == 1);
  CHECK(SentenceEnd("Glück ?") == 2);
  CHECK(SentenceEnd("Ça fait du bien de rire !") == 3);
  CHECK(SentenceEnd("Zugang :") == 4);
  CHECK(SentenceEnd("Ihm schien die Sache einleuchtend ;") == 5);
  CHECK(SentenceEnd("And God said,") == 6);
  CHECK(SentenceEnd("He said, \"Come here.\"") == 1);
  CHECK(SentenceEnd("( Traduction de Denis Stulz )") == 7);
  CHECK(SentenceEnd("« Tu n' as qu' à ... »") == 1);
  // Full-width and CJK forms count as their ASCII ones.
  CHECK(SentenceEnd("中国人民志愿军在上甘岭战役中坚守阵地。") == 1);
  CHECK(SentenceEnd("你去哪儿？」") == 2);
  CHECK(SentenceEnd("他说：") == 4);
  CHECK(SentenceEnd("정전 협정이 체결됐다") == 7);
  // Punctuation alone has no end of its own.
  CHECK(SentenceEnd("!") == 0);
  CHECK(SentenceEnd("» .") == 0);
  CHECK(SentenceEnd("") == 0);
}

TEST_CASE("a sentence's start is the case of its first letter, or what comes before it", "[text]") {
  CHECK(SentenceStart("Wir erreichen das Tal in Rekordzeit .") == 1);
  CHECK(SentenceStart("er , der vorsichtiger war als wir") == 2);
  CHECK(SentenceStart("141 Seiten") == 3);
  CHECK(SentenceStart("« Responsabiliser le grimpeur »") == 4);
  CHECK(SentenceStart("( Weg der Jugend )") == 4);
  CHECK(SentenceStart("- und weiter") == 5);
  CHECK(SentenceStart("上甘岭战役") == 6);
  CHECK(SentenceStart("상감령 전투") == 6);
  CHECK(SentenceStart("  Étienne") == 1);
  CHECK(SentenceStart("» .") == 0);
}

TEST_CASE("a fragment has no run of three letters", "[text]") {
  CHECK(IsFragment("141"));
  CHECK(IsFragment("A"));
  CHECK(IsFragment("■ iv V V ."));
  CHECK(IsFragment("D.A ."));
  CHECK(IsFragment("!"));
  CHECK_FALSE(IsFragment("Basta ."));
  CHECK_FALSE(IsFragment("ss Wändli"));
  CHECK_FALSE(IsFragment("我知道了。"));
  CHECK_FALSE(IsFragment("是的。"));
  CHECK_FALSE(IsFragment("네."));
  CHECK_FALSE(IsFragment("はい"));
  CHECK_FALSE(IsFragment("Dring ..."));
}
