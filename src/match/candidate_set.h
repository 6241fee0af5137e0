// The units met in a lookup's posting lists, with how many lists hold each and its shortest
// variant length. Per-thread bitmaps keep every access in cache and in id order; one lookup
// at a time per thread (the destructor clears what it set).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tmkit {

// Use: Build from the postings of the prefix lists (hits and lengths), Hit the postings of
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
  // shortest of their lengths. Once, before Hit.
  void Build(std::span<const Posting> postings);
  static constexpr size_t kNone = SIZE_MAX;
  // Any id met in a further list: one more hit when it is marked. Returns its rank, or kNone.
  size_t Hit(uint64_t id) {
    uint64_t w = id >> 6;
    if (w < lo_ || w >= hi_ || !(bits_[w] >> (id & 63) & 1)) return kNone;
    size_t r = Rank(id);
    ++hits_[r];
    return r;
  }
  size_t size() const { return hits_.size(); }
  // The id, hits and shortest length of the candidate of rank r (0 <= r < size(); ranks
  // follow ids).
  uint64_t id(size_t r) const { return ids_[r]; }
  uint32_t hits(size_t r) const { return hits_[r]; }
  uint32_t length(size_t r) const { return lengths_[r]; }

 private:
  size_t Rank(uint64_t id) const {
    uint64_t w = id >> 6;
    uint64_t below = bits_[w] & ((uint64_t{1} << (id & 63)) - 1);
    return ranks_[w - lo_] + static_cast<size_t>(std::popcount(below));
  }

  std::vector<uint64_t>& bits_;  // the thread's bitmap, all zero outside [lo_, hi_)
  uint64_t lo_ = UINT64_MAX, hi_ = 0;  // words that may hold marks
  std::vector<uint32_t> ranks_;   // marks before each word of [lo_, hi_)
  std::vector<uint32_t> ids_;     // by rank
  std::vector<uint32_t> hits_;    // by rank
  std::vector<uint32_t> lengths_; // by rank
};

}  // namespace tmkit
