#include "store/deferred_index.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"

using namespace tmkit;
using tmkit::test::TempDir;

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

TEST_CASE("runs moved to the file merge and answer lookups as they did in memory", "[deferred_index]") {
  TempDir dir;
  std::mt19937_64 rng(11);
  const std::vector<std::string> langs = {"ko", "en-us", "en", "zh-cn"};
  // Two indexes fed the same entries: one keeps its runs in memory, the other moves them to
  // its file after every second run (runs of 300 entries: several blocks of samples each).
  DeferredIndex kept, moved;
  uint64_t id = 1, seq = 0;
  for (int run = 0; run < 7; ++run) {
    const size_t lang_count = run < 3 ? 3 : 4;  // a language new since the first spill
    for (int i = 0; i < 300; ++i) {
      // Half of the odd runs' entries under one key, whose entries cross the blocks of the file.
      std::string key = run % 2 && rng() % 2 ? Key("en", 3) : Key(langs[rng() % lang_count], rng() % 4000);
      kept.Add(key, id, ++seq);
      moved.Add(key, id, seq);
      ++id;
    }
    for (DeferredIndex* d : {&kept, &moved}) {
      d->runs.push_back(SortEntries(std::move(d->entries), d->langs));
      d->entries.clear();
    }
    if (run % 2 == 1) moved.SpillRuns(dir.path());
  }
  REQUIRE(moved.runs.size() == 4);  // three in the file, the last in memory
  CHECK(moved.runs[0].in_file());
  CHECK(!moved.runs[3].in_file());
  CHECK(moved.file_bytes == 3 * 600 * sizeof(DeferredEntry));

  // The same ids for every key, found and absent.
  for (const char* lang : {"ko", "en-us", "en", "zh-cn", "ja"}) {
    for (uint64_t hash = 0; hash < 4000; hash += hash < 50 ? 1 : 37) {
      std::vector<uint64_t> want, got;
      kept.RunCandidates(Key(lang, hash), &want);
      moved.RunCandidates(Key(lang, hash), &got);
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      INFO(lang << " " << hash);
      REQUIRE(got == want);
    }
  }
  std::vector<uint64_t> ids;
  moved.RunCandidates(Key("en", 3), &ids);
  CHECK(ids.size() > 2 * SortedRun::kSampleEvery);  // a key over several blocks

  // Merged, the same entries in the same order, and the merge goes back to where it was.
  RunMerger a(kept.runs, LangRanks(kept.langs)), b(moved.runs, LangRanks(moved.langs));
  DeferredEntry ea, eb;
  size_t n = 0;
  RunMerger::Position at;
  std::vector<uint64_t> after_save;
  while (a.Next(&ea)) {
    REQUIRE(b.Next(&eb));
    REQUIRE(kept.KeyOf(ea) == moved.KeyOf(eb));
    REQUIRE(ea.id() == eb.id());
    if (++n == 1000) at = b.Save();
    if (n > 1000 && after_save.size() < 3000) after_save.push_back(eb.id());
  }
  CHECK(!b.Next(&eb));
  CHECK(n == 2100);
  b.Restore(at);
  for (uint64_t want : after_save) {
    REQUIRE(b.Next(&eb));
    REQUIRE(eb.id() == want);
  }

  // Written, the runs are dropped and the file emptied; new runs go to its beginning.
  moved.DropRuns();
  CHECK(moved.runs.empty());
  CHECK(moved.file_bytes == 0);
  moved.Add(Key("en", 3), 9999, ++seq);
  moved.runs.push_back(SortEntries(std::move(moved.entries), moved.langs));
  moved.entries.clear();
  moved.SpillRuns(dir.path());
  ids.clear();
  moved.RunCandidates(Key("en", 3), &ids);
  CHECK(ids == std::vector<uint64_t>{9999});
}

TEST_CASE("a run that cannot be moved to its file stays in memory", "[deferred_index]") {
  DeferredIndex d;
  d.Add(Key("en", 1), 1, 1);
  d.runs.push_back(SortEntries(std::move(d.entries), d.langs));
  d.entries.clear();
  REQUIRE_THROWS_AS(d.SpillRuns("/nonexistent/tmkit-dir"), Error);
  REQUIRE(d.runs.size() == 1);
  CHECK(!d.runs[0].in_file());
  std::vector<uint64_t> ids;
  d.RunCandidates(Key("en", 1), &ids);
  CHECK(ids == std::vector<uint64_t>{1});
}
