#include "align/paragraph_corners.h"

namespace tmkit {

std::vector<std::pair<size_t, size_t>> ParagraphCorners(const std::vector<std::vector<std::string>>& source,
                                                        const std::vector<std::vector<std::string>>& target,
                                                        const AlignOptions& options) {
  if (source.size() < 2 || target.size() < 2) return {};
  auto texts = [](const std::vector<std::vector<std::string>>& paragraphs) {
    std::vector<std::string> out;
    for (const auto& p : paragraphs) {
      std::string t;
      for (const std::string& s : p) t += (t.empty() ? "" : " ") + s;
      out.push_back(std::move(t));
    }
    return out;
  };
  AlignOptions o = options;
  o.corners.clear();
  std::vector<Bead> beads = AlignSentences(texts(source), texts(target), o);
  std::vector<std::pair<size_t, size_t>> corners;
  size_t si = 0, tj = 0;  // sentences before the current bead
  for (size_t b = 0; b < beads.size(); ++b) {
    for (size_t p : beads[b].source) si += source[p].size();
    for (size_t p : beads[b].target) tj += target[p].size();
    if (b + 1 == beads.size()) break;
    auto sure = [](const Bead& x) {
      return !x.source.empty() && !x.target.empty() && BeadConfidence(x) >= 0.5;
    };
    if (sure(beads[b]) && sure(beads[b + 1])) corners.emplace_back(si, tj);
  }
  return corners;
}

}  // namespace tmkit
