// Sentence alignment of two texts by dynamic programming over beads (1-1, 1-0, 0-1, 1-2,
// 2-1, 2-2, 1-3, 3-1, 1-4, 4-1) in a band around the diagonal. The cost of a bead combines
// a Gale-Church length model (ratio estimated per document) with lexical anchors.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tmkit {

struct Bead {
  std::vector<size_t> source;  // sentence indexes, consecutive, possibly empty
  std::vector<size_t> target;
  double cost = 0;             // lower is better; about 0-5 for a good 1-1 bead
};

struct AlignOptions {
  std::string source_lang, target_lang;
  double variance = 6.8;  // Gale-Church s^2 per target character
  size_t band = 0;        // half-width of the band; 0: automatic
  // Extra anchors of a sentence (e.g. the glossary concepts found in it, so that a term and
  // its rendering tie the sentences holding them), given the sentence and whether it is on
  // the source side. Anchors count only where they occur on both sides of the document.
  std::function<std::vector<std::string>(const std::string& sentence, bool source)> extra_anchors;
  // Anchors from an imported dictionary (align/lexicon.h), the same way. A sentence has many,
  // so only the second pass, near the first one's path, uses them (in the first pass's wide
  // band they made the Bible pair 2.7x slower for 0.001 of F1).
  std::function<std::vector<std::string>(const std::string& sentence, bool source)> lexicon_anchors;
  // Points (source sentences, target sentences before it) the alignment must pass through,
  // in order: where paragraphs known to correspond begin (ParagraphCorners). No bead spans one.
  std::vector<std::pair<size_t, size_t>> corners;
};

// The beads, in order, covering every sentence of both sides exactly once.
std::vector<Bead> AlignSentences(const std::vector<std::string>& source,
                                 const std::vector<std::string>& target,
                                 const AlignOptions& options);

// A confidence in [0, 1] for a bead's cost (for the TMX x-align-score prop).
double BeadConfidence(const Bead& bead);

}  // namespace tmkit
