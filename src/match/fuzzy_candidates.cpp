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
    // Candidates: the postings of the prefix lists within the length bounds, with the number
    // of lists read that hold them.
    struct Candidate {
      Posting posting;
      uint32_t hits;
    };
    std::vector<Candidate> candidates;
    postings.clear();
    size_t prefix_postings = 0;
    for (size_t i = 0; i < prefix && i < grams.size(); ++i) prefix_postings += grams[i].count;
    postings.reserve(prefix_postings);
    for (size_t i = 0; i < prefix && i < grams.size(); ++i) {
      ++stats->lists_read;
      size_t before = postings.size();
      for (std::string_view rec : grams[i].records) DecodePostings(rec, &postings);
      stats->postings_read += postings.size() - before;
    }
    std::erase_if(postings, [&](const Posting& p) { return p.length < min_len || p.length > max_len; });
    std::sort(postings.begin(), postings.end());
    for (const Posting& p : postings) {
      if (!candidates.empty() && candidates.back().posting == p) {
        ++candidates.back().hits;
      } else {
        candidates.push_back({p, 1});
      }
    }
    // Count filter: more lists, rarest first, while they are short enough to be worth it. A
    // candidate sharing k grams with the query shares at least k - (n - read) of the lists
    // read; with its own length c, k is ceil(max(n, c) m).
    size_t read = std::min(prefix, grams.size());
    // A posting read costs a few nanoseconds, a candidate checked against its stored tokens
    // a microsecond or two: read lists while they stay within about 10 postings a candidate
    // (measured on 1M units, en->zh: median 5.2 ms without this step, 1.4 ms with it, 1.9 ms
    // with a fixed budget of 200,000 postings).
    const size_t budget = std::max<size_t>(10000, 10 * candidates.size());
    size_t spent = 0;
    std::vector<Posting> list;
    for (size_t i = read; i < grams.size() && !candidates.empty(); ++i) {
      if (spent + grams[i].count > budget) break;
      spent += grams[i].count;
      ++stats->lists_read;
      list.clear();
      for (std::string_view rec : grams[i].records) DecodePostings(rec, &list);
      stats->postings_read += list.size();
      if (!std::is_sorted(list.begin(), list.end())) std::sort(list.begin(), list.end());
      // Merge, or binary searches when the list is much shorter than the candidates.
      auto less = [](const Candidate& a, const Posting& p) { return a.posting < p; };
      auto c = candidates.begin();
      bool search = list.size() * 16 < candidates.size();
      for (const Posting& p : list) {
        if (search) {
          c = std::lower_bound(c, candidates.end(), p, less);
        } else {
          while (c != candidates.end() && c->posting < p) ++c;
        }
        if (c == candidates.end()) break;
        if (c->posting == p) ++c->hits;
      }
      ++read;
    }
    std::vector<uint64_t> survivors;
    for (const Candidate& cand : candidates) {
      size_t c = cand.posting.length;
      size_t kc = static_cast<size_t>(std::ceil(static_cast<double>(std::max(n, c)) * m - 1e-9));
      size_t unread = n - read;
      if (cand.hits + unread < kc) continue;
      if (survivors.empty() || survivors.back() != cand.posting.id) survivors.push_back(cand.posting.id);
    }
    // The survivors' stored token sequences, within the edit distance the score allows.
    uint64_t accepted = 0;
    txn.ForEachTokenSequence(survivors, [&](uint64_t id, std::string_view lang, std::string_view codes) {
      if (id == accepted || lang != q.lang) return;
      ++stats->sequences_checked;
      size_t c = codes.size() / 2;
      if (c < min_len || c > max_len) return;
      size_t limit = max_distance(c);
      if (CodeEditDistance(q.codes, codes, limit) <= limit) {
        ids->push_back(id);
        accepted = id;
      }
    });
  }
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  return true;
}

}  // namespace tmkit
