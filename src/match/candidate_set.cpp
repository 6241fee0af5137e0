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

void CandidateSet::Grow(uint64_t word) {
  bits_.resize(std::max<size_t>(word + 1, bits_.size() * 2));
}

void CandidateSet::Seal() {
  if (lo_ >= hi_) return;
  ranks_.resize(hi_ - lo_);
  uint32_t total = 0;
  for (uint64_t w = lo_; w < hi_; ++w) {
    ranks_[w - lo_] = total;
    total += static_cast<uint32_t>(std::popcount(bits_[w]));
  }
  hits_.assign(total, 0);
  lengths_.assign(total, UINT32_MAX);
}

}  // namespace tmkit
