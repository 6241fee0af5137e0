// The fuzzy index's data: what a variant contributes (one gram per token occurrence, and its
// token sequence as 16-bit codes) and the posting-list encoding. Store and lookup share it.
// Grams and codes are hashes: collisions only add candidates, never lose one.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/tokenizer.h"

namespace tmkit {

// What one variant puts into the fuzzy index.
struct FuzzyVariant {
  std::string lang;              // lower-cased tag
  std::vector<uint64_t> grams;   // one per token occurrence: GramOf(lang, folded, n)
  std::string codes;             // TokenCode of each token, 2 bytes each (little-endian)
  uint32_t length() const { return static_cast<uint32_t>(codes.size() / 2); }
};

// The gram of the n-th (0-based) occurrence of a folded token in a variant of a language,
// from Hash64(lower-cased tag) and Hash64(folded token). Turning repeats into distinct grams
// makes multiset overlap a set overlap.
uint64_t GramOf(uint64_t lang_hash, uint64_t token_hash, uint32_t occurrence);
// A 16-bit code of a folded token (from Hash64(folded)), for the edit-distance bound on
// stored sequences.
uint16_t CodeOf(uint64_t token_hash);

// The index data of a variant whose match tokens are tokens.
FuzzyVariant MakeFuzzyVariant(std::string_view lang, const std::vector<Token>& tokens);

// Token edit distance between two code sequences (2 bytes a token), or a value above max_d
// as soon as it is sure to exceed max_d. Never more than the distance of the tokens
// themselves (equal tokens have equal codes).
size_t CodeEditDistance(std::string_view a, std::string_view b, size_t max_d);

// A posting: a unit holding the gram in a variant of length tokens.
struct Posting {
  uint64_t id;
  uint32_t length;
  bool operator<(const Posting& o) const { return id < o.id || (id == o.id && length < o.length); }
  bool operator==(const Posting& o) const { return id == o.id && length == o.length; }
};

// Posting lists gathered in memory, written to the store as one batch. Postings may come in
// any order and repeat (a retried transaction adds them again): Sorted() puts them in order.
class PostingBuffer {
 public:
  void Add(uint64_t gram, uint64_t id, uint32_t length);
  bool empty() const { return lists_.empty(); }
  size_t postings() const { return postings_; }
  // The grams with their encoded, sorted, duplicate-free lists (EncodePostings), by gram.
  std::vector<std::pair<uint64_t, std::string>> Sorted() const;
  void Clear();

 private:
  struct List {
    uint64_t last = 0;
    bool ordered = true;
    std::string bytes;  // varint(zigzag(id - last)), varint(length) per posting
  };
  std::unordered_map<uint64_t, List> lists_;
  size_t postings_ = 0;
};

// Postings of a bulk import: Add only appends to a vector (the import's writing thread is
// its bottleneck); full vectors are sorted on a helper thread and spilled as runs to an
// unnamed temporary file in dir. Merge then yields every gram's whole list, in gram order.
class PostingRuns {
 public:
  PostingRuns(std::string dir, size_t run_entries);
  ~PostingRuns();
  PostingRuns(const PostingRuns&) = delete;
  PostingRuns& operator=(const PostingRuns&) = delete;

  void Add(uint64_t gram, uint64_t id, uint32_t length) {
    pending_.push_back({gram, (id << 16) | (length > 0xffff ? 0xffff : length)});
    if (pending_.size() >= run_entries_) Spill();
  }
  bool empty() const { return pending_.empty() && runs_.empty() && !sorting_.valid(); }
  uint64_t postings() const { return postings_ + pending_.size(); }
  // Calls fn(gram, EncodePostings(sorted, duplicate-free list)) for each gram in ascending
  // order, then clears everything. Throws Error (kIo) when the temporary file fails.
  void Merge(const std::function<void(uint64_t, const std::string&)>& fn);
  void Clear();

 private:
  struct Entry {
    uint64_t gram;
    uint64_t id_length;  // id << 16 | length (at most 0xffff)
  };
  struct Run {
    uint64_t offset, size;
  };
  void Spill();
  void WriteRun(std::vector<Entry>* entries);  // on the helper thread

  std::string dir_;
  size_t run_entries_;
  std::vector<Entry> pending_;
  std::future<void> sorting_;
  std::vector<Run> runs_;
  uint64_t postings_ = 0;  // in runs_ and sorting_
  int fd_ = -1;
  uint64_t file_size_ = 0;
};

// A stored list: varint count, then per posting varint(id - previous id), varint(length).
std::string EncodePostings(const std::vector<Posting>& sorted);
// The number of postings of an encoded list (reads only its header).
uint64_t PostingCount(std::string_view encoded);
// Appends the postings of an encoded list to out.
void DecodePostings(std::string_view encoded, std::vector<Posting>* out);

// Keys of the grams database: batch number, then gram, both 8-byte big-endian, so that a
// batch is written by appending and a gram is found in each batch with one lookup.
std::string GramRecordKey(uint64_t batch, uint64_t gram);

}  // namespace tmkit
