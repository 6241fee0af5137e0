#include "text/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

#include "text/fold.h"
#include "util/error.h"

namespace tmkit {

namespace {

// One word-break iterator per thread: making one costs far more than using it.
icu::BreakIterator& WordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> it;
  if (!it) {
    UErrorCode status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) throw Error(Error::Kind::kIo, "ICU word break data is not available");
  }
  return *it;
}

// The kind of a character that is a token on its own, or kWord for others.
Token::Kind CharKind(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  if (script == USCRIPT_HAN) return Token::Kind::kHan;
  if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) return Token::Kind::kKana;
  if (script == USCRIPT_HANGUL) return Token::Kind::kHangul;
  return Token::Kind::kWord;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view utf8) {
  std::vector<Token> tokens;
  if (utf8.empty()) return tokens;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  if (U_FAILURE(status)) return tokens;
  icu::BreakIterator& bi = WordBreaker();
  bi.setText(ut, status);
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  auto emit = [&](Token::Kind kind, int32_t b, int32_t e) {
    Token t;
    t.kind = kind;
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    t.folded = FoldForMatch(utf8.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
    tokens.push_back(std::move(t));
  };
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    int32_t status_tag = bi.getRuleStatus();
    if (status_tag >= UBRK_WORD_NUMBER && status_tag < UBRK_WORD_NUMBER_LIMIT) {
      emit(Token::Kind::kNumber, start, end);
      continue;
    }
    // Letters, ideographs or neither: cut out Han, kana and Hangul one character each; the
    // other letters between them make words; spaces go; anything else is punctuation.
    int32_t i = start, word_start = -1;
    while (i < end) {
      int32_t c_start = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c < 0) c = 0xFFFD;
      Token::Kind kind = CharKind(c);
      bool letter = u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC) ||
                    u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK;
      bool word_char = kind == Token::Kind::kWord && (letter || ((c == '\'' || c == 0x2019 || c == '-' ||
                                                                   c == '.' || c == '_') &&
                                                                  status_tag != UBRK_WORD_NONE));
      if (word_char) {
        if (word_start < 0) word_start = c_start;
        continue;
      }
      if (word_start >= 0) {
        emit(Token::Kind::kWord, word_start, c_start);
        word_start = -1;
      }
      if (kind != Token::Kind::kWord) {
        emit(kind, c_start, i);
      } else if (!u_isUWhiteSpace(c) && !u_iscntrl(c)) {
        emit(Token::Kind::kPunct, c_start, i);
      }
    }
    if (word_start >= 0) emit(Token::Kind::kWord, word_start, end);
  }
  bi.setText(icu::UnicodeString());  // do not keep a pointer to utf8
  utext_close(ut);
  return tokens;
}

}  // namespace tmkit
