// Exporting a store snapshot to TMX 1.4b, optionally restricted to some languages and with a
// chosen source language. Streams unit by unit; the file appears only when complete.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/store.h"

namespace tmkit {

struct ExportOptions {
  // Keep only variants in these languages ("zh" keeps zh-CN and zh-TW); empty keeps all.
  // A unit left with fewer than two variants (one when one language is asked for) is skipped.
  std::vector<std::string> langs;
  // The header's srclang; units without a variant in it are skipped and the source variant
  // is written first, its tag the unit's srclang ("zh" gives srclang="zh-CN" on a unit whose
  // source is zh-CN). Empty: "*all*", and a unit keeps its stored srclang unless langs left
  // out the variant it names (then it is dropped, so that the header's applies).
  std::string srclang;
};

struct ExportReport {
  uint64_t units_written = 0;
  uint64_t units_skipped = 0;
  double seconds = 0;
};

// Writes the units of snapshot (a snapshot of store) to path.
ExportReport ExportTmx(Store& store, const Txn& snapshot, const std::string& path,
                       const ExportOptions& options,
                       const std::function<void(uint64_t units_done, uint64_t units_total)>&
                           progress = nullptr);

// Whether a variant in language actual is wanted by a requested tag: equal, or requested is
// a prefix of actual ending at a subtag boundary, case-insensitively ("zh" wants "zh-CN").
bool LangPrefixMatches(std::string_view requested, std::string_view actual);

}  // namespace tmkit
