// DeferredIndex: exact-index entries of committed units not yet in the exact database (bulk
// mode), the newest in a hash table, older ones in sorted runs in memory or in a temporary
// file; lookups may return removed ids.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/unit_codec.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/huge_page_allocator.h"

namespace tmkit {

// What a write transaction did to the deferred entries, so that an abandoned one can be
// taken back.
struct DeferredMark {
  size_t entries = 0;
  std::vector<std::pair<std::string, uint64_t>> removed_before;  // key, old seq (0: none)
};

// An exact-index key (lower(lang) \0 8-byte hash) and id, in 24 bytes: the language as an
// index into DeferredIndex::langs.
struct DeferredEntry {
  uint64_t hash;     // the key's last 8 bytes, big-endian
  uint64_t id_lang;  // id (low 48 bits) and language index (high 16 bits)
  uint64_t seq;      // order of the operation, to tell an add after a removal from one before
  uint64_t id() const { return id_lang & ((uint64_t{1} << 48) - 1); }
  size_t lang() const { return static_cast<size_t>(id_lang >> 48); }
};

// Ranks of languages in key order (by index into DeferredIndex::langs).
std::vector<size_t> LangRanks(const std::vector<std::string>& langs);

// Whether a comes before b in the exact database's key order (then by id), given the ranks
// of their languages.
inline bool EntryBefore(const std::vector<size_t>& rank, const DeferredEntry& a,
                        const DeferredEntry& b) {
  if (a.lang() != b.lang()) return rank[a.lang()] < rank[b.lang()];
  if (a.hash != b.hash) return a.hash < b.hash;
  return a.id() < b.id();
}

// Entries of committed units sorted in key order, then by id, with the ranks of the
// languages they were sorted by (languages added since have none). In memory (entries), or in
// the temporary file of a DeferredIndex (count entries at offset, with the key of every
// kSampleEvery-th entry kept in memory to find a key's block).
struct SortedRun {
  static constexpr size_t kSampleEvery = 128;
  std::vector<DeferredEntry> entries;
  std::vector<size_t> rank;
  int fd = -1;           // >= 0: the run is in this file
  uint64_t offset = 0;   // bytes
  size_t count = 0;
  std::vector<std::pair<size_t, uint64_t>> samples;  // (language rank, hash)
  bool in_file() const { return fd >= 0; }
  size_t size() const { return in_file() ? count : entries.size(); }
};

// The entries of sorted runs in key order (then by id): a k-way merge that can go back to
// where it was, so that a transaction run again writes the same entries again. Runs in a
// file are read a block at a time; a read that fails throws Error (kIo).
class RunMerger {
 public:
  RunMerger(const std::vector<SortedRun>& runs, std::vector<size_t> rank);
  using Position = std::vector<size_t>;  // the next entry of each run
  Position Save() const { return next_; }
  void Restore(const Position& at);
  bool Next(DeferredEntry* e);

 private:
  // Whether run a's next entry comes after run b's (the heap's order: the first on top).
  struct LaterFn {
    const RunMerger* m;
    bool operator()(size_t a, size_t b) const {
      return EntryBefore(m->rank_, m->head_[b], m->head_[a]);
    }
  };
  LaterFn Later() const { return LaterFn{this}; }
  void Load(size_t r);  // head_[r] = entry next_[r] of run r
  const std::vector<SortedRun>& runs_;
  std::vector<size_t> rank_;
  Position next_;
  std::vector<DeferredEntry> head_;  // the next entry of each run with entries left
  struct Block {
    size_t first = 0;
    std::vector<DeferredEntry> entries;
  };
  std::vector<Block> blocks_;  // of the runs in a file
  std::vector<size_t> heap_;   // runs with entries left
};

struct DeferredIndex {
  using Mark = DeferredMark;
  using Entry = DeferredEntry;
  DeferredIndex() = default;
  ~DeferredIndex();
  DeferredIndex(const DeferredIndex&) = delete;
  DeferredIndex& operator=(const DeferredIndex&) = delete;

  std::vector<Entry> entries;   // the newest, in any order
  std::vector<SortedRun> runs;  // sorted batches of older ones, in memory or in the file
  std::vector<std::string> langs;                     // of the entries' keys (only added to)
  std::unordered_map<std::string, uint64_t> removed;  // key + IdKey(id) -> seq of its removal
  // The runs moved out of memory: an unnamed temporary file (the kernel removes it when it is
  // closed, also when the process dies), and its size in bytes.
  int fd = -1;
  uint64_t file_bytes = 0;

  // lookup: open addressing on Hash64(key), slots of (tag, id); tag 0 marks an empty slot.
  // Several slots may hold the same tag (a key with several ids, or a collision).
  using Slots =
      std::vector<std::pair<uint64_t, uint64_t>, HugePageAllocator<std::pair<uint64_t, uint64_t>>>;
  Slots slots;
  size_t used = 0;
  size_t last_lang_ = 0;  // the index Add found last (entries come language by language)

