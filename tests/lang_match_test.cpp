#include "text/lang_match.h"

#include <catch2/catch.hpp>

using namespace tmkit;

TEST_CASE("a tag without region matches its regions, by likely script", "[lang_match]") {
  LangRequest zh("zh");
  CHECK(zh.Matches("zh-CN"));
  CHECK(zh.Matches("zh-SG"));
  CHECK(zh.Matches("zh-Hans"));
  CHECK(zh.Matches("zh-Hans-CN"));
  CHECK(zh.Matches("zh"));
  CHECK_FALSE(zh.Matches("zh-TW"));  // traditional: another language for lookups
  CHECK_FALSE(zh.Matches("zh-Hant"));
  CHECK_FALSE(zh.Matches("zh-HK"));
  CHECK_FALSE(zh.Matches("ja"));
  LangRequest ko("ko");
  CHECK(ko.Matches("ko-KR"));
  CHECK(ko.Matches("ko"));
  CHECK_FALSE(ko.Matches("ja-JP"));
  CHECK(LangRequest("en").Matches("en-GB"));
  CHECK(LangRequest("en").Matches("en-US"));
}

TEST_CASE("traditional Chinese requests", "[lang_match]") {
  LangRequest hant("zh-Hant");
  CHECK(hant.Matches("zh-TW"));
  CHECK(hant.Matches("zh-HK"));
  CHECK_FALSE(hant.Matches("zh-CN"));
  LangRequest tw("zh-TW");
  CHECK(tw.Matches("zh-Hant-TW"));
  CHECK_FALSE(tw.Matches("zh-HK"));  // a region was asked for
}

TEST_CASE("any_variant accepts every script of the language", "[lang_match]") {
  LangRequest zh("zh", /*any_variant=*/true);
  CHECK(zh.Matches("zh-TW"));
  CHECK(zh.Matches("zh-Hant"));
  CHECK(zh.Matches("zh-CN"));
  CHECK_FALSE(zh.Matches("ko"));
  CHECK(LangRequest("sr", true).Matches("sr-Latn"));
  CHECK_FALSE(LangRequest("sr").Matches("sr-Latn"));  // sr is Cyrillic by default
}

TEST_CASE("likely scripts", "[lang_match]") {
  CHECK(LikelyScript("zh") == "Hans");
  CHECK(LikelyScript("zh-TW") == "Hant");
  CHECK(LikelyScript("ko") == "Kore");
  CHECK(LikelyScript("en") == "Latn");
}
