#include "align/multi_align.h"

#include <catch2/catch.hpp>

#include <set>

#include "test_util.h"
#include "text/encoding.h"
#include "text/sentence_splitter.h"
#include "tmx/seg.h"
#include "tmx/tmx_reader.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

Bead B(std::vector<size_t> s, std::vector<size_t> t) { return Bead{std::move(s), std::move(t), 0}; }


}  // namespace

TEST_CASE("units are the smallest that every pairwise alignment agrees on", "[align]") {
  // Chinese merges English 1 and 2; Korean splits English 1 in two.
  std::vector<Bead> zh = {B({0}, {0}), B({1, 2}, {1}), B({3}, {2})};
  std::vector<Bead> ko = {B({0}, {0}), B({1}, {1, 2}), B({2}, {3}), B({3}, {4}), B({}, {5})};
  std::vector<MultiBead> units = MergeAlignments({zh, ko}, 4);
  REQUIRE(units.size() == 3);
  CHECK(units[0].pivot == std::vector<size_t>{0});
  CHECK(units[1].pivot == std::vector<size_t>{1, 2});
  CHECK(units[1].others[0] == std::vector<size_t>{1});
  CHECK(units[1].others[1] == std::vector<size_t>{1, 2, 3});
  CHECK(units[2].others[1] == std::vector<size_t>{4, 5});  // the Korean-only bead joins it
}

TEST_CASE("the seed article aligns into the hand-made three-language units", "[align]") {
  TmxReader reader(SourceDir() + "/tmx/shangganling.en-zh-ko.tmx", {});
  std::set<std::vector<std::string>> gold;
  Unit u;
  Location where;
  while (reader.Next(&u, &where)) {
    gold.insert({SegPlainText(u.FindVariant("en")->seg), SegPlainText(u.FindVariant("zh-CN")->seg),
                 SegPlainText(u.FindVariant("ko-KR")->seg)});
  }
  auto en = FileSentences(SourceDir() + "/tmx/sources/shangganling.en.txt", "en");
  auto zh = FileSentences(SourceDir() + "/tmx/sources/shangganling.zh.txt", "zh");
  auto ko = FileSentences(SourceDir() + "/tmx/sources/shangganling.ko.txt", "ko");
  auto units = MergeAlignments({AlignSentences(en, zh, {"en", "zh", 6.8, 0, {}, {}, {}}),
                                AlignSentences(en, ko, {"en", "ko", 6.8, 0, {}, {}, {}})},
                               en.size());
  auto join = [](const std::vector<std::string>& s, const std::vector<size_t>& idx, const char* sep) {
    std::string out;
    for (size_t i : idx) out += (out.empty() ? "" : sep) + s[i];
    return out;
  };
  int exact = 0;
  for (const MultiBead& m : units) {
    exact += gold.count({join(en, m.pivot, " "), join(zh, m.others[0], ""), join(ko, m.others[1], " ")});
  }
  CHECK(units.size() == gold.size());
  CHECK(exact == static_cast<int>(gold.size()));
}
