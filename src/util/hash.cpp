#include "util/hash.h"

#include "util/hash_inline.h"

namespace tmkit {

uint64_t Hash64(std::string_view data) { return hash_inline::Hash64(data); }

uint64_t Hash64Of(uint64_t a, uint64_t b, uint32_t c) { return hash_inline::Hash64Of(a, b, c); }

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
