// Many lookups at once on several threads, for scripts and benchmarks: each thread reads
// through its own snapshot of the store; answers come back in query order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "match/lookup.h"
#include "store/store.h"

namespace tmkit {

struct BatchAnswer {
  std::vector<LookupMatch> matches;
  int64_t micros = 0;  // time of the Lookup call alone
};

// Lookup(snapshot, queries[i], options) for every i, on `threads` threads (at least one; 0
// means one per core). Snapshots are taken per thread when the batch starts. Rethrows the
// first error a thread met.
std::vector<BatchAnswer> LookupBatch(const Store& store, const std::vector<std::string>& queries,
                                     const LookupOptions& options, unsigned threads);

}  // namespace tmkit
