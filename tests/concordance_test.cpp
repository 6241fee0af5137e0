#include "match/concordance.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <tuple>

#include "test_util.h"
#include "text/fold.h"
#include "tm/import_tmx.h"
#include "tmx/seg.h"

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
  // Decomposed text (as macOS writes it) is folded whole, as the needle is.
  std::string nfd = "Cafe\u0301 in \u1109\u1161\u11BC\u1100\u1161\u11B7\u1105\u1167\u11BC";
  REQUIRE(FindFolded(nfd, FoldForMatch("café"), &b, &e));
  CHECK(nfd.substr(b, e - b) == "Cafe\u0301");
  REQUIRE(FindFolded(nfd, FoldForMatch("상감령"), &b, &e));
  CHECK(nfd.substr(b, e - b) == "\u1109\u1161\u11BC\u1100\u1161\u11B7\u1105\u1167\u11BC");
  REQUIRE(FindFolded(nfd, FoldForMatch("감"), &b, &e));
  CHECK(nfd.substr(b, e - b) == "\u1100\u1161\u11B7");
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
  en.limit = 0;
  CHECK(Concordance(*snap, "志愿军 ", en).empty());
  CHECK(Concordance(*snap, "the", en).empty());
}

namespace {

// A memory of many units from small vocabularies (words that are pieces of others, Han
// characters, Hangul words), so that queries share tokens with many units.
std::string GeneratedUnits(std::mt19937* rng, int count, const std::string& prefix) {
  const std::vector<std::string> en = {"volunteer", "volunteers", "army", "Army", "the", "hill", "Shangganling",
                                       "battle", "battles", "spirit", "1953", "1,000", "war", "warfare"};
  const std::vector<std::string> zh = {"中", "国", "人", "民", "志", "愿", "军", "上", "甘", "岭", "战", "役"};
  const std::vector<std::string> ko = {"중국", "인민", "지원군", "상감령", "전투", "정신", "지원", "군"};
  auto pick = [&](const std::vector<std::string>& v) { return v[(*rng)() % v.size()]; };
  std::string body;
  for (int u = 0; u < count; ++u) {
    std::string e, z, k;
    int n = 2 + static_cast<int>((*rng)() % 7);
    for (int i = 0; i < n; ++i) {
      e += (i ? " " : "") + pick(en);
      z += pick(zh);
      k += ((*rng)() % 3 == 0 || i == 0 ? "" : " ") + pick(ko);
    }
    body += "<tu tuid=\"" + prefix + std::to_string(u) + "\"><tuv xml:lang=\"en\"><seg>" + e + ".</seg></tuv>" +
            "<tuv xml:lang=\"zh-CN\"><seg>" + z + "。</seg></tuv><tuv xml:lang=\"ko-KR\"><seg>" + k +
            "다.</seg></tuv></tu>";
  }
  return body;
}

std::vector<std::tuple<uint64_t, size_t, size_t>> Found(const std::vector<ConcordanceHit>& hits) {
  std::vector<std::tuple<uint64_t, size_t, size_t>> out;
  for (const ConcordanceHit& h : hits) out.emplace_back(h.unit, h.begin, h.end);
  return out;
}

}  // namespace

