// KeyFilter: a set of 64-bit hashes that may answer "maybe" for a hash never added (1 to 2 %
// of them) but never "no" for one added; a blocked Bloom filter that grows by adding filters.
// It holds at most max_bytes: adding past that empties it and marks it overflowed for good.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/huge_page_allocator.h"

namespace tmkit {

class KeyFilter {
 public:
  // first_keys: how many keys the first filter is sized for (later ones double).
  KeyFilter(size_t first_keys, size_t max_bytes);

  void Add(uint64_t hash);
  // False only for a hash not added since the last Clear (never false once overflowed).
  bool MayContain(uint64_t hash) const;
  // Starts fetching what MayContain(hash) and Add(hash) will read (a cache line a filter).
  void Prefetch(uint64_t hash) const;
  // True once more keys were added than max_bytes can hold: the filter then holds nothing
  // and MayContain answers true for every hash.
  bool overflowed() const { return overflowed_; }
  size_t bytes() const;
  void Clear();

 private:
  using Block = std::array<uint64_t, 8>;  // one cache line: a key sets one bit in each word
  struct Filter {
    std::vector<Block, HugePageAllocator<Block>> blocks;
    size_t keys = 0, capacity = 0;
  };
  static void Set(Filter& f, uint64_t hash);
  static bool Test(const Filter& f, uint64_t hash);

  size_t first_keys_, max_bytes_;
  std::vector<Filter> filters_;  // the last one takes new keys
  bool overflowed_ = false;
};

}  // namespace tmkit
