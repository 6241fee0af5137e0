#include "text/korean.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace tmkit;

TEST_CASE("batchim of Hangul syllables", "[korean]") {
  CHECK_FALSE(HasBatchim(U'가'));
  CHECK_FALSE(HasBatchim(U'로'));
  CHECK(HasBatchim(U'각'));
  CHECK(HasBatchim(U'점'));
  CHECK(HasBatchim(U'울'));
  CHECK_FALSE(HasRieulBatchim(U'점'));
  CHECK(HasRieulBatchim(U'울'));
  CHECK(HasRieulBatchim(U'일'));
  CHECK_FALSE(HasRieulBatchim(U'라'));
  CHECK_FALSE(HasBatchim(U'A'));  // not syllables
  CHECK_FALSE(HasBatchim(U'ㄱ'));
  CHECK_FALSE(HasRieulBatchim(U'ㄹ'));
  CHECK(IsHangulSyllable(U'힣'));
  CHECK_FALSE(IsHangulSyllable(U'中'));
}

TEST_CASE("final sound of words, numbers and acronyms", "[korean]") {
  CHECK(WordFinalSound("판문점") == FinalSound::kConsonant);
  CHECK(WordFinalSound("상감령") == FinalSound::kConsonant);
  CHECK(WordFinalSound("서울") == FinalSound::kRieul);
  CHECK(WordFinalSound("포로") == FinalSound::kVowel);
  CHECK(WordFinalSound("'상감령'") == FinalSound::kConsonant);  // closing quote skipped
  CHECK(WordFinalSound("영화 「상감령」") == FinalSound::kConsonant);
  CHECK(WordFinalSound("중앙(CC)TV") == FinalSound::kVowel);     // 티브이
  // Numbers read in Sino-Korean.
  CHECK(WordFinalSound("38") == FinalSound::kRieul);      // 삼십팔
  CHECK(WordFinalSound("1953") == FinalSound::kConsonant);  // 천구백오십삼
  CHECK(WordFinalSound("2020") == FinalSound::kConsonant);  // 이천이십
  CHECK(WordFinalSound("1952") == FinalSound::kVowel);      // 천구백오십이
  CHECK(WordFinalSound("67") == FinalSound::kRieul);        // 육십칠
  CHECK(WordFinalSound("100") == FinalSound::kConsonant);   // 백
  CHECK(WordFinalSound("1,000") == FinalSound::kConsonant);  // 천
  CHECK(WordFinalSound("30000") == FinalSound::kConsonant);  // 삼만
  CHECK(WordFinalSound("2.5") == FinalSound::kVowel);        // 이 점 오
  CHECK(WordFinalSound("0") == FinalSound::kConsonant);      // 영
  CHECK(WordFinalSound("6·25") == FinalSound::kVowel);       // 이십오
  // Latin letters as letter names.
  CHECK(WordFinalSound("UN") == FinalSound::kConsonant);  // 유엔
  CHECK(WordFinalSound("KCNA") == FinalSound::kVowel);    // 케이씨엔에이
  CHECK(WordFinalSound("DMZ") == FinalSound::kVowel);     // 디엠지
  CHECK(WordFinalSound("MDL") == FinalSound::kRieul);     // 엠디엘
  CHECK(WordFinalSound("JSA") == FinalSound::kVowel);
  CHECK(WordFinalSound("POW") == FinalSound::kVowel);
  CHECK(WordFinalSound("CPVM") == FinalSound::kConsonant);
  // Nothing to read.
  CHECK(WordFinalSound("上甘岭") == FinalSound::kUnknown);
  CHECK(WordFinalSound("") == FinalSound::kUnknown);
  CHECK(WordFinalSound("«»") == FinalSound::kUnknown);
}

