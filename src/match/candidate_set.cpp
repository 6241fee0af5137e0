#include "match/candidate_set.h"

#include <algorithm>
#include <cstring>

namespace tmkit {

namespace {
thread_local std::vector<uint64_t> tls_bits;
}  // namespace

CandidateSet::CandidateSet() : bits_(tls_bits) {}

CandidateSet::~CandidateSet() {
  if (lo_ < hi_) std::memset(bits_.data() + lo_, 0, (hi_ - lo_) * sizeof(uint64_t));
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
  if (hi_ > bits_.size()) bits_.resize(std::max<size_t>(hi_, bits_.size() * 2));
  uint64_t* bits = bits_.data();
  for (const Posting& p : postings) bits[p.id >> 6] |= uint64_t{1} << (p.id & 63);
  ranks_.resize(hi_ - lo_);
  uint32_t total = 0;
  for (uint64_t w = lo_; w < hi_; ++w) {
    ranks_[w - lo_] = total;
    total += static_cast<uint32_t>(std::popcount(bits[w]));
  }
  ids_.resize(total);
  hits_.assign(total, 0);
  lengths_.assign(total, UINT32_MAX);
  uint32_t* ids = ids_.data();
  uint32_t* hits = hits_.data();
  uint32_t* lengths = lengths_.data();
  for (const Posting& p : postings) {
    size_t r = Rank(p.id);
    ids[r] = p.id;
    ++hits[r];
    lengths[r] = std::min(lengths[r], p.length);
  }
}

}  // namespace tmkit
