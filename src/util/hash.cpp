#include "util/hash.h"

// Compiled in here (XXH_INLINE_ALL) rather than called in the shared library: the index hashes
// every token twice, and most are a few bytes long. The same function and values.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>

namespace tmkit {

uint64_t Hash64(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

uint64_t Hash64Of(uint64_t a, uint64_t b, uint32_t c) {
  char buf[20];
  std::memcpy(buf, &a, 8);
  std::memcpy(buf + 8, &b, 8);
  std::memcpy(buf + 16, &c, 4);
  return XXH3_64bits(buf, sizeof buf);
}

Hasher::Hasher() : state_(XXH3_createState()) {
  XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_));
}

Hasher::~Hasher() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

void Hasher::AddField(std::string_view data) {
  auto* s = static_cast<XXH3_state_t*>(state_);
  uint64_t n = data.size();
  XXH3_64bits_update(s, &n, sizeof n);
  XXH3_64bits_update(s, data.data(), data.size());
}

uint64_t Hasher::Digest() const {
  return XXH3_64bits_digest(static_cast<XXH3_state_t*>(state_));
}

}  // namespace tmkit
