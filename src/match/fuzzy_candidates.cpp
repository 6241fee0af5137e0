#include "match/fuzzy_candidates.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "store/fuzzy_index.h"

namespace tmkit {

// The bound. Let the query have n tokens and a stored variant c, and d be their token edit
// distance. Its score is at most 100 x (1 - d / max(n, c)) (penalties only lower it), so a
// score of at least m needs d <= (1 - m/100) max(n, c). An edit script keeps at most
// `overlap` tokens unchanged (the size of the multiset intersection), and
// d >= max(n, c) - overlap; so overlap >= (m/100) max(n, c) >= k = ceil(n m / 100).
// Making the i-th repeat of a token its own gram turns the multiset into a set. A variant
// sharing k of the query's n grams shares at least one of ANY n - k + 1 of them: we read
// the posting lists of the n - k + 1 rarest (prefix filter). Candidates are then checked
// with the length bounds (c between k and 100 n / m) and the edit distance of the stored
// 16-bit token codes, which is never above d (equal tokens have equal codes).
bool FuzzyCandidates(const Txn& txn, const std::vector<Token>& query, const LangRequest& from,
                     double min_score, std::vector<uint64_t>* ids, CandidateStats* stats) {
  ids->clear();
  const size_t n = query.size();
  if (n == 0 || min_score <= 0 || !txn.HasFuzzyIndex()) return false;
  const double m = std::min(min_score, 100.0) / 100.0;
  const size_t k = std::max<size_t>(1, static_cast<size_t>(std::ceil(static_cast<double>(n) * m - 1e-9)));
  const size_t prefix = n - k + 1;
  const size_t min_len = k;
  const size_t max_len = static_cast<size_t>(std::floor(static_cast<double>(n) / m + 1e-9));
  auto max_distance = [&](size_t c) {
    return static_cast<size_t>(std::floor((1.0 - m) * static_cast<double>(std::max(n, c)) + 1e-9));
  };
  CandidateStats local;
  if (!stats) stats = &local;
  std::vector<uint64_t> batches = txn.GramBatches();
  std::vector<Posting> postings;
  for (const LanguageCount& lc : txn.Languages()) {
    if (!from.Matches(lc.lang)) continue;
    FuzzyVariant q = MakeFuzzyVariant(lc.lang, query);
    // Each query gram with its records (one per batch holding it) and total postings.
    struct Gram {
      uint64_t count = 0;
      std::vector<std::string_view> records;
    };
    std::vector<Gram> grams(q.grams.size());
    for (size_t i = 0; i < q.grams.size(); ++i) {
      for (uint64_t batch : batches) {
        std::string_view rec = txn.GramRecord(batch, q.grams[i]);
        if (rec.empty()) continue;
        grams[i].records.push_back(rec);
        grams[i].count += PostingCount(rec);
      }
    }
    std::sort(grams.begin(), grams.end(), [](const Gram& a, const Gram& b) { return a.count < b.count; });
    postings.clear();
    for (size_t i = 0; i < prefix && i < grams.size(); ++i) {
      ++stats->lists_read;
      for (std::string_view rec : grams[i].records) DecodePostings(rec, &postings);
    }
    stats->postings_read += postings.size();
    std::vector<uint64_t> candidates;
    candidates.reserve(postings.size());
    for (const Posting& p : postings) {
      if (p.length >= min_len && p.length <= max_len) candidates.push_back(p.id);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (uint64_t id : candidates) {
      ++stats->sequences_checked;
      for (const auto& [lang, codes] : txn.TokenSequences(id)) {
        if (lang != q.lang) continue;
        size_t c = codes.size() / 2;
        if (c < min_len || c > max_len) continue;
        size_t limit = max_distance(c);
        if (CodeEditDistance(q.codes, codes, limit) <= limit) {
          ids->push_back(id);
          break;
        }
      }
    }
  }
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  return true;
}

}  // namespace tmkit
