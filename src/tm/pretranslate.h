// Pre-translation of an XLIFF document from a store: every translatable segment is looked up
// (plain text, then scored again with its inline codes), matches become alternatives, and
// exact (or, on request, fuzzy) ones fill empty targets when their codes map onto the file's.
#pragma once

#include <cstdint>

#include "store/store.h"
#include "xliff/xliff_document.h"

namespace tmkit {

struct PretranslateOptions {
  enum class Fill { kExact, kBest, kNone };
  Fill fill = Fill::kExact;  // kExact: 100% matches only; kBest: also the best fuzzy one
  double min_score = 75;     // matches below this are ignored
  size_t limit = 3;          // alternatives offered per segment
  bool any_variant = false;  // zh also takes zh-TW, zh-Hant (see LookupOptions)
};

struct PretranslateReport {
  uint64_t segments = 0;  // translatable segments with text
  uint64_t exact = 0;     // best match scored 100
  uint64_t fuzzy = 0;     // best match scored min_score or more, below 100
  uint64_t none = 0;      // no match
  uint64_t filled = 0;    // targets filled
  uint64_t not_mapped = 0;  // a match that would fill a target whose codes could not be mapped
  uint64_t skipped = 0;   // segments under translate="no" or without text
};

// Pre-translates doc in place from the units snapshot sees. Segments' earlier tmkit matches
// are replaced. Throws only what Lookup throws.
PretranslateReport Pretranslate(const Txn& snapshot, XliffDocument* doc,
                                const PretranslateOptions& options);

}  // namespace tmkit
