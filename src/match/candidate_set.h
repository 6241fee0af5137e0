// The units met in a lookup's posting lists, with how many lists hold each and its shortest
// variant length. Per-thread buffers (a bitmap, arrays by rank) keep every access in cache and
// allocate nothing once warm; one set at a time per thread (the destructor clears the bitmap).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tmkit {

// Use: Build from the postings of the prefix lists (hits and lengths), Find the postings of
// further lists, then read the candidates by rank (in ascending id order).
class CandidateSet {
 public:
  static constexpr uint64_t kMaxId = (uint64_t{1} << 30) - 1;  // 128 MB of bitmap at most

  CandidateSet();
  ~CandidateSet();
  CandidateSet(const CandidateSet&) = delete;
  CandidateSet& operator=(const CandidateSet&) = delete;

  struct Posting {
    uint32_t id, length;  // id at most kMaxId
  };
  // The candidates are the ids of these postings, each with as many hits as postings and the
  // shortest of their lengths. Once.
  void Build(std::span<const Posting> postings);
  static constexpr size_t kNone = SIZE_MAX;
  // The rank of a candidate, or kNone for an id that is not one.
  size_t Find(uint64_t id) const {
    uint64_t w = id >> 6;
    if (w < lo_ || w >= hi_ || !(bits_[w] >> (id & 63) & 1)) return kNone;
    return Rank(id);
  }
  size_t size() const { return size_; }
  // The id, hits (postings in Build) and shortest length of the candidate of rank r
  // (0 <= r < size(); ranks follow ids).
  uint64_t id(size_t r) const { return b_.ids[r]; }
  uint32_t hits(size_t r) const { return b_.hits[r]; }
  uint32_t length(size_t r) const { return b_.lengths[r]; }

  struct Buffers {
    std::vector<uint64_t> bits;  // all zero outside [lo_, hi_) of the set using it
    std::vector<uint32_t> ranks;  // marks before each word of [lo_, hi_)
    std::vector<uint32_t> ids, hits, lengths;  // by rank
  };

 private:
  size_t Rank(uint64_t id) const {
    uint64_t w = id >> 6;
    uint64_t below = bits_[w] & ((uint64_t{1} << (id & 63)) - 1);
    return ranks_[w - lo_] + static_cast<size_t>(std::popcount(below));
  }

  Buffers& b_;  // the thread's
  const uint64_t* bits_ = nullptr;
  const uint32_t* ranks_ = nullptr;
  uint64_t lo_ = UINT64_MAX, hi_ = 0;  // words that may hold marks
  size_t size_ = 0;
};

}  // namespace tmkit
