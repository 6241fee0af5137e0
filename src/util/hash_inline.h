// Hash64 and Hash64Of (util/hash.h) as inline functions, XXH3 compiled into the caller: for
// the hot loops of the fuzzy index, which hash every token and every gram. The same values.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace tmkit::hash_inline {

inline uint64_t Hash64(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

// XXH3_64bits of the 20 bytes a, b, c, as XXH3_len_17to128_64b computes it (two 16-byte
// mixes, of bytes 0-15 and 4-19, then the avalanche), from the words themselves: hashing a
// buffer just written reads 8 bytes across two stores, which stalls the CPU's store
// forwarding (a third of the time of making grams). hash_test checks the values.
inline uint64_t Hash64Of(uint64_t a, uint64_t b, uint32_t c) {
  static_assert(std::endian::native == std::endian::little, "the bytes of a, b and c as on x86");
  const uint8_t* secret = XXH3_kSecret;
  const uint64_t bytes4 = (a >> 32) | (b << 32);                          // bytes 4-11
  const uint64_t bytes12 = (b >> 32) | (static_cast<uint64_t>(c) << 32);  // bytes 12-19
  uint64_t acc = 20 * XXH_PRIME64_1;
  acc += XXH3_mul128_fold64(a ^ XXH_readLE64(secret), b ^ XXH_readLE64(secret + 8));
  acc +=
      XXH3_mul128_fold64(bytes4 ^ XXH_readLE64(secret + 16), bytes12 ^ XXH_readLE64(secret + 24));
  return XXH3_avalanche(acc);
}

}  // namespace tmkit::hash_inline
