#include "text/normalize.h"

#include <catch2/catch.hpp>

using namespace tmkit;

TEST_CASE("exact keys collapse white space and apply NFC", "[normalize]") {
  CHECK(ExactKey("  Hello \t\n world  ") == "Hello world");
  // U+3000 ideographic space and U+00A0 are white space too.
  CHECK(ExactKey("中国\u3000人民") == "中国 人民");
  CHECK(ExactKey("a\u00A0b") == "a b");
  // e + combining acute -> precomposed é; decomposed Hangul jamo -> syllable.
  CHECK(ExactKey("caf\u0065\u0301") == "caf\u00e9");
  CHECK(ExactKey("\u1100\u1161") == "\uac00");
  CHECK(ExactKey("") == "");
  CHECK(ExactKey(" \t ") == "");
}
