// Term lookup: the glossary terms found in a text, with their concept and the concept's
// renderings in other languages. Built once from a term base, then used for many texts
// (thread-safe after construction).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "glossary/term_matcher.h"
#include "glossary/term_model.h"

namespace tmkit {

struct TermFound {
  const Concept* entry;         // the concept
  const Term* term;             // the term found
  size_t begin, end;            // the term in the text (bytes)
  size_t particle_end;          // end of a Korean particle or English possessive after it
  std::vector<const Term*> renderings;  // the concept's terms in the languages asked for
};

class TermLookup {
 public:
  explicit TermLookup(std::vector<Concept> concepts);
  // Terms found in text (language lang), in text order; one per concept and place when
  // several of its terms match the same words (정전 협정, 정전협정). to: the languages whose
  // renderings to give (canonical tags; empty: every language but lang's).
  std::vector<TermFound> Find(std::string_view text, const std::string& lang,
                              const std::vector<std::string>& to) const;
  const std::vector<Concept>& concepts() const { return concepts_; }

 private:
  std::vector<Concept> concepts_;
  std::vector<std::pair<size_t, size_t>> refs_;  // matcher ref -> concept, term
  TermMatcher matcher_;
};

}  // namespace tmkit