TEST_CASE("particle allomorphs follow the new word's final sound", "[korean]") {
  // 이/가, 은/는, 을/를, 과/와.
  CHECK(AdjustParticle("판문점", "가") == "이");
  CHECK(AdjustParticle("포로", "이") == "가");
  CHECK(AdjustParticle("포로", "가") == "가");
  CHECK(AdjustParticle("상감령", "는") == "은");
  CHECK(AdjustParticle("평화", "은") == "는");
  CHECK(AdjustParticle("정전 협정", "를") == "을");
  CHECK(AdjustParticle("휴전", "를") == "을");
  CHECK(AdjustParticle("노동신문", "와") == "과");
  CHECK(AdjustParticle("연합뉴스", "과") == "와");
  // 으로/로: ㄹ-final words take 로; other particles treat ㄹ as a consonant.
  CHECK(AdjustParticle("서울", "으로") == "로");
  CHECK(AdjustParticle("판문점", "로") == "으로");
  CHECK(AdjustParticle("평양", "로") == "으로");
  CHECK(AdjustParticle("개성", "으로서") == "으로서");
  CHECK(AdjustParticle("서울", "으로써") == "로써");
  CHECK(AdjustParticle("서울", "으로부터") == "로부터");
  CHECK(AdjustParticle("서울", "가") == "이");
  CHECK(AdjustParticle("서울", "는") == "은");
  CHECK(AdjustParticle("서울", "와") == "과");
  // 이나/나, 이랑/랑, the copula.
  CHECK(AdjustParticle("포로", "이나") == "나");
  CHECK(AdjustParticle("판문점", "나") == "이나");
  CHECK(AdjustParticle("포로", "이랑") == "랑");
  CHECK(AdjustParticle("상감령", "라고") == "이라고");
  CHECK(AdjustParticle("베르됭", "라고") == "이라고");
  CHECK(AdjustParticle("포로", "이라고") == "라고");
  CHECK(AdjustParticle("포로", "이라는") == "라는");
  CHECK(AdjustParticle("포로", "이다") == "다");
  CHECK(AdjustParticle("판문점", "였다") == "이었다");
  CHECK(AdjustParticle("포로", "이고") == "이고");  // not 가고
  // Only the first particle of a sequence changes.
  CHECK(AdjustParticle("서울", "으로는") == "로는");
  CHECK(AdjustParticle("판문점", "로는") == "으로는");
  CHECK(AdjustParticle("포로", "이나마") == "나마");
  // Particles without allomorphs, and words that cannot be read, keep the particle.
  CHECK(AdjustParticle("포로", "의") == "의");
  CHECK(AdjustParticle("포로", "에서는") == "에서는");
  CHECK(AdjustParticle("노병", "들과") == "들과");
  CHECK(AdjustParticle("上甘岭", "은") == "은");
  CHECK(AdjustParticle("", "가") == "가");
  // Digits and Latin letters.
  CHECK(AdjustParticle("38", "이") == "이");    // 삼십팔이
  CHECK(AdjustParticle("38", "으로") == "로");  // 삼십팔로
  CHECK(AdjustParticle("2020", "는") == "은");  // 이천이십은
  CHECK(AdjustParticle("1952", "은") == "는");  // 천구백오십이는
  CHECK(AdjustParticle("UN", "가") == "이");    // 유엔이
  CHECK(AdjustParticle("AFP", "이") == "가");   // 에이에프피가
  CHECK(AdjustParticle("MDL", "으로") == "로");  // 엠디엘로
  CHECK(AdjustParticle("DMZ", "을") == "를");
}

TEST_CASE("particle sequences after a noun", "[korean]") {
  // The particles of the issue, alone.
  for (const char* p : {"이", "가", "은", "는", "을", "를", "와", "과", "으로", "로", "에서", "에게",
                        "까지", "부터", "처럼", "보다", "의", "도", "만", "에", "께서", "한테",
                        "에서는", "에게서", "으로서", "으로써", "이나", "나", "이랑", "랑", "하고",
                        "마저", "조차", "밖에", "이라고", "라고"}) {
    INFO(p);
    CHECK(IsParticleSequence(p));
    auto all = KoreanParticles();
    bool listed = std::find(all.begin(), all.end(), std::string_view(p)) != all.end();
    CHECK((listed || std::string_view(p) == "에서는"));
  }
  // Stacked, with the plural, the copula and 하다/되다.
  for (const char* p : {"", "까지도", "으로는", "에게는", "에서의", "만의", "만이", "과의", "들", "들과",
                        "들에게", "에서부터", "까지만은", "이다", "였다", "이라는", "했다", "하는",
                        "되었다", "된", "엔", "에선"}) {
    INFO(p);
    CHECK(IsParticleSequence(p));
  }
  // Not particles: the rest of a compound or another word.
  for (const char* p : {"기", "공단", "적", "인", "도로", "과자", "한", "해", "함", "선", "역", "군",
                        "은행", "가스", "의의의의", "에에에에", "들들", "도에서", "를은"}) {
    INFO(p);
    CHECK_FALSE(IsParticleSequence(p));
  }
}
