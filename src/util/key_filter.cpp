#include "util/key_filter.h"

namespace tmkit {

namespace {

// 10 bits of filter a key, of which a key sets 8 in one cache line: 1 to 2 % false positives.
constexpr size_t kBitsPerKey = 10;

// The bit of each of a block's 8 words that a hash sets (the odd constants of Parquet's split
// block Bloom filter), from the hash's low 32 bits; the block comes from the high ones.
constexpr uint32_t kSalt[8] = {0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU,
                               0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U};

inline size_t BlockOf(uint64_t hash, size_t blocks) { return static_cast<size_t>(((hash >> 32) * blocks) >> 32); }
inline uint64_t BitOf(uint64_t hash, int word) {
  return uint64_t{1} << ((static_cast<uint32_t>(hash) * kSalt[word]) >> 26);
}

}  // namespace

KeyFilter::KeyFilter(size_t first_keys, size_t max_bytes)
    : first_keys_(first_keys < 1024 ? 1024 : first_keys), max_bytes_(max_bytes) {}

void KeyFilter::Set(Filter& f, uint64_t hash) {
  auto& block = f.blocks[BlockOf(hash, f.blocks.size())];
  for (int w = 0; w < 8; ++w) block[w] |= BitOf(hash, w);
  ++f.keys;
}

bool KeyFilter::Test(const Filter& f, uint64_t hash) {
  const auto& block = f.blocks[BlockOf(hash, f.blocks.size())];
  for (int w = 0; w < 8; ++w) {
    if (!(block[w] & BitOf(hash, w))) return false;
  }
  return true;
}

void KeyFilter::Add(uint64_t hash) {
  if (overflowed_) return;
  if (filters_.empty() || filters_.back().keys >= filters_.back().capacity) {
    size_t keys = filters_.empty() ? first_keys_ : 2 * filters_.back().capacity;
    size_t blocks = (keys * kBitsPerKey + sizeof(Block) * 8 - 1) / (sizeof(Block) * 8);
    if (bytes() + blocks * sizeof(Block) > max_bytes_) {
      Clear();
      overflowed_ = true;
      return;
    }
    Filter f;
    f.blocks.assign(blocks, Block{});
    f.capacity = blocks * sizeof(Block) * 8 / kBitsPerKey;
    filters_.push_back(std::move(f));
  }
  Set(filters_.back(), hash);
}

bool KeyFilter::MayContain(uint64_t hash) const {
  if (overflowed_) return true;
  for (const Filter& f : filters_) {
    if (Test(f, hash)) return true;
  }
  return false;
}

void KeyFilter::Prefetch(uint64_t hash) const {
  for (const Filter& f : filters_) __builtin_prefetch(&f.blocks[BlockOf(hash, f.blocks.size())], 1);
}

size_t KeyFilter::bytes() const {
  size_t n = 0;
  for (const Filter& f : filters_) n += f.blocks.size() * sizeof(Block);
  return n;
}

void KeyFilter::Clear() {
  filters_.clear();
  filters_.shrink_to_fit();
  overflowed_ = false;
}

}  // namespace tmkit
