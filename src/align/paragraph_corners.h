// Paragraphs first: two texts' paragraphs aligned as units, and the points where confidently
// paired paragraphs begin, which the sentence alignment must then pass (AlignOptions::corners).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "align/bead_aligner.h"

namespace tmkit {

// source and target: each text's paragraphs, as their sentences. Aligns the paragraphs with
// the sentence aligner (a paragraph's text is its sentences joined) and returns, for each
// boundary between two paragraph beads of confidence 0.5 or more that both have paragraphs
// on each side, the (source sentences, target sentences) before it. Nothing when either text
// has a single paragraph.
std::vector<std::pair<size_t, size_t>> ParagraphCorners(const std::vector<std::vector<std::string>>& source,
                                                        const std::vector<std::vector<std::string>>& target,
                                                        const AlignOptions& options);

}  // namespace tmkit
