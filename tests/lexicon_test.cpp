#include "align/lexicon.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "align/bead_aligner.h"
#include "test_util.h"
#include "util/error.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

std::string Sample() { return SourceDir() + "/tests/data/cedict/sample.u8"; }

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("CC-CEDICT lines give headwords and the content words of short glosses", "[lexicon]") {
  std::vector<LexiconEntry> entries = ReadCedict(Sample());
  auto find = [&](const std::string& h) {
    auto it = std::find_if(entries.begin(), entries.end(), [&](const LexiconEntry& e) { return e.headword == h; });
    REQUIRE(it != entries.end());
    return it->words;
  };
  CHECK(find("士兵") == std::vector<std::string>{"soldier"});
  CHECK(find("志愿军") == std::vector<std::string>{"volunteer", "army"});
  CHECK(find("志願軍") == find("志愿军"));  // the traditional headword too
  // Brackets dropped, long explanations and cross-references skipped.
  CHECK(find("阵地") == std::vector<std::string>{"position", "front"});
  CHECK(std::none_of(entries.begin(), entries.end(), [](const LexiconEntry& e) { return e.headword == "上甘岭"; }));
  // A headword read two ways: one entry with both readings' words once merged.
  std::vector<LexiconEntry> merged = MergeHeadwords(entries);
  auto spirit = std::find_if(merged.begin(), merged.end(), [](const LexiconEntry& e) { return e.headword == "精神"; });
  REQUIRE(spirit != merged.end());
  CHECK(Has(spirit->words, "spirit"));
  CHECK(Has(spirit->words, "vigor"));
  CHECK(std::count_if(merged.begin(), merged.end(), [](const LexiconEntry& e) { return e.headword == "精神"; }) == 1);
}

TEST_CASE("a malformed CC-CEDICT line is an error naming its line", "[lexicon]") {
  TempDir dir;
  std::string path = WriteFile(dir / "bad.u8", "# comment\n士兵 士兵 [shi4 bing1] /soldier/\n士兵 士兵 soldier\n");
  try {
    ReadCedict(path);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kInput);
    CHECK(e.where().file == path);
    CHECK(e.where().line == 3);
  }
  CHECK_THROWS_AS(ReadCedict(WriteFile(dir / "empty.u8", "# nothing\n")), Error);
}

TEST_CASE("the lexicon is stored and turned into anchors on both sides", "[lexicon]") {
  TempDir dir;
  auto store = NewStore(dir / "db");
  std::vector<LexiconEntry> entries = MergeHeadwords(ReadCedict(Sample()));
  store->Write([&](WriteTxn& t) {
    for (const LexiconEntry& e : entries) StoreLexiconEntry(t, e);
  });
  CHECK(LexiconSize(*store->Read()) == entries.size());
  std::unique_ptr<Lexicon> lex = Lexicon::Load(*store->Read());
  REQUIRE(!lex->empty());
  // Longest headword first: 志愿军 (volunteer army), not 志 alone.
  std::vector<std::string> zh = lex->ChineseAnchors("志愿军士兵守住了阵地。");
  CHECK(Has(zh, "d:volun"));
  CHECK(Has(zh, "d:soldi"));
  CHECK(Has(zh, "d:posit"));
  std::vector<std::string> en = Lexicon::EnglishAnchors("The soldiers of the Volunteer Army held their position.");
  CHECK(Has(en, "d:soldi"));
  CHECK(Has(en, "d:volun"));
  CHECK(!Has(en, "d:their"));  // function words say nothing
  CHECK(!Has(en, "d:the"));

  // In an alignment: the same pair costs less with the dictionary's anchors (a text this
  // short has no learned lexicon, yet gets the second pass that uses them).
  auto cost = [&](bool with) {
    AlignOptions o{"en", "zh", 6.8, 0, {}, {}, {}};
    if (with) {
      o.lexicon_anchors = [&](const std::string& s, bool source) {
        return source ? Lexicon::EnglishAnchors(s) : lex->ChineseAnchors(s);
      };
    }
    std::vector<Bead> beads = AlignSentences({"The soldiers held their position."}, {"士兵守住了阵地。"}, o);
    REQUIRE(beads.size() == 1);
    return beads[0].cost;
  };
  CHECK(cost(true) < cost(false) - 2);
}
