#include "text/sentence_shape.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace tmkit {

namespace {

bool HasLetterOrDigit(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (u_isalnum(c)) return true;
  }
  return false;
}

bool IsQuoteOrBracket(UChar32 c, bool opening) {
  if (c == '"' || c == '\'') return true;
  switch (u_charType(c)) {
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:  // « » “ ” open and close in different languages
      return true;
    case U_START_PUNCTUATION:
      return opening;
    case U_END_PUNCTUATION:
      return !opening;
    default:
      return false;
  }
}

}  // namespace

int SentenceEnd(std::string_view s) {
  if (!HasLetterOrDigit(s)) return 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  for (auto i = static_cast<int32_t>(s.size()); i > 0;) {
    UChar32 c;
    U8_PREV(p, 0, i, c);
    if (u_isspace(c) || IsQuoteOrBracket(c, false)) continue;
    switch (c) {
      case '.': case 0x3002: case 0xFF0E: case 0x2026: return 1;
      case '?': case 0xFF1F: return 2;
      case '!': case 0xFF01: return 3;
      case ':': case 0xFF1A: return 4;
      case ';': case 0xFF1B: return 5;
      case ',': case 0xFF0C: case 0x3001: return 6;
      default: return 7;
    }
  }
  return 0;
}

int SentenceStart(std::string_view s) {
  if (!HasLetterOrDigit(s)) return 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (u_isspace(c)) continue;
    if (u_isupper(c) || u_istitle(c)) return 1;
    if (u_islower(c)) return 2;
    if (u_isdigit(c)) return 3;
    if (IsQuoteOrBracket(c, true)) return 4;
    if (u_ispunct(c)) return 5;
    return 6;
  }
  return 0;
}

bool IsFragment(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int run = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (script == USCRIPT_HAN || script == USCRIPT_HANGUL || script == USCRIPT_HIRAGANA ||
        script == USCRIPT_KATAKANA) {
      return false;  // a word of its own: "是的。", "네."
    }
    run = u_isalpha(c) ? run + 1 : 0;
    if (run >= 3) return false;
  }
  return true;
}

}  // namespace tmkit
