// Multilingual beads: alignments of several translations to one pivot text merged into the
// smallest units in which every language's sentences translate each other (when Chinese
// merges two English sentences and Korean does not, the unit holds both English sentences,
// the Chinese one and both Korean ones).
#pragma once

#include <cstddef>
#include <vector>

#include "align/bead_aligner.h"

namespace tmkit {

struct MultiBead {
  std::vector<size_t> pivot;                  // pivot sentence indexes
  std::vector<std::vector<size_t>> others;    // per other language, its sentence indexes
  double confidence = 1;                      // the lowest of the pairwise beads merged
};

// pairwise[k]: the beads of the pivot (source) against language k (target), each covering
// all sentences of both sides in order. n_pivot: the number of pivot sentences.
std::vector<MultiBead> MergeAlignments(const std::vector<std::vector<Bead>>& pairwise,
                                       size_t n_pivot);

}  // namespace tmkit
