// Sentence shapes: how a sentence begins and ends (the case of its first letter, its final
// punctuation) and whether it is a fragment. Classes are small integers below kShapeClasses.
#pragma once

#include <string_view>

namespace tmkit {

inline constexpr int kShapeClasses = 8;

// How s ends, after closing quotes and brackets: 1 full stop (or an ellipsis), 2 question
// mark, 3 exclamation mark, 4 colon, 5 semicolon, 6 comma, 7 anything else (a word, a
// number). Full-width forms count as their ASCII ones. 0 when s has no letter or digit:
// punctuation alone ("!", "» .") is a piece of its neighbour cut off, and says nothing.
int SentenceEnd(std::string_view s);

// How s begins: 1 an upper-case letter, 2 a lower-case one, 3 a digit, 4 an opening quote
// or bracket, 5 other punctuation (a dash), 6 anything else (a letter without case, as in
// Chinese and Korean). 0 when s has no letter or digit.
int SentenceStart(std::string_view s);

// True when s has no run of three letters or more and no Han, kana or Hangul character (one
// is a word: "是的。", "네."): a page number, a stray letter or a piece of a torn word ("141",
// "A", "Vv", "■ iv V V ."), which scanned texts are full of.
bool IsFragment(std::string_view s);

}  // namespace tmkit
