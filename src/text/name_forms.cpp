#include "text/name_forms.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_map>

#include "text/transliterator.h"

namespace tmkit {

namespace {

struct Reading {
  char32_t han;
  const char* hangul;    // "" when Unihan gives none
  const char* mandarin;  // pinyin without tone marks, "" when none
};

// Unihan kHangul and kMandarin, generated at build time by tools/gen_unihan_readings.sh, in
// code point order.
constexpr Reading kReadings[] = {
#include "unihan_readings.inc"
};

const Reading* Find(char32_t han) {
  auto it = std::lower_bound(std::begin(kReadings), std::end(kReadings), han,
                             [](const Reading& r, char32_t c) { return r.han < c; });
  return it == std::end(kReadings) || it->han != han ? nullptr : it;
}

// A Hangul syllable through ICU's Hangul-Latin and Latin-ASCII, kept to lower-case ASCII
// letters; cached per thread.
const std::string& Romanize(char32_t c) {
  thread_local CachedTransliterator hangul_latin("Hangul-Latin; Latin-ASCII");
  thread_local std::unordered_map<char32_t, std::string> cache;
  if (auto it = cache.find(c); it != cache.end()) return it->second;
  char buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(c));
  std::string out;
  for (char ch : hangul_latin(std::string(buf, static_cast<size_t>(n)))) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch >= 'a' && ch <= 'z') out.push_back(ch);
  }
  return cache.emplace(c, std::move(out)).first->second;
}

bool IsSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

}  // namespace

std::string_view HanPinyin(char32_t han) {
  const Reading* r = Find(han);
  return r ? r->mandarin : "";
}

std::string_view SinoKoreanReading(char32_t han) {
  const Reading* r = Find(han);
  return r ? r->hangul : "";
}

const std::string& HangulLatin(char32_t syllable) {
  static const std::string none;
  if (!IsSyllable(syllable)) return none;
  return Romanize(syllable);
}

std::string InitialSoundRule(std::string_view hangul) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(hangul.data()), i, static_cast<int32_t>(hangul.size()), c);
  if (c < 0 || !IsSyllable(static_cast<char32_t>(c))) return std::string(hangul);
  const int s = c - 0xAC00, lead = s / 588, vowel = (s % 588) / 28, tail = s % 28;
  constexpr int kNieun = 2, kRieul = 5, kIeung = 11;
  // ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ: the vowels before which ㄹ and ㄴ fall away.
  const bool y_vowel = vowel == 2 || vowel == 6 || vowel == 7 || vowel == 12 || vowel == 17 || vowel == 20;
  int new_lead = lead;
  if (lead == kRieul) new_lead = y_vowel ? kIeung : kNieun;
  if (lead == kNieun && y_vowel) new_lead = kIeung;
  if (new_lead == lead) return std::string(hangul);
  UChar32 changed = 0xAC00 + (new_lead * 21 + vowel) * 28 + tail;
  char buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, changed);
  return std::string(buf, static_cast<size_t>(n)) + std::string(hangul.substr(static_cast<size_t>(i)));
}

}  // namespace tmkit
