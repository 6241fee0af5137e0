#include "match/candidate_set.h"

#include <algorithm>
#include <cstring>

namespace tmkit {

namespace {
thread_local CandidateSet::Buffers tls_buffers;
}  // namespace

CandidateSet::CandidateSet() : b_(tls_buffers) {}

CandidateSet::~CandidateSet() {
  if (lo_ < hi_) std::memset(b_.bits.data() + lo_, 0, (hi_ - lo_) * sizeof(uint64_t));
}

void CandidateSet::Build(std::span<const Posting> postings) {
  if (postings.empty()) return;
  uint32_t min_id = UINT32_MAX, max_id = 0;
  for (const Posting& p : postings) {
    min_id = std::min(min_id, p.id);
    max_id = std::max(max_id, p.id);
  }
  lo_ = min_id >> 6;
  hi_ = (uint64_t{max_id} >> 6) + 1;
  if (hi_ > b_.bits.size()) b_.bits.resize(std::max<size_t>(hi_, b_.bits.size() * 2));
  uint64_t* bits = b_.bits.data();
  for (const Posting& p : postings) bits[p.id >> 6] |= uint64_t{1} << (p.id & 63);
  b_.ranks.resize(hi_ - lo_);
  uint32_t total = 0;
  for (uint64_t w = lo_; w < hi_; ++w) {
    b_.ranks[w - lo_] = total;
    total += static_cast<uint32_t>(std::popcount(bits[w]));
  }
  bits_ = bits;
  ranks_ = b_.ranks.data();
  size_ = total;
  b_.ids.resize(total);
  b_.hits.assign(total, 0);
  b_.lengths.assign(total, UINT32_MAX);
  uint32_t* ids = b_.ids.data();
  uint32_t* hits = b_.hits.data();
  uint32_t* lengths = b_.lengths.data();
  for (const Posting& p : postings) {
    size_t r = Rank(p.id);
    ids[r] = p.id;
    ++hits[r];
    lengths[r] = std::min(lengths[r], p.length);
  }
}

}  // namespace tmkit
