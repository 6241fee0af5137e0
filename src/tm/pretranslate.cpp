#include "tm/pretranslate.h"

#include <algorithm>

#include "match/lookup.h"
#include "match/similarity.h"

namespace tmkit {

namespace {

struct Scored {
  double score;
  LookupMatch match;
};

// Lookup on the plain text, then the score again with the segment's codes: Lookup scores a
// plain query against coded candidates (at most 5 points off), so asking for 5 points less
// and more candidates finds every match that reaches min_score once codes are compared.
std::vector<Scored> Matches(const Txn& snapshot, const XliffSegment& s, const PretranslateOptions& o) {
  LookupOptions lo;
  lo.from = s.source_lang;
  lo.to = s.target_lang;
  lo.any_variant = o.any_variant;
  lo.min_score = std::max(0.0, o.min_score - 5);
  lo.limit = o.limit * 4 + 10;
  MatchText query = AnalyzeSegment(s.source_seg);
  std::vector<Scored> out;
  for (LookupMatch& m : Lookup(snapshot, s.source_text, lo)) {
    double score = Similarity(query, AnalyzeSegment(m.source_seg));
    if (score < o.min_score) continue;
    out.push_back({score, std::move(m)});
  }
  std::stable_sort(out.begin(), out.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  if (out.size() > o.limit) out.resize(o.limit);
  return out;
}

}  // namespace

PretranslateReport Pretranslate(const Txn& snapshot, XliffDocument* doc,
                                const PretranslateOptions& options) {
  PretranslateReport r;
  doc->RemoveMatches("tmkit");
  const std::vector<XliffSegment>& segs = doc->segments();
  for (size_t i = 0; i < segs.size(); ++i) {
    const XliffSegment& s = segs[i];
    if (!s.translate || s.source_text.find_first_not_of(" \t\r\n") == std::string::npos) {
      ++r.skipped;
      continue;
    }
    ++r.segments;
    std::vector<Scored> found = Matches(snapshot, s, options);
    if (found.empty()) {
      ++r.none;
      continue;
    }
    bool exact = found.front().score >= 100;
    ++(exact ? r.exact : r.fuzzy);
    for (const Scored& f : found) {
      XliffMatch m;
      m.score = f.score;
      m.source_seg = f.match.source_seg;
      m.target_seg = f.match.target_seg;
      doc->AddMatch(i, m);
    }
    bool wanted = options.fill == PretranslateOptions::Fill::kBest ||
                  (options.fill == PretranslateOptions::Fill::kExact && exact);
    if (!wanted || segs[i].has_target) continue;
    // The best match whose codes map onto the file's fills the target; an exact fill takes
    // only 100% matches.
    bool done = false;
    for (const Scored& f : found) {
      if (options.fill == PretranslateOptions::Fill::kExact && f.score < 100) break;
      auto kind = f.score >= 100 ? XliffDocument::FillKind::kExact : XliffDocument::FillKind::kFuzzy;
      if (doc->FillTarget(i, f.match.source_seg, f.match.target_seg, kind)) {
        done = true;
        break;
      }
    }
    if (done) ++r.filled;
    else ++r.not_mapped;
  }
  return r;
}

}  // namespace tmkit
