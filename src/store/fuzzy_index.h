// The fuzzy index's data: what a variant contributes (one gram per token occurrence, and its
// token sequence as 16-bit codes) and the posting-list encoding. Store and lookup share it.
// Grams and codes are hashes: collisions only add candidates, never lose one.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/unit_codec.h"
#include "text/tokenizer.h"
#include "util/huge_page_allocator.h"
#include "util/worker_pool.h"

namespace tmkit {

// What one variant puts into the fuzzy index.
struct FuzzyVariant {
  std::string lang;              // lower-cased tag
  std::vector<uint64_t> grams;   // one per token occurrence: GramOf(lang, folded, n)
  std::string codes;             // TokenCode of each token, 2 bytes each (little-endian)
  bool irregular = false;        // !FoldsLikeTokens: also posted under IrregularGram(lang)
  uint32_t length() const { return static_cast<uint32_t>(codes.size() / 2); }
};

// The gram of the n-th (0-based) occurrence of a folded token in a variant of a language,
// from Hash64(lower-cased tag) and Hash64(folded token). Turning repeats into distinct grams
// makes multiset overlap a set overlap.
uint64_t GramOf(uint64_t lang_hash, uint64_t token_hash, uint32_t occurrence);
// The gram whose list names the units with a variant in lang (lower-cased) whose folded text
// does not tokenize into its folded tokens (FoldsLikeTokens: a soft hyphen inside a word,
// decomposed Hangul, ㍿): a concordance reads them whatever its text. No token has it.
uint64_t IrregularGram(std::string_view lang);
// A 16-bit code of a folded token (from Hash64(folded)), for the edit-distance bound on
// stored sequences.
uint16_t CodeOf(uint64_t token_hash);

// The index data of a variant whose match tokens are tokens.
FuzzyVariant MakeFuzzyVariant(std::string_view lang, const std::vector<Token>& tokens);
// The same from the folded tokens of a text one after another, with the end of each
// (SimpleMatchTokens: no Token objects made).
FuzzyVariant MakeFuzzyVariant(std::string_view lang, std::string_view folded, const std::vector<uint32_t>& ends);

// Token edit distance between two code sequences (2 bytes a token), or a value above max_d
// as soon as it is sure to exceed max_d. Never more than the distance of the tokens
// themselves (equal tokens have equal codes).
size_t CodeEditDistance(std::string_view a, std::string_view b, size_t max_d);

// A posting: a unit holding the gram in a variant of length tokens. Lists are kept in
// (length, id) order, so that a lookup reads only the lengths it can match.
struct Posting {
  uint64_t id;
  uint32_t length;
  bool operator<(const Posting& o) const { return length < o.length || (length == o.length && id < o.id); }
  bool operator==(const Posting& o) const { return id == o.id && length == o.length; }
};

// Posting lists gathered in memory: each gram's postings as they came, a varint stream (zigzag
// id gap, length), in an open-addressing table by gram. Postings may come in any order and
// repeat (a retried transaction adds them again): the sorted forms put them in order.
class PostingBuffer {
 public:
  PostingBuffer();
  ~PostingBuffer();
  PostingBuffer(const PostingBuffer&) = delete;
  PostingBuffer& operator=(const PostingBuffer&) = delete;
  void swap(PostingBuffer& other) noexcept;

