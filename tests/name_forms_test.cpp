#include "text/name_forms.h"

#include <catch2/catch.hpp>

using namespace tmkit;

namespace {

std::string Pinyin(std::u32string_view han) {
  std::string out;
  for (char32_t c : han) out += HanPinyin(c);
  return out;
}

std::string Readings(std::u32string_view han) {
  std::string out;
  for (char32_t c : han) out += SinoKoreanReading(c);
  return out;
}

}  // namespace

TEST_CASE("pinyin of Han characters, without tones", "[names]") {
  CHECK(Pinyin(U"上甘岭") == "shangganling");
  CHECK(Pinyin(U"习近平") == "xijinping");
  CHECK(Pinyin(U"北京") == "beijing");
  CHECK(Pinyin(U"吕") == "lu");  // ü without its dots
  CHECK(HanPinyin(U'a').empty());
  CHECK(HanPinyin(U'상').empty());
}

TEST_CASE("Sino-Korean readings from Unihan", "[names]") {
  CHECK(Readings(U"上甘岭") == "상감령");
  CHECK(Readings(U"中国人民志愿军") == "중국인민지원군");
  // A simplified character without its own reading takes its traditional form's.
  CHECK(Readings(U"吕") == Readings(U"呂"));
  CHECK(Readings(U"吕") == "려");
  CHECK(SinoKoreanReading(U'a').empty());
  CHECK(SinoKoreanReading(U'상').empty());
}

TEST_CASE("the initial-sound rule on the first syllable", "[names]") {
  CHECK(InitialSoundRule("리") == "이");          // 李
  CHECK(InitialSoundRule("력사") == "역사");      // 歷史
  CHECK(InitialSoundRule("로동") == "노동");      // 勞動
  CHECK(InitialSoundRule("녀자") == "여자");      // 女子
  CHECK(InitialSoundRule("상감령") == "상감령");  // only the first syllable
  CHECK(InitialSoundRule("abc") == "abc");
  CHECK(InitialSoundRule("").empty());
}

TEST_CASE("Hangul romanized syllable by syllable", "[names]") {
  CHECK(HangulLatin(U'서') + HangulLatin(U'울') == "seoul");
  CHECK(HangulLatin(U'부') + HangulLatin(U'산') == "busan");
  CHECK(HangulLatin(U'a').empty());
}
