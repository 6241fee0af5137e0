#include "align/bead_aligner.h"
#include "align/paragraph_corners.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "test_util.h"
#include "text/encoding.h"
#include "text/sentence_splitter.h"
#include "tmx/seg.h"
#include "tmx/tmx_reader.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {


std::string Join(const std::vector<std::string>& s, const std::vector<size_t>& idx, bool space) {
  std::string out;
  for (size_t i : idx) out += (out.empty() || !space ? "" : " ") + s[i];
  return out;
}

}  // namespace

TEST_CASE("beads cover every sentence once, in order", "[align]") {
  std::vector<std::string> en = {"The war began in 1950.", "It ended in 1953.",
                                 "Both sides claimed victory, and neither side gave up any ground at all.",
                                 "Short one."};
  std::vector<std::string> zh = {"战争始于1950年。", "战争于1953年结束。",
                                 "双方都宣称胜利。", "谁也没有让出任何阵地。", "短句。"};
  std::vector<Bead> beads = AlignSentences(en, zh, {"en", "zh", 6.8, 0, {}, {}, {}});
  size_t i = 0, j = 0;
  for (const Bead& b : beads) {
    for (size_t x : b.source) CHECK(x == i++);
    for (size_t y : b.target) CHECK(y == j++);
  }
  CHECK(i == en.size());
  CHECK(j == zh.size());
  // The numbers anchor the first two beads; the long sentence takes two Chinese ones.
  REQUIRE(beads.size() == 4);
  CHECK(beads[0].target == std::vector<size_t>{0});
  CHECK(beads[1].target == std::vector<size_t>{1});
  CHECK(beads[2].target == std::vector<size_t>{2, 3});
}

TEST_CASE("the seed article aligns as the hand alignment does", "[align]") {
  // The hand alignment is three-way: where Chinese joins two English sentences and Korean
  // does not, its unit holds both, and the English-Korean pair alone is rightly finer. So
  // each pairwise bead must lie inside one hand-aligned unit (its texts are part of the
  // unit's), and at least 13 of the 14 units come out whole.
  TmxReader reader(SourceDir() + "/tmx/shangganling.en-zh-ko.tmx", {});
  std::vector<Unit> gold;
  Unit u;
  Location where;
  while (reader.Next(&u, &where)) gold.push_back(u);
  auto en = FileSentences(SourceDir() + "/tmx/sources/shangganling.en.txt", "en");
  for (const auto& [suffix, tag] : std::vector<std::pair<std::string, std::string>>{{"zh", "zh-CN"}, {"ko", "ko-KR"}}) {
    auto other = FileSentences(SourceDir() + "/tmx/sources/shangganling." + suffix + ".txt", suffix);
    std::set<std::pair<std::string, std::string>> found;
    size_t inside = 0, paired = 0;
    for (const Bead& b : AlignSentences(en, other, {"en", suffix, 6.8, 0, {}, {}, {}})) {
      std::string e = Join(en, b.source, true), o = Join(other, b.target, suffix != "zh");
      found.emplace(e, o);
      if (b.source.empty() || b.target.empty()) continue;
      ++paired;
      inside += std::any_of(gold.begin(), gold.end(), [&](const Unit& g) {
        return SegPlainText(g.FindVariant("en")->seg).find(e) != std::string::npos &&
               SegPlainText(g.FindVariant(tag)->seg).find(o) != std::string::npos;
      });
    }
    int exact = 0;
    for (const Unit& g : gold) {
      exact += found.count({SegPlainText(g.FindVariant("en")->seg), SegPlainText(g.FindVariant(tag)->seg)});
    }
    INFO(suffix);
    CHECK(paired >= 14);
    CHECK(inside == paired);
    CHECK(exact >= 13);
  }
}

TEST_CASE("a path drifting out of the first band is followed, not clipped", "[align]") {
  // 1,200 source sentences; the target joins the first 800 in pairs, then takes the last
  // 400 one for one. At source sentence 800 the path is 133 sentences off the diagonal,
  // beyond the first band (100 either side).
  auto sentence = [](int i) {
    std::string s = "Item " + std::to_string(1000 + i) + " of the list";
    for (int k = 0; k < i % 7; ++k) s += " and more";
    return s + ".";
  };
  std::vector<std::string> source, target;
  for (int i = 0; i < 1200; ++i) source.push_back(sentence(i));
  for (int i = 0; i < 800; i += 2) target.push_back(sentence(i) + " " + sentence(i + 1));
  for (int i = 800; i < 1200; ++i) target.push_back(sentence(i));
  auto right = [&](const std::vector<Bead>& beads) {
    size_t n = 0;
    for (const Bead& b : beads) {
      if (b.target.size() != 1) continue;
      size_t j = b.target[0];
      n += j < 400 ? b.source == std::vector<size_t>{2 * j, 2 * j + 1} : b.source == std::vector<size_t>{j + 400};
    }
    return n;
  };
  CHECK(right(AlignSentences(source, target, {"en", "en", 6.8, 0, {}, {}, {}})) == 800);
  // A band given (--band) is kept as it is, in both passes: 30 cannot follow the path.
  CHECK(right(AlignSentences(source, target, {"en", "en", 6.8, 30, {}, {}, {}})) < 700);
}

