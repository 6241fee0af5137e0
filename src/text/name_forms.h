// How a name written in one script is written in another, for anchoring alignments: Mandarin
// pinyin and Sino-Korean readings of Han characters (Unihan kMandarin and kHangul, the data
// ICU's Han-Latin is made from, read from the unicode-data package at build time: creating
// ICU's Han-Latin transliterator alone took 0.1 s) and Hangul in ICU's Hangul-Latin romanization.
#pragma once

#include <string>
#include <string_view>

namespace tmkit {

// The pinyin of a Han character without tone marks ("shang" for 上: Unihan's first kMandarin
// reading), or "" for another character.
std::string_view HanPinyin(char32_t han);
// The Sino-Korean reading of a Han character as one Hangul syllable in UTF-8 ("상" for 上:
// Unihan's first kHangul reading, or that of the traditional form), or "" when there is none.
std::string_view SinoKoreanReading(char32_t han);
// A Hangul syllable's romanization in lower-case ASCII letters ("sang" for 상), or "".
const std::string& HangulLatin(char32_t syllable);
// The reading a Sino-Korean word takes at its start in South Korea (the initial-sound rule,
// 두음법칙): 리 -> 이, 력 -> 역, 로 -> 노, 녀 -> 여 for the first syllable of a UTF-8 Hangul
// string; the string itself when the rule does not apply.
std::string InitialSoundRule(std::string_view hangul);

}  // namespace tmkit
