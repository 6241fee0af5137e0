#include "text/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstring>
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

namespace {

// Tokens of a stretch of text without Han, kana or Hangul, through ICU's word breaks.
// base: the byte offset of text in the string being tokenized.
void TokenizeWords(std::string_view text, uint32_t base, std::vector<Token>* tokens) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return;
  icu::BreakIterator& bi = WordBreaker();
  bi.setText(ut, status);
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  auto emit = [&](Token::Kind kind, int32_t b, int32_t e) {
    Token t;
    t.kind = kind;
    t.begin = base + static_cast<uint32_t>(b);
    t.end = base + static_cast<uint32_t>(e);
    t.folded = FoldForMatch(text.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
    tokens->push_back(std::move(t));
  };
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    int32_t status_tag = bi.getRuleStatus();
    if (status_tag >= UBRK_WORD_NUMBER && status_tag < UBRK_WORD_NUMBER_LIMIT) {
      emit(Token::Kind::kNumber, start, end);
      continue;
    }
    // Letters or neither: letters make words; spaces go; anything else is punctuation.
    int32_t i = start, word_start = -1;
    while (i < end) {
      int32_t c_start = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c < 0) c = 0xFFFD;
      bool letter = u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC) ||
                    u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK;
      bool word_char = letter || ((c == '\'' || c == 0x2019 || c == '-' || c == '.' || c == '_') &&
                                  status_tag != UBRK_WORD_NONE);
      if (word_char) {
        if (word_start < 0) word_start = c_start;
        continue;
      }
      if (word_start >= 0) {
        emit(Token::Kind::kWord, word_start, c_start);
        word_start = -1;
      }
      if (!u_isUWhiteSpace(c) && !u_iscntrl(c)) emit(Token::Kind::kPunct, c_start, i);
    }
    if (word_start >= 0) emit(Token::Kind::kWord, word_start, end);
  }
  bi.setText(icu::UnicodeString());  // do not keep a pointer to text
  utext_close(ut);
}

bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
// The fold of an ASCII character: lower case.
char AsciiFold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The same tokens as TokenizeWords for the ASCII text it can be sure about, without ICU, as
// emit(kind, begin, end) calls (offsets in text): false for text with a byte above 0x7F, an
// underscore (which joins words), an @ (ICU's rules join some around it), one of . ' , ; :
// between two letters or digits (ICU joins some of those: U.S, can't, 2.4, 1,000) or letters
// and digits together, possibly after some calls (the caller drops what they gave).
// Otherwise every ICU word segment is a run of letters and digits (a number when it is all
// digits) or one other character, which is what this reproduces.
template <typename Emit>
bool ForEachAsciiWord(std::string_view text, Emit&& emit) {
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80 || c == '_' || c == '@') return false;
    if ((c == '.' || c == '\'' || c == ',' || c == ';' || c == ':') && i > 0 && i + 1 < n && IsAsciiAlnum(text[i - 1]) &&
        IsAsciiAlnum(text[i + 1])) {
      return false;
    }
  }
  for (size_t i = 0; i < n;) {
    char c = text[i];
    if (IsAsciiAlnum(c)) {
      size_t b = i;
      size_t digits = 0;
      for (; i < n && IsAsciiAlnum(text[i]); ++i) digits += text[i] >= '0' && text[i] <= '9';
      // Letters and digits: ICU's status depends on their order; ask it.
      if (digits != 0 && digits != i - b) return false;
      emit(digits ? Token::Kind::kNumber : Token::Kind::kWord, b, i);
      continue;
    }
    // Space and control characters go (as u_isUWhiteSpace and u_iscntrl say); the rest are
    // punctuation and symbols, one token each.
    if (c > ' ' && c != 0x7f) emit(Token::Kind::kPunct, i, i + 1);
    ++i;
  }
  return true;
}

// ASCII folds to lower case.
void AppendAsciiFolded(std::string_view text, std::string* out) {
  for (char ch : text) out->push_back(AsciiFold(ch));
}

