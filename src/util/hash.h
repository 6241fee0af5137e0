// Stable 64-bit hashing (XXH3) for on-disk index keys. The values are part of the store
// format: never change the function or seed without bumping the schema version.
#pragma once

#include <cstdint>
#include <string_view>

namespace tmkit {

uint64_t Hash64(std::string_view data);
// Hash64 of the 20 bytes of a, b and c laid out one after another in memory order (the
// fuzzy index's grams): the same value, without a call to XXH3's length dispatch.
uint64_t Hash64Of(uint64_t a, uint64_t b, uint32_t c);

// Incremental form, for hashing a sequence of fields without building one string.
class Hasher {
 public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  // Adds a length-prefixed field, so ("ab","c") and ("a","bc") hash differently.
  void AddField(std::string_view data);
  uint64_t Digest() const;

 private:
  void* state_;
};

}  // namespace tmkit
