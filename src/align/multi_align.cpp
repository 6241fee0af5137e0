#include "align/multi_align.h"

#include <algorithm>
#include <set>

namespace tmkit {

std::vector<MultiBead> MergeAlignments(const std::vector<std::vector<Bead>>& pairwise,
                                       size_t n_pivot) {
  // A pivot position p (0 < p < n) may end a unit only where every pairwise alignment has a
  // bead boundary: the units are the coarsest intervals all alignments agree on.
  std::vector<int> boundary_votes(n_pivot + 1, 0);
  for (const std::vector<Bead>& beads : pairwise) {
    std::set<size_t> ends;
    size_t p = 0;
    for (const Bead& b : beads) {
      p += b.source.size();
      ends.insert(p);
    }
    for (size_t e : ends) ++boundary_votes[e];
  }
  std::vector<size_t> cuts;  // unit ends, increasing, last = n_pivot
  for (size_t p = 1; p <= n_pivot; ++p) {
    if (p == n_pivot || boundary_votes[p] == static_cast<int>(pairwise.size())) cuts.push_back(p);
  }
  std::vector<MultiBead> units(cuts.size());
  for (MultiBead& u : units) u.others.resize(pairwise.size());
  auto unit_of = [&](size_t pivot_pos) {  // the unit holding pivot sentence pivot_pos
    return static_cast<size_t>(std::upper_bound(cuts.begin(), cuts.end(), pivot_pos) - cuts.begin());
  };
  for (size_t p = 0; p < n_pivot; ++p) units[unit_of(p)].pivot.push_back(p);
  for (size_t k = 0; k < pairwise.size(); ++k) {
    size_t p = 0;
    for (const Bead& b : pairwise[k]) {
      // A bead without pivot sentences goes with the unit before it (the first one when it
      // comes first).
      size_t u = b.source.empty() ? (p == 0 ? 0 : unit_of(p - 1)) : unit_of(b.source.front());
      if (units.empty()) break;
      u = std::min(u, units.size() - 1);
      units[u].others[k].insert(units[u].others[k].end(), b.target.begin(), b.target.end());
      units[u].confidence = std::min(units[u].confidence, BeadConfidence(b));
      p += b.source.size();
    }
  }
  return units;
}

}  // namespace tmkit
