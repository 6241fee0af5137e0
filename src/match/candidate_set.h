// The units met in a lookup's posting lists, with how many lists hold each and its shortest
// variant length. Per-thread bitmaps keep every access in cache and in id order; one lookup
// at a time per thread (the destructor clears what it set).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tmkit {

// Use: Mark every posting of the prefix lists, Seal, Add the same postings again (hits and
// lengths), Hit the postings of further lists, then read Candidates in ascending id order.
class CandidateSet {
 public:
  static constexpr uint64_t kMaxId = (uint64_t{1} << 30) - 1;  // 128 MB of bitmap at most

  CandidateSet();
  ~CandidateSet();
  CandidateSet(const CandidateSet&) = delete;
  CandidateSet& operator=(const CandidateSet&) = delete;

  // False (and nothing marked) when id is above kMaxId.
  bool Mark(uint64_t id) {
    if (id > kMaxId) return false;
    uint64_t w = id >> 6;
    if (w >= bits_.size()) Grow(w);
    bits_[w] |= uint64_t{1} << (id & 63);
    lo_ = std::min(lo_, w);
    hi_ = std::max(hi_, w + 1);
    return true;
  }
  // Ends marking: ranks the marked ids; Add and Hit may follow.
  void Seal();
  // A marked id met in a prefix list: one more hit, and the shorter of the lengths.
  void Add(uint64_t id, uint32_t length) {
    size_t r = Rank(id);
    ++hits_[r];
    if (length < lengths_[r]) lengths_[r] = length;
  }
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
  // The hits and shortest length of the id of rank r (0 <= r < size()).
  uint32_t hits(size_t r) const { return hits_[r]; }
  uint32_t length(size_t r) const { return lengths_[r]; }

  // fn(id, shortest length, hits) for each marked id, ascending. After Seal.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    size_t r = 0;
    for (uint64_t w = lo_; w < hi_; ++w) {
      for (uint64_t word = bits_[w]; word; word &= word - 1) {
        fn(w * 64 + static_cast<uint64_t>(std::countr_zero(word)), lengths_[r], hits_[r]);
        ++r;
      }
    }
  }

 private:
  size_t Rank(uint64_t id) const {
    uint64_t w = id >> 6;
    uint64_t below = bits_[w] & ((uint64_t{1} << (id & 63)) - 1);
    return ranks_[w - lo_] + static_cast<size_t>(std::popcount(below));
  }
  void Grow(uint64_t word);

  std::vector<uint64_t>& bits_;  // the thread's bitmap, all zero outside [lo_, hi_)
  uint64_t lo_ = UINT64_MAX, hi_ = 0;  // words that may hold marks
  std::vector<uint32_t> ranks_;   // marks before each word of [lo_, hi_)
  std::vector<uint32_t> hits_;    // by rank
  std::vector<uint32_t> lengths_; // by rank
};

}  // namespace tmkit