  static uint64_t Tag(std::string_view key) { return Hash64(key) | 1; }
  void Reserve(size_t entries_expected) {
    size_t n = 1024;
    while (n < entries_expected * 2) n *= 2;
    if (n > slots.size()) Rehash(n);
  }
  void Insert(uint64_t tag, uint64_t id) {
    if ((used + 1) * 2 > slots.size()) Rehash(std::max<size_t>(1024, slots.size() * 2));
    size_t mask = slots.size() - 1;
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
      if (slots[i].first == 0) {
        slots[i] = {tag, id};
        ++used;
        return;
      }
    }
  }
  // Frees the lookup's memory (Reserve or Insert make it again).
  void ReleaseLookup() {
    Slots().swap(slots);
    used = 0;
  }
  // Starts fetching the slot where Insert(tag, ...) begins.
  void Prefetch(uint64_t tag) const {
    if (!slots.empty()) __builtin_prefetch(&slots[tag & (slots.size() - 1)], 1);
  }
  void Rehash(size_t n) {
    Slots old(n);
    old.swap(slots);
    used = 0;
    for (const auto& [tag, id] : old) {
      if (tag != 0) Insert(tag, id);
    }
  }
  // Returns Tag(key).
  uint64_t Add(const std::string& key, uint64_t id, uint64_t seq) {
    // ExactIndexKey: lower(lang) \0 8-byte hash.
    if (key.size() < 9 || key[key.size() - 9] != '\0' || id >> 48 != 0) {
      throw Error(Error::Kind::kStore, "an exact-index key or unit id out of range");
    }
    const size_t nul = key.size() - 9;
    const std::string_view lang(key.data(), nul);
    size_t index = last_lang_;
    if (index >= langs.size() || langs[index] != lang) {
      index = std::find(langs.begin(), langs.end(), lang) - langs.begin();
      if (index == langs.size()) {
        if (index > 0xffff) {
          throw Error(Error::Kind::kStore, "more than 65,536 languages in one import");
        }
        langs.emplace_back(lang);
      }
      last_lang_ = index;
    }
    entries.push_back(
        {GetBigEndian64(std::string_view(key).substr(nul + 1)), id | uint64_t{index} << 48, seq});
    const uint64_t tag = Tag(key);
    Insert(tag, id);
    return tag;
  }
  // The key of an entry.
  std::string KeyOf(const Entry& e) const {
    std::string key = langs[e.lang()];
    key.push_back('\0');
    PutBigEndian64(&key, e.hash);
    return key;
  }
  void Remove(const std::string& key, const std::string& id_key, uint64_t seq) {
    uint64_t& s = removed[key + id_key];
    s = std::max(s, seq);
  }
  // The entries in the runs, and in those in memory.
  size_t RunEntries() const {
    size_t n = 0;
    for (const SortedRun& run : runs) n += run.size();
    return n;
  }
  size_t MemoryRunEntries() const {
    size_t n = 0;
    for (const SortedRun& run : runs) n += run.in_file() ? 0 : run.size();
    return n;
  }
  // The ids of key in the sorted runs (those in the file read a block a run; a read that
  // fails throws Error, kIo).
  void RunCandidates(const std::string& key, std::vector<uint64_t>* ids) const;
  // Merges the runs in memory into one run appended to the file (created in dir, the first
  // time). On an error (Error, kIo) the runs are as they were.
  void SpillRuns(const std::string& dir);
  // Forgets the runs (they were written), and empties the file.
  void DropRuns();
  void Candidates(const std::string& key, std::vector<uint64_t>* ids) const {
    if (slots.empty()) return;
    uint64_t tag = Tag(key);
    size_t mask = slots.size() - 1;
    for (size_t i = tag & mask; slots[i].first != 0; i = (i + 1) & mask) {
      if (slots[i].first == tag) ids->push_back(slots[i].second);
    }
  }
  void RemoveMarked(const std::string& key, const std::string& id_key, uint64_t seq, Mark* mark) {
    std::string k = key + id_key;
    auto it = removed.find(k);
    mark->removed_before.emplace_back(k, it == removed.end() ? 0 : it->second);
    Remove(key, id_key, seq);
  }
  void Undo(Mark& mark) {
    for (auto it = mark.removed_before.rbegin(); it != mark.removed_before.rend(); ++it) {
      if (it->second == 0)
        removed.erase(it->first);
      else
        removed[it->first] = it->second;
    }
    // The lookup keeps the entries taken back until RebuildLookup (every candidate is checked
    // against its unit): rebuilding it from entries would drop the batch handed over to be
    // sorted, whose keys are not in the database yet.
    if (entries.size() > mark.entries) entries.resize(mark.entries);
  }
  // Makes the lookup hold exactly the entries not yet handed over for writing.
  void RebuildLookup() {
    std::fill(slots.begin(), slots.end(), std::pair<uint64_t, uint64_t>{0, 0});
    used = 0;
    for (const Entry& e : entries) Insert(Tag(KeyOf(e)), e.id());
  }
  void Clear();
};

// Sorts entries in key order (then by id), given the languages of their keys.
SortedRun SortEntries(std::vector<DeferredEntry> entries, const std::vector<std::string>& langs);

}  // namespace tmkit
