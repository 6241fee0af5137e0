#include "store/deferred_index.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

using namespace tmkit;

namespace {

// An exact-index key: lower(lang) \0 8-byte hash.
std::string Key(const std::string& lang, uint64_t hash) {
  std::string key = lang;
  key.push_back('\0');
  PutBigEndian64(&key, hash);
  return key;
}

}  // namespace

TEST_CASE("runs merge in the exact database's key order, and a merge goes back to where it was",
          "[deferred_index]") {
  DeferredIndex d;
  std::mt19937_64 rng(3);
  const std::vector<std::string> langs = {"ko", "en-us", "en", "zh-cn"};  // "en" is a prefix
  std::vector<SortedRun> runs;
  uint64_t id = 1, seq = 0;
  for (int run = 0; run < 5; ++run) {
    // The later runs bring a language the earlier ones did not have.
    const size_t lang_count = run < 2 ? 3 : 4;
    for (int i = 0; i < 300; ++i) d.Add(Key(langs[rng() % lang_count], rng() % 50), id++, ++seq);
    runs.push_back(SortEntries(std::move(d.entries), d.langs));
    d.entries.clear();
  }
  RunMerger merger(runs, LangRanks(d.langs));
  std::vector<std::string> keys;
  std::vector<uint64_t> ids;
  DeferredEntry e;
  RunMerger::Position at;
  std::vector<uint64_t> after_save;
  while (merger.Next(&e)) {
    keys.push_back(d.KeyOf(e));
    ids.push_back(e.id());
    if (keys.size() == 700) at = merger.Save();
    if (keys.size() > 700 && after_save.size() < 50) after_save.push_back(e.id());
  }
  REQUIRE(keys.size() == 1500);
  for (size_t i = 1; i < keys.size(); ++i) {
    INFO(i);
    REQUIRE(keys[i - 1] <= keys[i]);  // byte order, as LMDB compares keys
    if (keys[i - 1] == keys[i]) CHECK(ids[i - 1] < ids[i]);
  }
  merger.Restore(at);  // a transaction run again writes the same entries again
  for (uint64_t want : after_save) {
    REQUIRE(merger.Next(&e));
    CHECK(e.id() == want);
  }
}

TEST_CASE("the ids of a key are found in the hash table and in every run", "[deferred_index]") {
  DeferredIndex d;
  d.Reserve(64);
  d.Add(Key("en", 7), 1, 1);
  d.Add(Key("ko", 7), 2, 2);
  d.runs.push_back(SortEntries(std::move(d.entries), d.langs));
  d.entries.clear();
  d.Add(Key("en", 7), 3, 3);
  d.Add(Key("en-us", 7), 4, 4);  // a language new since the first run
  d.runs.push_back(SortEntries(std::move(d.entries), d.langs));
  d.entries.clear();
  d.RebuildLookup();  // the table now holds only what is not in a run
  d.Add(Key("en", 7), 5, 5);

  std::vector<uint64_t> ids;
  d.RunCandidates(Key("en", 7), &ids);
  CHECK(ids == std::vector<uint64_t>{1, 3});
  ids.clear();
  d.Candidates(Key("en", 7), &ids);
  CHECK(ids == std::vector<uint64_t>{5});
  ids.clear();
  d.RunCandidates(Key("en-us", 7), &ids);
  CHECK(ids == std::vector<uint64_t>{4});
  ids.clear();
  d.RunCandidates(Key("ko", 8), &ids);
  d.RunCandidates(Key("ja", 7), &ids);
  CHECK(ids.empty());
}
