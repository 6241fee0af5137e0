#include "util/huge_page_allocator.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <utility>
#include <vector>

using namespace tmkit;

TEST_CASE("tables of 2 MB and more sit on 2 MB boundaries; smaller ones anywhere",
          "[huge_page_allocator]") {
  using Table = std::vector<uint64_t, HugePageAllocator<uint64_t>>;
  Table small(1000, 7);
  CHECK(small.back() == 7);
  for (size_t n : {size_t{1} << 18, (size_t{3} << 18) + 5}) {  // 2 MB, and 6 MB and a bit
    Table big(n);
    CHECK(reinterpret_cast<uintptr_t>(big.data()) % huge_pages::kHugePage == 0);
    for (size_t i = 0; i < n; ++i) big[i] = i;  // every byte is ours to write
    CHECK(big[n - 1] == n - 1);
  }
}

TEST_CASE("a table keeps its values when it grows past 2 MB and is swapped",
          "[huge_page_allocator]") {
  std::vector<std::pair<uint64_t, uint64_t>, HugePageAllocator<std::pair<uint64_t, uint64_t>>> a, b;
  for (uint64_t i = 0; i < 400000; ++i) a.emplace_back(i, i * 3);  // grows through 6.4 MB
  a.swap(b);
  CHECK(a.empty());
  REQUIRE(b.size() == 400000);
  CHECK(b[123456] == std::pair<uint64_t, uint64_t>{123456, 370368});
  b.clear();
  b.shrink_to_fit();
  CHECK(b.capacity() == 0);
}