TEST_CASE("names tie sentences across scripts", "[align]") {
  // The same pair costs less when both sides name the same place: 上甘岭 is shangganling in
  // pinyin and 상감령 in Sino-Korean readings (Baekmagoji is another battlefield).
  auto cost = [](const std::string& a, const std::string& b, const std::string& la, const std::string& lb) {
    std::vector<Bead> beads = AlignSentences({a}, {b}, {la, lb, 6.8, 0, {}, {}, {}});
    REQUIRE(beads.size() == 1);
    return beads[0].cost;
  };
  const std::string zh = "上甘岭战役持续了四十三天。";
  CHECK(cost(zh, "상감령 전투는 43일 동안 계속되었다.", "zh", "ko") <
        cost(zh, "백마고지 전투는 43일 동안 계속되었다.", "zh", "ko") - 1);
  CHECK(cost("The battle of Shangganling lasted 43 days.", zh, "en", "zh") <
        cost("The battle of Baekmagoji lasted 43 days.", zh, "en", "zh") - 1);
  // Korean romanized: 서울 is Seoul.
  CHECK(cost("서울에서 회의가 열렸다.", "A meeting was held in Seoul.", "ko", "en") <
        cost("서울에서 회의가 열렸다.", "A meeting was held in Busan.", "ko", "en") - 1);
}

TEST_CASE("paragraphs first: the alignment passes where paired paragraphs begin", "[align]") {
  // Two paragraphs a side; the paragraphs pair up, so their start is a corner.
  std::vector<std::vector<std::string>> en = {
      {"The battle began on 14 October 1952.", "It lasted 43 days."},
      {"Both sides claimed victory in 1953.", "The film came out in 1956.", "It is still shown."}};
  std::vector<std::vector<std::string>> zh = {
      {"战役于1952年10月14日打响，持续了43天。"},
      {"1953年，双方都宣称获胜。", "这部电影于1956年上映。", "至今仍在放映。"}};
  AlignOptions o{"en", "zh", 6.8, 0, {}, {}, {}};
  CHECK(ParagraphCorners(en, zh, o) == std::vector<std::pair<size_t, size_t>>{{2, 1}});
  CHECK(ParagraphCorners({en[0]}, zh, o).empty());  // one paragraph: nothing to pair

  // No bead spans a corner, even where the sentences alone would be merged across it.
  std::vector<std::string> source = {"A short one.", "Another short one."};
  std::vector<std::string> target = {"一个短句，另一个短句。"};
  std::vector<Bead> free = AlignSentences(source, target, o);
  REQUIRE(free.size() == 1);  // 2-1
  o.corners = {{1, 1}};
  std::vector<Bead> fixed = AlignSentences(source, target, o);
  REQUIRE(fixed.size() == 2);
  CHECK(fixed[0].source == std::vector<size_t>{0});
  CHECK(fixed[0].target == std::vector<size_t>{0});
  CHECK(fixed[1].source == std::vector<size_t>{1});
  CHECK(fixed[1].target.empty());
}

TEST_CASE("corners on the best path leave it as it is", "[align]") {
  auto en = FileSentences(SourceDir() + "/tmx/sources/shangganling.en.txt", "en");
  auto ko = FileSentences(SourceDir() + "/tmx/sources/shangganling.ko.txt", "ko");
  AlignOptions o{"en", "ko", 6.8, 0, {}, {}, {}};
  std::vector<Bead> free = AlignSentences(en, ko, o);
  size_t i = 0, j = 0;
  for (size_t b = 0; b + 1 < free.size(); ++b) {
    i += free[b].source.size();
    j += free[b].target.size();
    if (b % 3 == 1) o.corners.emplace_back(i, j);
  }
  REQUIRE(o.corners.size() >= 3);
  std::vector<Bead> fixed = AlignSentences(en, ko, o);
  REQUIRE(fixed.size() == free.size());
  for (size_t b = 0; b < free.size(); ++b) {
    CHECK(fixed[b].source == free[b].source);
    CHECK(fixed[b].target == free[b].target);
  }
}

namespace {

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool HasBead(const std::vector<Bead>& beads, std::vector<size_t> source, std::vector<size_t> target) {
  return std::any_of(beads.begin(), beads.end(),
                     [&](const Bead& b) { return b.source == source && b.target == target; });
}

}  // namespace

TEST_CASE("how sentences end and begin, and fragments alone, as in Text+Berg's gold", "[align]") {
  // Learned from the document: "Glück ?" goes with "La chance ?", not with the sentence
  // after it; a torn piece of a scanned page ("Vv", "D.A .") stands alone.
  const std::string dir = SharedDir() + "/align-eval/textberg-de-fr";
  std::vector<Bead> beads = AlignSentences(Lines(dir + "/de/002"), Lines(dir + "/fr/002"), {"de", "fr", 6.8, 0, {}, {}, {}});
  CHECK(HasBead(beads, {32}, {27}));
  CHECK(HasBead(beads, {33, 34}, {28}));
  CHECK(HasBead(beads, {202, 203}, {178}));
  beads = AlignSentences(Lines(dir + "/de/001"), Lines(dir + "/fr/001"), {"de", "fr", 6.8, 0, {}, {}, {}});
  CHECK(HasBead(beads, {}, {54}));
  CHECK(HasBead(beads, {}, {113}));
}
