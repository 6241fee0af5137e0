#include "text/lang_tag.h"

#include <catch2/catch.hpp>

using namespace tmkit;

TEST_CASE("language tags are canonicalised to BCP 47", "[lang_tag]") {
  CHECK(CanonicalLangTag("EN-us") == "en-US");
  CHECK(CanonicalLangTag("zh_CN") == "zh-CN");
  CHECK(CanonicalLangTag("zh-hans") == "zh-Hans");
  CHECK(CanonicalLangTag("ZH-HANT-tw") == "zh-Hant-TW");
  CHECK(CanonicalLangTag("ko-kr") == "ko-KR");
  CHECK(CanonicalLangTag("fR-Ca") == "fr-CA");
  CHECK(CanonicalLangTag("en") == "en");
  CHECK(CanonicalLangTag("*all*") == "*all*");
  // Private use stays private use.
  CHECK(CanonicalLangTag("x-Custom") == "x-custom");
  CHECK(CanonicalLangTag("en-x-house") == "en-x-house");
  CHECK(CanonicalLangTag("qaa") == "qaa");
}

TEST_CASE("malformed tags are refused", "[lang_tag]") {
  CHECK_FALSE(CanonicalLangTag(""));
  CHECK_FALSE(CanonicalLangTag("en US"));
  CHECK_FALSE(CanonicalLangTag("-en"));
  CHECK_FALSE(CanonicalLangTag("en--US"));
  CHECK_FALSE(CanonicalLangTag("toolonglanguagetag"));
}

TEST_CASE("known languages are told from unknown ones", "[lang_tag]") {
  CHECK(IsKnownLanguage("en"));
  CHECK(IsKnownLanguage("zh-Hans"));
  CHECK(IsKnownLanguage("ko-KR"));
  CHECK(IsKnownLanguage("co"));
  CHECK(IsKnownLanguage("yue"));
  CHECK_FALSE(IsKnownLanguage("xx"));
  CHECK_FALSE(IsKnownLanguage("xqq"));
  CHECK_FALSE(IsKnownLanguage("x"));
  // Codes for private use are a user's own languages.
  CHECK(IsKnownLanguage("qaa"));
  CHECK(IsKnownLanguage("qtz-CN"));
  CHECK(IsKnownLanguage("x-custom"));
}

TEST_CASE("tag comparison ignores case", "[lang_tag]") {
  CHECK(LangTagEquals("en-US", "EN-us"));
  CHECK_FALSE(LangTagEquals("en-US", "en-GB"));
  CHECK(PrimaryLanguage("zh-Hans-CN") == "zh");
}