// Punctuation that Tokenize makes a token of its own wherever it stands among other such
// marks (dashes, brackets, quotes, other punctuation): not connector punctuation (_ joins
// words), nor marks that ICU's word breaks take for letters or digits (׳ is a Hebrew letter
// to them, ٫ an Arabic decimal separator that joins ٫٫ into a number, ゠ katakana).
bool IsMark(UChar32 c) {
  switch (u_charType(c)) {
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
      break;
    default:
      return false;
  }
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_OTHER:
    case U_WB_MIDLETTER:
    case U_WB_MIDNUM:
    case U_WB_MIDNUMLET:
    case U_WB_DOUBLE_QUOTE:
    case U_WB_SINGLE_QUOTE:
      return true;
    default:
      return false;
  }
}

// An ASCII character that is such a mark, or a symbol (+ < $ ^ `), after folding: neither
// letter, digit, space, control, _ nor @.
bool IsFoldedMark(unsigned char c) {
  return c > ' ' && c < 0x7f && !IsAsciiAlnum(static_cast<char>(c)) && c != '_' && c != '@';
}

// Whether folded text is marks alone (ASCII ones, or others of IsMark).
bool IsPunctuationOnly(std::string_view folded) {
  const auto* p = reinterpret_cast<const uint8_t*>(folded.data());
  const auto n = static_cast<int32_t>(folded.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    if (c < 0x80 ? !IsFoldedMark(static_cast<unsigned char>(c)) : !IsMark(c)) return false;
  }
  return n > 0;
}

bool TokenizeAsciiWords(std::string_view text, uint32_t base, std::vector<Token>* tokens) {
  const size_t first = tokens->size();
  bool sure = ForEachAsciiWord(text, [&](Token::Kind kind, size_t b, size_t e) {
    Token t;
    t.kind = kind;
    t.begin = base + static_cast<uint32_t>(b);
    t.end = base + static_cast<uint32_t>(e);
    AppendAsciiFolded(text.substr(b, e - b), &t.folded);
    tokens->push_back(std::move(t));
  });
  if (!sure) tokens->resize(first);
  return sure;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view utf8) { return Tokenize(utf8, true); }

std::vector<Token> Tokenize(std::string_view utf8, bool ascii_fast_path) {
  // Han, kana and Hangul are one token a character: cut them out here, and give only the
  // stretches between them to ICU's word breaks (whose dictionary segmentation of Chinese
  // and Japanese we would throw away).
  std::vector<Token> tokens;
  // About a token for every 4 bytes (English words with their space; Han, kana and Hangul
  // take 3 bytes): growing the vector moved every token already made.
  tokens.reserve(utf8.size() / 4 + 4);
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  int32_t i = 0, run = 0;
  while (i < n) {
    int32_t c_start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0x1100) continue;  // below Hangul Jamo: no Han, kana or Hangul
    Token::Kind kind = CharKind(c);
    if (kind == Token::Kind::kWord) continue;
    if (c_start > run) {
      std::string_view words = utf8.substr(static_cast<size_t>(run), static_cast<size_t>(c_start - run));
      if (!ascii_fast_path || !TokenizeAsciiWords(words, static_cast<uint32_t>(run), &tokens)) {
        TokenizeWords(words, static_cast<uint32_t>(run), &tokens);
      }
    }
    Token t;
    t.kind = kind;
    t.begin = static_cast<uint32_t>(c_start);
    t.end = static_cast<uint32_t>(i);
    t.folded = FoldForMatch(utf8.substr(static_cast<size_t>(c_start), static_cast<size_t>(i - c_start)));
    tokens.push_back(std::move(t));
    run = i;
  }
  if (n > run) {
    std::string_view words = utf8.substr(static_cast<size_t>(run), static_cast<size_t>(n - run));
    if (!ascii_fast_path || !TokenizeAsciiWords(words, static_cast<uint32_t>(run), &tokens)) {
      TokenizeWords(words, static_cast<uint32_t>(run), &tokens);
    }
  }
  return tokens;
}

