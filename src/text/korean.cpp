#include "text/korean.h"

#include <array>
#include <cstdint>
#include <vector>

namespace tmkit {

namespace {

// The code point that ends at byte end of s (end > 0), and its first byte in *begin. Invalid
// sequences give U+FFFD.
char32_t LastCodePoint(std::string_view s, size_t end, size_t* begin) {
  size_t b = end - 1;
  while (b > 0 && end - b < 4 && (static_cast<uint8_t>(s[b]) & 0xC0) == 0x80) --b;
  *begin = b;
  auto u = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  uint8_t lead = u(b);
  size_t len = end - b;
  if (lead < 0x80) return len == 1 ? lead : 0xFFFD;
  if ((lead & 0xE0) == 0xC0 && len == 2) return ((lead & 0x1Fu) << 6) | (u(b + 1) & 0x3Fu);
  if ((lead & 0xF0) == 0xE0 && len == 3)
    return ((lead & 0x0Fu) << 12) | ((u(b + 1) & 0x3Fu) << 6) | (u(b + 2) & 0x3Fu);
  if ((lead & 0xF8) == 0xF0 && len == 4)
    return ((lead & 0x07u) << 18) | ((u(b + 1) & 0x3Fu) << 12) | ((u(b + 2) & 0x3Fu) << 6) |
           (u(b + 3) & 0x3Fu);
  return 0xFFFD;
}

// Closing punctuation skipped at the end of a word: ’ ” 〉 》 」 』 】 ） ］.
bool IsClosingMark(char32_t c) {
  if (c < 0x80) return !(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z');
  switch (c) {
    case 0x2019: case 0x201D: case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011:
    case 0xFF09: case 0xFF3D:
      return true;
    default:
      return false;
  }
}

// Particle classes (see IsParticleSequence): stackable ones may be followed by more
// particles; closing ones and copula endings end the sequence.
constexpr std::string_view kStackable[] = {
    "에", "에서", "에게", "에게서", "께", "께서", "한테", "한테서", "으로", "로",
    "으로서", "로서", "으로써", "로써", "으로부터", "로부터", "에서부터", "부터", "까지", "처럼",
    "보다", "와", "과", "하고", "이랑", "랑", "만", "마다", "대로", "밖에",
    "뿐", "조차", "마저", "같이", "에다", "에다가", "에로", "더러", "만큼", "보고"};
constexpr std::string_view kClosing[] = {
    "이", "가", "은", "는", "을", "를", "의", "도", "이나", "나", "이라도", "라도", "이든지",
    "든지", "이든", "든", "이나마", "나마", "이야말로", "야말로", "엔", "에선", "으론", "론", "요",
    "이란"};
constexpr std::string_view kCopula[] = {
    "이다", "다", "이며", "며", "이고", "이었다", "였다", "이었던", "였던", "이던",
    "이라고", "라고", "이라는", "라는", "이라며", "라며", "이라", "라", "입니다", "이에요",
    "예요", "이자", "이었고", "였고", "이었으며", "였으며", "란", "이었다고", "였다고"};
// 하다/되다/시키다 endings accepted as the whole rest of an eojeol.
constexpr std::string_view kPredicate[] = {
    "하다", "한다", "했다", "하는", "할", "하여", "해서", "하며", "하면", "했던", "하기",
    "합니다", "했습니다", "하지", "하게", "했고", "했으며", "하던", "한다고", "했다고",
    "되다", "된다", "됐다", "되었다", "되는", "된", "될", "됨", "되어", "돼", "되고", "되며",
    "되던", "됐던", "되었던", "됩니다", "됐고", "되었고", "시키다", "시킨", "시켰다", "시키는",
    "시킬", "시켜"};

// All particle forms, for KoreanParticles.
const std::vector<std::string_view>& AllParticles() {
  static const std::vector<std::string_view> all = [] {
    std::vector<std::string_view> a;
    for (auto p : kStackable) a.push_back(p);
    for (auto p : kClosing) a.push_back(p);
    for (auto p : kCopula) a.push_back(p);
    return a;
  }();
  return all;
}

// Whether rest parses as up to `stackable_left` stackable particles then at most one closing
// particle or copula ending.
bool ParseParticles(std::string_view rest, int stackable_left) {
  if (rest.empty()) return true;
  for (auto p : kClosing) {
    if (rest == p) return true;
  }
  for (auto p : kCopula) {
    if (rest == p) return true;
  }
  if (stackable_left == 0) return false;
  for (auto p : kStackable) {
    if (rest.starts_with(p) && ParseParticles(rest.substr(p.size()), stackable_left - 1)) return true;
  }
  return false;
}

// Allomorph pairs: the form after a consonant, the form after a vowel, and whether a ㄹ-final
// word takes the vowel form (the 으로 family). Identical forms keep copula endings that start
// like 이 from being taken for the subject particle.
struct Allomorphs {
  std::string_view consonant, vowel;
  bool rieul_takes_vowel_form;
};
constexpr std::array<Allomorphs, 32> kAllomorphs = {{
    {"이", "가", false},         {"은", "는", false},           {"을", "를", false},
    {"과", "와", false},         {"으로", "로", true},          {"으로서", "로서", true},
    {"으로써", "로써", true},    {"으로부터", "로부터", true},  {"으론", "론", true},
    {"이나", "나", false},       {"이나마", "나마", false},     {"이랑", "랑", false},
    {"이라고", "라고", false},   {"이라는", "라는", false},     {"이라며", "라며", false},
    {"이라도", "라도", false},   {"이라", "라", false},         {"이란", "란", false},
    {"이다", "다", false},       {"이며", "며", false},         {"이든지", "든지", false},
    {"이든", "든", false},       {"이야말로", "야말로", false}, {"이었다", "였다", false},
    {"이었던", "였던", false},   {"이었고", "였고", false},     {"이었으며", "였으며", false},
    {"이에요", "예요", false},   {"이었다고", "였다고", false}, {"이고", "이고", false},
    {"이자", "이자", false},     {"이던", "이던", false},
}};

}  // namespace

bool IsHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

bool HasBatchim(char32_t c) { return IsHangulSyllable(c) && (c - 0xAC00) % 28 != 0; }

bool HasRieulBatchim(char32_t c) { return IsHangulSyllable(c) && (c - 0xAC00) % 28 == 8; }

FinalSound WordFinalSound(std::string_view word) {
  size_t end = word.size();
  char32_t c = 0;
  size_t begin = 0;
  while (end > 0) {
    c = LastCodePoint(word, end, &begin);
    if (!IsClosingMark(c)) break;
    end = begin;
  }
  if (end == 0) return FinalSound::kUnknown;
  if (IsHangulSyllable(c)) {
    if (!HasBatchim(c)) return FinalSound::kVowel;
    return HasRieulBatchim(c) ? FinalSound::kRieul : FinalSound::kConsonant;
  }
  if (c >= '0' && c <= '9') {
    // The number: digits with , and . inside.
    size_t b = end;
    while (b > 0 && ((word[b - 1] >= '0' && word[b - 1] <= '9') || word[b - 1] == ',' || word[b - 1] == '.')) --b;
    std::string_view number = word.substr(b, end - b);
    size_t point = number.rfind('.');
    std::string digits;
    if (point != std::string_view::npos) {
      digits.assign(number.substr(point + 1));  // read digit by digit
      if (digits.empty()) digits.assign(number.substr(0, point));
    } else {
      digits.assign(number);
    }
    std::string d;
    for (char ch : digits) {
      if (ch != ',' && ch != '.') d.push_back(ch);
    }
    // 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구.
    static constexpr FinalSound kDigit[10] = {
        FinalSound::kConsonant, FinalSound::kRieul, FinalSound::kVowel, FinalSound::kConsonant,
        FinalSound::kVowel,     FinalSound::kVowel, FinalSound::kConsonant, FinalSound::kRieul,
        FinalSound::kRieul,     FinalSound::kVowel};
    if (point != std::string_view::npos && point + 1 < number.size()) return kDigit[d.back() - '0'];
    size_t zeros = 0;
    while (zeros < d.size() && d[d.size() - 1 - zeros] == '0') ++zeros;
    if (zeros == 0) return kDigit[d.back() - '0'];
    if (zeros == d.size()) return FinalSound::kConsonant;  // 영
    if (zeros >= 12 && zeros < 16) return FinalSound::kVowel;  // 조
    return FinalSound::kConsonant;  // 십, 백, 천, 만, 억, 경
  }
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
    char up = static_cast<char>(c & ~0x20u);
    if (up == 'L') return FinalSound::kRieul;
    if (up == 'M' || up == 'N') return FinalSound::kConsonant;
    return FinalSound::kVowel;
  }
  return FinalSound::kUnknown;
}

std::span<const std::string_view> KoreanParticles() { return AllParticles(); }

bool IsParticleSequence(std::string_view rest) {
  if (rest.empty()) return true;
  for (auto p : kPredicate) {
    if (rest == p) return true;
  }
  std::string_view plural = "들";
  if (rest.starts_with(plural)) rest.remove_prefix(plural.size());
  return ParseParticles(rest, 3);
}

std::string AdjustParticle(std::string_view word, std::string_view particle) {
  FinalSound sound = WordFinalSound(word);
  if (sound == FinalSound::kUnknown) return std::string(particle);
  const Allomorphs* best = nullptr;
  size_t best_len = 0;
  for (const Allomorphs& a : kAllomorphs) {
    for (std::string_view form : {a.consonant, a.vowel}) {
      if (form.size() > best_len && particle.starts_with(form)) {
        best = &a;
        best_len = form.size();
      }
    }
  }
  if (!best) return std::string(particle);
  bool vowel_form = sound == FinalSound::kVowel ||
                    (sound == FinalSound::kRieul && best->rieul_takes_vowel_form);
  std::string out(vowel_form ? best->vowel : best->consonant);
  out.append(particle.substr(best_len));
  return out;
}

}  // namespace tmkit
