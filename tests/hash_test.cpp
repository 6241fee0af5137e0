// Hash64 is part of the store format: index keys and grams on disk are its values.

#include <catch2/catch.hpp>

#include <cstring>
#include <random>
#include <string>

#include "util/hash.h"

using namespace tmkit;

TEST_CASE("Hash64 is XXH3-64 with the default secret and seed", "[hash]") {
  // The published XXH3 value of empty input: a store written by any tmkit keeps its keys.
  CHECK(Hash64("") == 0x2D06800538D394C2ULL);
  CHECK(Hash64("a") != Hash64("b"));
}

TEST_CASE("Hash64Of equals Hash64 of the three values' bytes", "[hash]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 1000; ++i) {
    uint64_t a = rng(), b = rng();
    auto c = static_cast<uint32_t>(i < 10 ? i : rng());
    char buf[20];
    std::memcpy(buf, &a, 8);
    std::memcpy(buf + 8, &b, 8);
    std::memcpy(buf + 16, &c, 4);
    CHECK(Hash64Of(a, b, c) == Hash64(std::string_view(buf, sizeof buf)));
  }
}
