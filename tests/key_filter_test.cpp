#include "util/key_filter.h"

#include <catch2/catch.hpp>

#include "util/hash.h"

using namespace tmkit;

namespace {
uint64_t Key(uint64_t i) { return Hash64("key " + std::to_string(i)); }
}  // namespace

TEST_CASE("a key filter never forgets a key and rarely claims one it was not given", "[key_filter]") {
  KeyFilter f(1 << 16, 64 << 20);  // grows through three filters
  for (uint64_t i = 0; i < 200000; ++i) f.Add(Key(i));
  for (uint64_t i = 0; i < 200000; ++i) REQUIRE(f.MayContain(Key(i)));
  size_t false_positives = 0;
  for (uint64_t i = 200000; i < 400000; ++i) false_positives += f.MayContain(Key(i));
  INFO(false_positives << " false positives in 200,000");
  CHECK(false_positives < 200000 / 25);  // under 4 % over all the filters asked
  CHECK_FALSE(f.overflowed());
  CHECK(f.bytes() <= 64u << 20);
}

TEST_CASE("a key filter that outgrows its memory holds nothing and answers maybe", "[key_filter]") {
  KeyFilter f(1024, 64 << 10);
  uint64_t i = 0;
  while (!f.overflowed() && i < 1000000) f.Add(Key(i++));
  REQUIRE(f.overflowed());
  CHECK(i < 100000);
  CHECK(f.bytes() == 0);
  CHECK(f.MayContain(Key(1)));
  CHECK(f.MayContain(Key(5000000)));
  f.Clear();
  CHECK_FALSE(f.overflowed());
  CHECK_FALSE(f.MayContain(Key(1)));
}
