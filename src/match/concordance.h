// Concordance: the units whose variant in a language contains a text, matched in folded form
// (case, width, quote and dash variants ignored; also inside Chinese and Korean words), with
// where the text was found in the stored plain text, for keyword-in-context display.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"
#include "text/lang_match.h"

namespace tmkit {

struct ConcordanceHit {
  uint64_t unit = 0;
  std::string tuid;
  std::string lang;               // the variant searched
  std::string text;               // its plain text, as stored
  size_t begin = 0, end = 0;      // byte range of the first occurrence in text
  std::vector<std::pair<std::string, std::string>> others;  // other variants: lang, text
};

struct ConcordanceOptions {
  std::string lang;          // canonical tag, matched as in lookups
  bool any_variant = false;
  bool in_target = false;    // search variants that are not the unit's source language
  bool in_source = false;    // search only the unit's source variant
  size_t limit = 20;
  bool scan = false;         // read every unit instead of the fuzzy index's candidates (tests)
};

// The first options.limit hits, in unit id order. When the text holds whole tokens (a Han,
// kana or Hangul character, or a word with white space on both sides), only the units whose
// variants hold them all are read, from the fuzzy index (ConcordanceCandidates); otherwise
// units are read in order until the limit.
std::vector<ConcordanceHit> Concordance(const Txn& snapshot, const std::string& text,
                                        const ConcordanceOptions& options);

// The units a concordance of text reads, ascending: those whose variants in the languages
// want takes hold every whole token of text (see Concordance), by the fuzzy index's lists of
// each token's first occurrence. A superset of the units holding text there (lists may also
// name units changed since). False when the index cannot tell (no fuzzy index, no whole
// token) or when reading units in order finds the first limit hits sooner (a text of one
// common token): every unit must be read, until limit hits.
bool ConcordanceCandidates(const Txn& snapshot, const std::string& text, const LangRequest& want, size_t limit,
                           std::vector<uint64_t>* ids);

// Finds needle (already folded) in text compared in folded form; returns the byte range in
// text of the first occurrence, or false.
bool FindFolded(const std::string& text, const std::string& folded_needle, size_t* begin,
                size_t* end);

}  // namespace tmkit
