#include "match/concordance.h"

#include <catch2/catch.hpp>

#include "test_util.h"
#include "text/fold.h"
#include "tm/import_tmx.h"

using namespace tmkit;
using namespace tmkit::test;

TEST_CASE("folded search maps back to the stored text", "[concordance]") {
  size_t b = 0, e = 0;
  std::string text = "The ＫＣＮＡ reported: “Shangganling Spirit” lives.";
  REQUIRE(FindFolded(text, FoldForMatch("kcna"), &b, &e));
  CHECK(text.substr(b, e - b) == "ＫＣＮＡ");
  REQUIRE(FindFolded(text, FoldForMatch("\"shangganling spirit\""), &b, &e));
  CHECK(text.substr(b, e - b) == "“Shangganling Spirit”");
  CHECK_FALSE(FindFolded(text, FoldForMatch("verdun"), &b, &e));
  std::string zh = "中国人民志愿军烈士";
  REQUIRE(FindFolded(zh, FoldForMatch("志愿军"), &b, &e));
  CHECK(zh.substr(b, e - b) == "志愿军");
}

TEST_CASE("concordance over the shipped memory", "[concordance]") {
  TempDir dir;
  auto s = ShippedStore(dir / "db");
  auto snap = s->Read();
  ConcordanceOptions en;
  en.lang = "en";
  auto hits = Concordance(*snap, "volunteer army", en);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].text.substr(hits[0].begin, hits[0].end - hits[0].begin) == "Volunteer Army");
  CHECK(hits[0].others.size() == 2);
  ConcordanceOptions ko;
  ko.lang = "ko";
  auto inside = Concordance(*snap, "지원군", ko);  // inside 중국인민지원군
  CHECK(inside.size() == 2);
  ko.in_source = true;  // the units' source language is English
  CHECK(Concordance(*snap, "지원군", ko).empty());
  ConcordanceOptions tw;
  tw.lang = "zh-TW";
  CHECK(Concordance(*snap, "志愿军", tw).empty());
  en.limit = 1;
  CHECK(Concordance(*snap, "the", en).size() == 1);
}
