// Candidate search over the store's fuzzy index: the units that may reach a minimum score
// against a query. Never misses one (the bound is in docs/SIMILARITY.md); may return extra.
#pragma once

#include <cstdint>
#include <vector>

#include "store/store.h"
#include "text/lang_match.h"
#include "text/tokenizer.h"

namespace tmkit {

struct CandidateStats {
  size_t lists_read = 0;       // posting lists decoded
  size_t postings_read = 0;    // postings in them
  size_t sequences_checked = 0;  // stored token sequences compared with the query
};

// Ids (ascending) of the units with a variant in a language answering from whose token
// sequence is within the edit distance that a score of min_score allows. Returns false
// when the index cannot answer (no fuzzy index, a query without tokens, min_score <= 0):
// the caller scans instead.
bool FuzzyCandidates(const Txn& txn, const std::vector<Token>& query, const LangRequest& from,
                     double min_score, std::vector<uint64_t>* ids, CandidateStats* stats = nullptr);

}  // namespace tmkit
