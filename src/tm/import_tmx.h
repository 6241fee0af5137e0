// Importing TMX files into a store: one thread parses, another writes, in batches under the
// store's journal, so a bad file stores nothing while memory stays bounded whatever its size.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/store.h"
#include "tmx/tmx_reader.h"

namespace tmkit {

enum class DuplicatePolicy {
  kMerge,    // identical variants: merge into the stored unit; otherwise add
  kKeep,     // always add, even identical units
  kReplace,  // the unit replaces every stored unit with the same source segment (one that
             // is the same in every respect is left as it is: "unchanged")
};

struct ImportOptions {
  DuplicatePolicy on_duplicate = DuplicatePolicy::kMerge;
  // Import the good units of a file with invalid ones (reported in problems) instead of
  // refusing the file.
  bool skip_invalid = false;
  size_t batch_units = 5000;  // units per write transaction (10,000 held 10 MB more at the peak)
};

struct ImportProgress {
  std::string phase;  // "checking" or "importing"
  std::string file;
  uint64_t bytes_done = 0;   // over all files, in this phase
  uint64_t bytes_total = 0;
  uint64_t units = 0;        // units read so far in this phase
};

struct ImportReport {
  uint64_t units_read = 0;
  uint64_t added = 0;
  uint64_t merged = 0;     // merged into a stored unit, which changed
  uint64_t unchanged = 0;  // identical to a stored unit already
  uint64_t replaced = 0;
  uint64_t skipped = 0;    // invalid units (skip_invalid) or not stored
  std::vector<TmxProblem> problems;
  std::vector<std::string> warnings;
  // True when problems made the import refuse the files (nothing was stored).
  bool refused = false;
  double seconds = 0;
};

// The bytes of the files together (those that cannot be read count 0): what an import of
// them reads, as its progress counts it.
uint64_t TotalFileBytes(const std::vector<std::string>& files);

// Imports files into store, all or nothing. Throws Error (kInput, with location) for a file
// that cannot be read as TMX, leaving the store as it was; without skip_invalid, units that
// are not valid TMX make it return with refused set and nothing stored.
ImportReport ImportTmx(Store& store, const std::vector<std::string>& files,
                       const ImportOptions& options,
                       const std::function<void(const ImportProgress&)>& progress = nullptr);

// Adds one unit under a duplicate policy inside a write transaction; returns which counter
// of ImportReport it went to ("added", "merged", "unchanged", "replaced").
const char* PutUnit(WriteTxn& txn, PreparedUnit& unit, DuplicatePolicy policy);

}  // namespace tmkit