bool SimpleFoldedTokens(std::string_view utf8, std::string* folded, std::vector<uint32_t>* ends) {
  ends->clear();
  // The folded text is written through a pointer and cut to its length at the end. It is
  // hardly ever longer than the text (ASCII and CJK keep their bytes, white space goes, most
  // marks fold to as many bytes or fewer, but ‷ folds to ‵‵‵): every write makes room first.
  folded->resize(utf8.size());
  char* out = folded->data();
  size_t size = 0;
  auto put = [&](std::string_view token) {
    if (size + token.size() > folded->size()) {  // a mark whose fold is longer than itself
      folded->resize(size + token.size() + utf8.size());
      out = folded->data();
    }
    std::memcpy(out + size, token.data(), token.size());
    size += token.size();
    ends->push_back(static_cast<uint32_t>(size));
  };
  // A stretch of ASCII between CJK characters: the fast path of Tokenize's, or give up.
  auto ascii = [&](std::string_view text) {
    if (size + text.size() > folded->size()) {  // after marks that folded longer
      folded->resize(size + text.size() + utf8.size());
      out = folded->data();
    }
    return ForEachAsciiWord(text, [&](Token::Kind, size_t b, size_t e) {
      for (size_t k = b; k < e; ++k) out[size++] = AsciiFold(text[k]);
      ends->push_back(static_cast<uint32_t>(size));
    });
  };
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  int32_t i = 0, run = 0;  // run: where the stretch since the last CJK character begins
  bool marks = false;      // the stretch holds punctuation beyond ASCII (，。（ “ …)
  auto end_stretch = [&](int32_t at) {
    std::string_view stretch = utf8.substr(static_cast<size_t>(run), static_cast<size_t>(at - run));
    if (!marks) return stretch.empty() || ascii(stretch);
    // Such a stretch goes to ICU's word breaks, where, without letters or digits beside
    // them, each mark is a punctuation token (its fold) and white space goes. Letters, digits,
    // _ and @ beside them are left to ICU, and so is a mark whose fold is not punctuation
    // alone (‾ folds to a space and a combining mark, ＠ to @).
    for (size_t k = 0; k < stretch.size();) {
      auto c = static_cast<unsigned char>(stretch[k]);
      if (c < 0x80) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          ++k;
          continue;
        }
        if (!IsFoldedMark(c)) return false;
        put(stretch.substr(k, 1));
        ++k;
        continue;
      }
      int32_t next = static_cast<int32_t>(k), len = static_cast<int32_t>(stretch.size());
      UChar32 m;
      U8_NEXT(reinterpret_cast<const uint8_t*>(stretch.data()), next, len, m);
      std::string_view mark = stretch.substr(k, static_cast<size_t>(next) - k);
      k = static_cast<size_t>(next);
      if (m == 0x3001 || m == 0x3002) {  // their own folds
        put(mark);
        continue;
      }
      std::string fold = FoldForMatch(mark);
      if (!IsPunctuationOnly(fold)) return false;
      put(fold);
    }
    return true;
  };
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t c_start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    // A CJK ideograph or Hangul syllable is a token of its own and its own fold (asked
    // first: most characters here are, and no mark is).
    if (!IsSelfFoldingCjk(static_cast<char32_t>(c))) {
      if (c != 0x3001 && c != 0x3002 && !IsMark(c)) return false;
      marks = true;
      continue;
    }
    if (!end_stretch(c_start)) return false;
    put(utf8.substr(static_cast<size_t>(c_start), static_cast<size_t>(i - c_start)));
    // More of them, one after another (most Chinese text, Korean words): each a token of
    // three bytes, decoded here without the general path's checks.
    while (i + 3 <= n && p[i] >= 0xE3 && p[i] <= 0xED && (p[i + 1] & 0xC0) == 0x80 &&
           (p[i + 2] & 0xC0) == 0x80) {
      const char32_t cjk = (static_cast<char32_t>(p[i] & 0x0F) << 12) |
                           (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      if (!IsSelfFoldingCjk(cjk)) break;
      put(utf8.substr(static_cast<size_t>(i), 3));
      i += 3;
    }
    run = i;
    marks = false;
  }
  if (!end_stretch(n)) return false;
  folded->resize(size);
  return true;
}

}  // namespace tmkit
