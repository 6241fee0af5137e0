#include "text/transliterator.h"

#include <catch2/catch.hpp>

using namespace tmkit;

TEST_CASE("a cached transliterator gives ICU's transform, the same again from its cache", "[text]") {
  CachedTransliterator latin_ascii("Latin-ASCII");
  CHECK(latin_ascii("Zürich") == "Zurich");
  CHECK(latin_ascii("Genève") == "Geneve");
  CHECK(latin_ascii("Zürich") == "Zurich");
  CachedTransliterator hangul("Hangul-Latin; Latin-ASCII");
  CHECK(hangul("서울") == "seoul");
  CachedTransliterator missing("No-Such-Transform");
  CHECK(missing("Zürich").empty());
}
