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

TEST_CASE("an exact key written into a string replaces what the string held", "[normalize]") {
  std::string out = "left over from the last variant, longer than the next key";
  ExactKey(" caf\u0065\u0301  au lait ", &out);
  CHECK(out == "caf\u00e9 au lait");
  ExactKey("  ", &out);
  CHECK(out.empty());
  CollapseWhiteSpace("a\u3000\u3000b", &out);
  CHECK(out == "a b");
}