  void Add(uint64_t gram, uint64_t id, uint32_t length) {
    const size_t mask = table_.size() - 1;
    List* list;
    for (size_t h = Home(gram) & mask;; h = (h + 1) & mask) {
      list = &table_[h];
      if (list->data == nullptr) {
        list = NewList(h, gram);
        break;
      }
      if (list->gram == gram) break;
    }
    if (list->capacity - list->size < 2 * kMaxVarint) Grow(list);
    const int64_t gap = static_cast<int64_t>(id - list->last);
    char* p = EncodeVarint(list->data + list->size, (static_cast<uint64_t>(gap) << 1) ^ static_cast<uint64_t>(gap >> 63));
    p = EncodeVarint(p, length);
    list->size = static_cast<uint32_t>(p - list->data);
    list->last = id;
    ++postings_;
  }
  // Add(gram, id, length) for each of n grams, their slots fetched from memory together.
  void AddAll(const uint64_t* grams, size_t n, uint64_t id, uint32_t length) {
    const size_t mask = table_.size() - 1;
    for (size_t i = 0; i < n; ++i) __builtin_prefetch(&table_[Home(grams[i]) & mask]);
    for (size_t i = 0; i < n; ++i) Add(grams[i], id, length);
  }
  bool empty() const { return postings_ == 0; }
  size_t postings() const { return postings_; }
  // The memory the lists and their table hold (bytes).
  size_t bytes() const { return bytes_; }
  // The grams with their encoded, sorted, duplicate-free lists (EncodePostings), by gram.
  std::vector<std::pair<uint64_t, std::string>> Sorted() const;
  void Clear();

 private:
  static constexpr size_t kMaxVarint = 10;
  struct List {
    uint64_t gram = 0;
    uint64_t last = 0;       // the id added last
    char* data = nullptr;    // malloc'ed; null in a free slot
    uint32_t size = 0, capacity = 0;
  };
  static size_t Home(uint64_t gram) { return static_cast<size_t>(gram ^ (gram >> 32)); }
  friend class PostingRuns;
  // Calls fn(gram, const std::vector<Posting>&) for each gram in ascending order, its
  // postings in Posting order (repeats next to each other). (Defined where it is used.)
  template <typename Fn>
  void ForEachSorted(Fn&& fn) const;
  List* NewList(size_t slot, uint64_t gram);  // at table_[slot], which is free
  size_t FreeSlot(uint64_t gram) const;        // the free slot gram's probe reaches first
  void Grow(List* list);

  std::vector<List, HugePageAllocator<List>> table_;  // a power of two long, at most half full
  size_t lists_ = 0, postings_ = 0, bytes_ = 0;
};

// Postings of a bulk import: handed in batches to a helper thread, which gathers them in a
// PostingBuffer until it holds about half of memory_bytes, then sorts and spills it as a run
// to an unnamed temporary file in dir on another helper thread while the next buffer fills.
// Merge then yields every gram's whole list, in gram order. Every other member waits for
// the postings handed over so far; an error of the helpers is thrown by the next call.
class PostingRuns {
 public:
  PostingRuns(std::string dir, size_t memory_bytes);
  ~PostingRuns();
  PostingRuns(const PostingRuns&) = delete;
  PostingRuns& operator=(const PostingRuns&) = delete;

  // (A length above 0xffff is kept as 0xffff.)
  void Add(uint64_t gram, uint64_t id, uint32_t length) { AddAll(&gram, 1, id, length); }
  void AddAll(const uint64_t* grams, size_t n, uint64_t id, uint32_t length) {
    pending_.grams.insert(pending_.grams.end(), grams, grams + n);
    pending_.heads.push_back({id, length > 0xffff ? 0xffff : length, static_cast<uint32_t>(n)});
    if (pending_.grams.size() >= kHandOffGrams) HandOff();
  }
  bool empty();
  uint64_t postings();
  // The runs spilled so far (waits for the one being written).
  size_t runs();
  // Calls fn(gram, EncodePostings(sorted, duplicate-free list)) for each gram in ascending
  // order, then clears everything. Throws Error (kIo) when the temporary file fails.
  void Merge(const std::function<void(uint64_t, const std::string&)>& fn);
  void Clear();

 private:
  // The postings of a batch: heads[i] names the unit and length of the next n grams.
  struct Batch {
    struct Head {
      uint64_t id;
      uint32_t length, n;
    };
    std::vector<uint64_t> grams;
    std::vector<Head> heads;
  };
  static constexpr size_t kHandOffGrams = 1 << 17;  // 1 MB of grams a batch
  struct Run {
    uint64_t offset, size;
  };
  void HandOff();  // waits for the batch being gathered, then hands pending_ over
  void Drain();    // hands pending_ over and waits until it is gathered
  void Gather(const Batch& batch);  // on the gathering thread
  void Spill();
  void WriteRun();  // on the helper thread: writes spilling_ as a run, then clears it
  void WriteOut(std::string* out);  // appends out to the file and empties it

