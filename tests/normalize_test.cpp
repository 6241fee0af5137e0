#include "text/normalize.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

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

TEST_CASE("white space collapses the same whether or not a text needs it", "[normalize]") {
  // Random texts of words and white space (ASCII and beyond): each run of white space between
  // words becomes one space, runs at either end go.
  const std::vector<std::string> words = {"a", "Bc", "中", "。", "\u2010", "é"};
  const std::vector<std::string> spaces = {" ", " ", "\t", "\n", "\u3000", "\u00a0", "\u2003", "\u0085"};
  std::mt19937 rng(4);
  for (int round = 0; round < 2000; ++round) {
    std::string text, expected;
    bool space_pending = false;
    size_t n = rng() % 8;
    for (size_t i = 0; i < n; ++i) {
      if (rng() % 2) {
        text += spaces[rng() % spaces.size()];
        space_pending = true;
      } else {
        const std::string& w = words[rng() % words.size()];
        if (space_pending && !expected.empty()) expected += ' ';
        space_pending = false;
        text += w;
        expected += w;
      }
    }
    INFO(text);
    CHECK(CollapseWhiteSpace(text) == expected);
  }
}
