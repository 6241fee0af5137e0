// Harvest: the translated segments of XLIFF documents stored as units (source and target
// variants, tuid the unit id), all or nothing under the store's journal and duplicate policies.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"
#include "tm/import_tmx.h"
#include "xliff/xliff_document.h"

namespace tmkit {

struct HarvestOptions {
  // Target states to take, in XLIFF 1.2 names or 2.x ones. A 2.x state also answers to its
  // 1.2 counterpart (initial: new, reviewed: signed-off) and a 1.2 target without state to
  // "translated" ("signed-off" when the unit is approved="yes").
  std::vector<std::string> states = {"translated", "final", "signed-off"};
  DuplicatePolicy on_duplicate = DuplicatePolicy::kMerge;
};

struct HarvestReport {
  uint64_t segments = 0;   // segments seen
  uint64_t units = 0;      // units made (translated segments in a listed state)
  uint64_t added = 0, merged = 0, unchanged = 0, replaced = 0;
  uint64_t untranslated = 0;  // no target, or under translate="no"
  uint64_t other_state = 0;   // a target in a state not listed
};

// Whether a segment's state is taken by the list (see HarvestOptions::states).
bool StateListed(const XliffSegment& s, XliffFamily family, const std::vector<std::string>& states);

// The units a document gives, without storing them; counts go to report.
std::vector<Unit> HarvestUnits(const XliffDocument& doc, const HarvestOptions& options,
                               HarvestReport* report);

// Stores the units of docs, all or nothing: an error rolls back everything written.
HarvestReport Harvest(Store& store, const std::vector<const XliffDocument*>& docs,
                      const HarvestOptions& options);

}  // namespace tmkit
