// Lookup: the units whose source-language variant is like a query, with their targets, in
// any direction the units allow. Candidates come from the store's fuzzy index
// (fuzzy_candidates.h), which gives the same results as scoring every unit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace tmkit {

struct LookupOptions {
  std::string from, to;     // canonical tags; "zh" takes zh-CN, zh-SG... (see LangRequest)
  bool any_variant = false; // zh also takes zh-TW, zh-Hant
  double min_score = 70;
  size_t limit = 5;
  bool use_index = true;    // false: score every unit (for tests and stores without index)
};

struct LookupMatch {
  double score = 0;
  uint64_t unit = 0;
  std::string tuid;           // empty when the unit has none
  std::string changedate;     // of the unit, or of its target variant; may be empty
  std::string source_lang, target_lang;
  std::string source, target; // plain text as stored
  std::string source_seg, target_seg;  // inner XML
  bool adapted = false;       // the query's numbers were put into the target
  std::vector<bool> source_token_matched;  // per token of source: unchanged from the query
};

// Matches scoring at least min_score, best first, then most recent, then lowest id.
std::vector<LookupMatch> Lookup(const Txn& snapshot, const std::string& query,
                                const LookupOptions& options);

// When candidate differs from query only in numbers, the target with the query's numbers
// put in (each number replaced must occur once in the target); else nullopt-like empty.
bool AdaptNumbers(const std::string& query, LookupMatch* match);

}  // namespace tmkit