  std::string dir_;
  size_t run_bytes_;
  Batch pending_, gathering_;     // being added to; being gathered
  std::future<void> gathered_;    // of gathering_
  PostingBuffer filling_, spilling_;
  std::future<void> writing_;  // of spilling_
  std::vector<Run> runs_;
  uint64_t postings_ = 0;  // in runs_ and spilling_
  int fd_ = -1;
  uint64_t file_size_ = 0;
  WorkerPool gatherer_{1, "tmkit:gather"};  // (last: its thread ends before the rest goes)
};

// A stored list: varint total count, then one group per length, ascending: varint length,
// varint count, varint byte size of the ids, then the ids as varint gaps (the first from 0).
// sorted must be in Posting order without repeats.
std::string EncodePostings(const std::vector<Posting>& sorted);
// The number of postings of any length (reads the first varint; 0 for a truncated list).
uint64_t PostingTotal(std::string_view encoded);
// The number of postings with a length in [min_length, max_length] (reads group headers).
uint64_t PostingCount(std::string_view encoded, uint32_t min_length, uint32_t max_length);
// Appends the postings of an encoded list to out, in Posting order.
void DecodePostings(std::string_view encoded, std::vector<Posting>* out);

// Reads a varint at *pos of [data, data + size); false at a truncated one.
inline bool ReadVarint(const unsigned char* data, size_t size, size_t* pos, uint64_t* v) {
  if (*pos < size && data[*pos] < 0x80) {  // most gaps: one byte
    *v = data[(*pos)++];
    return true;
  }
  uint64_t result = 0;
  for (int shift = 0; shift < 64 && *pos < size; shift += 7) {
    unsigned char byte = data[(*pos)++];
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      *v = result;
      return true;
    }
  }
  return false;
}

// Calls fn(length, count, ids) for each length group of an encoded list, ascending, ids
// being the group's varint gaps, until fn returns false. False when the list is truncated
// (the groups before the damage were given).
template <typename Fn>
bool ForEachPostingGroup(std::string_view encoded, Fn&& fn) {
  const auto* data = reinterpret_cast<const unsigned char*>(encoded.data());
  size_t size = encoded.size(), pos = 0;
  uint64_t total = 0, length = 0, count = 0, bytes = 0;
  if (!ReadVarint(data, size, &pos, &total)) return false;
  while (pos < size) {
    if (!ReadVarint(data, size, &pos, &length) || !ReadVarint(data, size, &pos, &count) ||
        !ReadVarint(data, size, &pos, &bytes) || bytes > size - pos) {
      return false;
    }
    if (!fn(length, count, encoded.substr(pos, bytes))) return true;
    pos += bytes;
  }
  return true;
}

// Calls fn(id, length) for each posting of an encoded list whose length is in [min_length,
// max_length], in Posting order, skipping the other groups unread (the lookup's inner loop);
// stops at a truncated list.
template <typename Fn>
void ForEachPosting(std::string_view encoded, uint32_t min_length, uint32_t max_length, Fn&& fn) {
  ForEachPostingGroup(encoded, [&](uint64_t length, uint64_t count, std::string_view ids) {
    if (length > max_length) return false;
    if (length < min_length) return true;
    const auto* data = reinterpret_cast<const unsigned char*>(ids.data());
    size_t pos = 0;
    uint64_t id = 0, gap = 0;
    for (uint64_t i = 0; i < count; ++i) {
      if (!ReadVarint(data, ids.size(), &pos, &gap)) return false;
      id += gap;
      fn(id, static_cast<uint32_t>(length));
    }
    return true;
  });
}
template <typename Fn>
void ForEachPosting(std::string_view encoded, Fn&& fn) {
  ForEachPosting(encoded, 0, UINT32_MAX, std::forward<Fn>(fn));
}

// Keys of the grams database: batch number, then gram, both 8-byte big-endian, so that a
// batch is written by appending and a gram is found in each batch with one lookup.
std::string GramRecordKey(uint64_t batch, uint64_t gram);

}  // namespace tmkit