TEST_CASE("concordance by the index finds what a scan of every unit finds", "[concordance]") {
  TempDir dir;
  auto s = NewStore(dir / "db");
  std::mt19937 rng(7);
  // Two imports: the index then has two batches of lists.
  WriteFile(dir / "a.tmx", Tmx(GeneratedUnits(&rng, 1500, "a")));
  WriteFile(dir / "b.tmx", Tmx(GeneratedUnits(&rng, 500, "b")));
  // Texts whose folded form holds words their own tokens do not: a soft hyphen inside a
  // word, a character folding to four (㍿), decomposed Hangul (지원군 as macOS writes it).
  const std::string odd =
      "<tu tuid=\"odd\"><tuv xml:lang=\"en\"><seg>the fo\u00ADobar army</seg></tuv>"
      "<tuv xml:lang=\"zh-CN\"><seg>中国\u337F上</seg></tuv>"
      "<tuv xml:lang=\"ko-KR\"><seg>중국 \u110C\u1175\u110B\u116F\u11AB\u1100\u116E\u11AB 정신</seg></tuv></tu>";
  WriteFile(dir / "c.tmx", Tmx(odd));
  ImportTmx(*s, {dir / "a.tmx"}, {});
  ImportTmx(*s, {dir / "c.tmx"}, {});
  ImportTmx(*s, {dir / "b.tmx"}, {});
  auto snap = s->Read();
  REQUIRE(snap->UnitCount() >= 1900);
  // Queries: pieces of stored texts, cut anywhere between characters.
  std::vector<std::pair<std::string, std::string>> queries = {
      {"en", "Shangganling battle spirit"}, {"en", "olunteer army the"}, {"en", " the "}, {"zh", "志愿军"},
      {"zh", "岭战"}, {"ko", "지원군"}, {"ko", "인민 지원"}, {"en", "war 1,000 hill"},
      {"en", "the foobar army"}, {"zh", "株式会社"}, {"ko", "중국 지원군 정신"},
      {"ko", "\u110C\u1175\u110B\u116F\u11AB\u1100\u116E\u11AB"}};
  std::vector<Unit> units;
  snap->ForEachUnit([&](const Unit& u) {
    units.push_back(u);
    return true;
  });
  for (int q = 0; q < 300; ++q) {
    const Unit& u = units[rng() % units.size()];
    const Variant& v = u.variants[rng() % u.variants.size()];
    std::string plain = SegPlainText(v.seg);
    std::vector<size_t> starts;  // character boundaries
    for (size_t i = 0; i < plain.size(); ++i) {
      if ((static_cast<unsigned char>(plain[i]) & 0xC0) != 0x80) starts.push_back(i);
    }
    starts.push_back(plain.size());
    size_t a = rng() % (starts.size() - 1), len = 1 + rng() % 12;
    size_t b = std::min(starts.size() - 1, a + len);
    queries.emplace_back(v.lang.substr(0, 2), plain.substr(starts[a], starts[b] - starts[a]));
  }
  size_t indexed = 0;
  for (const auto& [lang, text] : queries) {
    INFO(lang << ": [" << text << "]");
    ConcordanceOptions by_index;
    by_index.lang = lang;
    by_index.limit = 100000;
    ConcordanceOptions scan = by_index;
    scan.scan = true;
    auto expected = Found(Concordance(*snap, text, scan));
    CHECK(Found(Concordance(*snap, text, by_index)) == expected);
    std::vector<uint64_t> ids;
    if (ConcordanceCandidates(*snap, text, LangRequest(lang), 100000, &ids)) {
      ++indexed;
      CHECK(ids.size() <= snap->UnitCount());
      for (const auto& [unit, b, e] : expected) CHECK(std::binary_search(ids.begin(), ids.end(), unit));
      // The first hits, as a scan with a limit finds them.
      by_index.limit = scan.limit = 3;
      CHECK(Found(Concordance(*snap, text, by_index)) == Found(Concordance(*snap, text, scan)));
    }
  }
  // Most pieces hold a Han or Hangul character or a word between spaces.
  CHECK(indexed > queries.size() / 2);
  // The odd unit is found through its folded text, by the index too.
  for (const auto& [lang, text] : std::vector<std::pair<std::string, std::string>>{
           {"en", "the foobar army"}, {"zh", "株式会社"}, {"ko", "중국 지원군 정신"}}) {
    INFO(text);
    ConcordanceOptions o;
    o.lang = lang;
    o.limit = 100000;
    auto hits = Concordance(*snap, text, o);
    CHECK(std::any_of(hits.begin(), hits.end(), [](const ConcordanceHit& h) { return h.tuid == "odd"; }));
  }
  std::vector<uint64_t> ids;
  CHECK_FALSE(ConcordanceCandidates(*snap, "volunteer", LangRequest("en"), 20, &ids));  // may be a piece
  REQUIRE(ConcordanceCandidates(*snap, "上甘岭战役", LangRequest("zh"), 20, &ids));
  CHECK(ids.size() < snap->UnitCount() / 2);  // five characters most units lack one of
  // One character in a third of the units: reading units in order finds the first sooner.
  CHECK_FALSE(ConcordanceCandidates(*snap, "岭", LangRequest("zh"), 1, &ids));
  CHECK(ConcordanceCandidates(*snap, "岭", LangRequest("zh"), 100000, &ids));
}
