// The term base of a store: concepts kept in the store's "terms" database, one record per
// concept keyed by its id (files' ids, or c1, c2... for concepts without one).
// Importing is all or nothing: one write transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "glossary/term_model.h"
#include "store/store.h"

namespace tmkit {

// Every concept of the store's term base, in id order.
std::vector<Concept> LoadConcepts(const Txn& txn);
// The concept with this id; false when there is none.
bool LoadConcept(const Txn& txn, const std::string& id, Concept* out);
uint64_t ConceptCount(const Txn& txn);

struct TermImportStats {
  size_t added = 0;      // concepts new to the store
  size_t updated = 0;    // concepts whose id was there: replaced by the file's
  size_t unchanged = 0;  // ... and equal to it
  size_t terms = 0;      // terms in the concepts read
};

// Stores concepts in one transaction: a concept whose id exists replaces the stored one;
// one without an id gets a new id. Nothing is stored if anything fails.
TermImportStats StoreConcepts(Store& store, const std::vector<Concept>& concepts);

// Adds term to concept id (created, with that id, when absent; a new id when id is empty).
// Returns the concept's id.
std::string AddTerm(Store& store, const std::string& id, const Term& term);

// Terms whose text starts with word (folded: case, width, quotes) or is like it (fuzzy:
// a token similarity of at least 60, or one edit for short words), in any language.
struct TermSearchHit {
  const Concept* entry;     // the concept
  size_t term;       // index in entry->terms
  double score;      // 100 for a prefix match
};
std::vector<TermSearchHit> SearchTerms(const std::vector<Concept>& concepts, const std::string& word,
                                       const std::string& lang = "", size_t limit = 20);

}  // namespace tmkit
