// Korean helpers for term matching and fixing: final consonants (batchim) of Hangul syllables,
// the particles that follow a noun in an eojeol, and the choice of a particle's allomorph.
// Pure functions over UTF-8; nothing here depends on ICU or keeps state.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tmkit {

// Whether c is a precomposed Hangul syllable (U+AC00..U+D7A3).
bool IsHangulSyllable(char32_t c);
// Whether the syllable c has a final consonant (batchim); false for anything not a syllable.
bool HasBatchim(char32_t c);
// Whether the syllable c ends in ㄹ (which takes 로, not 으로); false for anything else.
bool HasRieulBatchim(char32_t c);

// How a word ends, for choosing particles.
enum class FinalSound {
  kUnknown,    // nothing readable at the end (Han characters, symbols, empty)
  kVowel,      // 가, 를, 는, 와, 로, 나, 랑, 라고 ...
  kRieul,      // ㄹ: like a consonant, but 로 rather than 으로
  kConsonant,  // 이, 을, 은, 과, 으로, 이나, 이랑, 이라고 ...
};

// The final sound of word as read in Korean. Trailing punctuation and brackets are skipped
// (영화 '상감령' reads as 상감령). A Hangul syllable by its batchim. A number as Sino-Korean
// numerals: the last non-zero digit (일 ㄹ, 이 vowel, 삼 ㅁ, 사 vowel, 오 vowel, 육 ㄱ, 칠 ㄹ,
// 팔 ㄹ, 구 vowel, 영 ㅇ) or, after trailing zeros, the unit (10 십, 100 백, 1000 천, 10^4..10^7 만,
// 10^8.. 억, 10^12.. 조, 10^16.. 경); after a decimal point digit by digit. A word ending in a
// Latin letter as letter names, the usual reading of acronyms (UN 유엔, DMZ 디엠지, AFP 에이에프피):
// L 엘 -> kRieul, M 엠 and N 엔 -> kConsonant, every other letter -> kVowel. Words read as English
// words (iPhone 아이폰) cannot be told from their spelling: they get the acronym reading.
FinalSound WordFinalSound(std::string_view word);

// Every particle form MatchParticles knows (case particles, auxiliary particles, copula
// endings), each once, in no particular order. Does not include the plural suffix 들 or the
// 하다/되다/시키다 endings, which MatchParticles also accepts.
std::span<const std::string_view> KoreanParticles();

// Whether rest, the Hangul that follows a noun up to the end of its eojeol, is a particle
// sequence (so that the noun stands alone): an optional plural 들, up to three adverbial or
// stackable particles (에, 에서, 에게, 으로/로, 와/과, 까지, 부터, 처럼, 보다, 만, 하고, ...) and
// at most one closing particle or copula ending (이/가, 은/는, 을/를, 의, 도, 이나/나, 이다/다,
// 이라고/라고, ...), e.g. 에서는, 까지도, 으로는, 에게는, 들과, 만의. Or rest is a 하다/되다/시키다
// ending from a fixed list (하다, 했다, 하는, 된, 되었다, 시킨, ...; not the bare 한 and 해,
// which are more often the start of another noun). Allomorphs are accepted whatever the noun's
// final sound, as texts get them wrong. Empty rest is true. Contractions into the noun's last
// syllable (포론 for 포로는) are not recognised.
bool IsParticleSequence(std::string_view rest);

// The particle sequence particle (as found after a word, e.g. "이", "는", "으로는", "이라고")
// with its first particle changed to the allomorph that fits word's final sound: 이/가, 은/는,
// 을/를, 과/와, 으로/로 (ㄹ takes 로), 이나/나, 이랑/랑, 이라고/라고, 이라는/라는, 이다/다, 이며/며,
// 이라도/라도, 으로서/로서, 으로써/로써, 으로부터/로부터, ... Particles without allomorphs
// (의, 에서, 까지, 들과...) and words of unknown final sound return particle unchanged.
std::string AdjustParticle(std::string_view word, std::string_view particle);

}  // namespace tmkit
