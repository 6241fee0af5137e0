// Tokenizer for matching: words for scripts written with spaces (ICU word boundaries), one
// token per Han character, kana and Hangul syllable, numbers whole, each punctuation mark
// alone, white space dropped. Tokens carry their folded form and their place in the text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tmkit {

struct Token {
  enum class Kind : uint8_t {
    kWord,    // letters of a script written with spaces
    kNumber,  // digits, with inner separators (2.4, 1,000)
    kHan,     // one Han character
    kKana,    // one hiragana or katakana character
    kHangul,  // one Hangul syllable
    kPunct,   // one punctuation mark or symbol
  };
  Kind kind;
  std::string folded;  // FoldForMatch of the token's text
  uint32_t begin = 0;  // byte offsets of the token in the text given to Tokenize
  uint32_t end = 0;
};

// Tokens of valid UTF-8 text, in order.
std::vector<Token> Tokenize(std::string_view utf8);
// The same; ascii_fast_path false sends all text of spaced scripts through ICU's word breaks
// (tests compare the two: the fast path must never change a token).
std::vector<Token> Tokenize(std::string_view utf8, bool ascii_fast_path);

// The folded forms of Tokenize(utf8)'s tokens, one after another in *folded with the end of
// each in *ends, for text that needs neither ICU's word breaks nor Token objects to know
// them: ASCII words the fast path is sure about, CJK ideographs and Hangul syllables
// (IsSelfFoldingCjk), and between them punctuation (，。（）“”…) in stretches of marks and
// white space alone (a letter or digit between the same two CJK characters as a full-width
// mark sends the text to Tokenize). False (the outputs unspecified) for other text.
bool SimpleFoldedTokens(std::string_view utf8, std::string* folded, std::vector<uint32_t>* ends);

}  // namespace tmkit
