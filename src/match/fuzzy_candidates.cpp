#include "match/fuzzy_candidates.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "match/candidate_set.h"
#include "store/fuzzy_index.h"

namespace tmkit {

namespace {
// A lookup's buffers, kept by each thread (a server thread looks up thousands of times).
struct Scratch {
  std::vector<CandidateSet::Posting> decoded;  // the prefix lists' postings
  std::vector<int64_t> base;  // by candidate rank: hits + skipped - need
  std::vector<uint64_t> survivors;
};
thread_local Scratch scratch;
}  // namespace

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
  const auto lo = static_cast<uint32_t>(min_len);
  const auto hi = static_cast<uint32_t>(std::min<size_t>(max_len, UINT32_MAX));
  auto max_distance = [&](size_t c) {
    return static_cast<size_t>(std::floor((1.0 - m) * static_cast<double>(std::max(n, c)) + 1e-9));
  };
  CandidateStats local;
  if (!stats) stats = &local;
  std::vector<uint64_t> batches = txn.GramBatches();
  for (const LanguageCount& lc : txn.Languages()) {
    if (!from.Matches(lc.lang)) continue;
    FuzzyVariant q = MakeFuzzyVariant(lc.lang, query);
    // Each query gram with its records (one per batch holding it), rarest first by their
    // postings of any length (the first bytes of a record); the number within the length
    // bounds, which walks the record's groups, only for the lists that may be read.
    struct Gram {
      uint64_t total = 0;
      uint64_t count = UINT64_MAX;  // within the length bounds; UINT64_MAX: not known yet
      std::vector<std::string_view> records;
    };
    std::vector<Gram> grams(q.grams.size());
    for (size_t i = 0; i < q.grams.size(); ++i) {
      for (uint64_t batch : batches) {
        std::string_view rec = txn.GramRecord(batch, q.grams[i]);
        if (rec.empty()) continue;
        grams[i].records.push_back(rec);
        grams[i].total += PostingTotal(rec);
      }
    }
    std::sort(grams.begin(), grams.end(), [](const Gram& a, const Gram& b) { return a.total < b.total; });
    auto count = [&](size_t i) {
      Gram& g = grams[i];
      if (g.count == UINT64_MAX) {
        g.count = 0;
        for (std::string_view rec : g.records) g.count += PostingCount(rec, lo, hi);
      }
      return g.count;
    };
    // need(c) = ceil(max(n, c) m): the grams a variant of length c must share with the query.
    auto need_of = [&](uint32_t c) {
      return c <= n ? static_cast<int64_t>(k)
                    : static_cast<int64_t>(std::ceil(static_cast<double>(c) * m - 1e-9));
    };
    std::vector<int64_t> need_at(std::min<size_t>(hi - lo + 1, 4096));  // the usual lengths
    for (size_t i = 0; i < need_at.size(); ++i) need_at[i] = need_of(static_cast<uint32_t>(lo + i));
    auto need = [&](uint32_t c) { return c - lo < need_at.size() ? need_at[c - lo] : need_of(c); };
    // A variant of length c shares a gram with any n - need(c) + 1 of the query's lists, so
    // the i-th list (from 0) need only be read for the lengths c with need(c) <= n - i: a
    // longer variant needs more grams, and a shorter prefix finds it.
    auto longest = [&](size_t i) {
      const auto grams_left = static_cast<int64_t>(n - i);
      const double guess = std::floor(static_cast<double>(grams_left) / m);  // c m <= n - i
      auto c = static_cast<uint32_t>(std::clamp<double>(guess, lo, hi));
      while (c < hi && need(c + 1) <= grams_left) ++c;  // rounding: a step or two at most
      while (c > lo && need(c) > grams_left) --c;
      return c;
    };
    // Candidates: the units in the prefix lists within the length bounds, with the number of
    // lists read that hold them.
    const size_t read_prefix = std::min(prefix, grams.size());
    std::vector<CandidateSet::Posting>& decoded = scratch.decoded;
    decoded.clear();
    bool overflow = false;
    for (size_t i = 0; i < read_prefix; ++i) {
      ++stats->lists_read;
      const uint32_t last = longest(i);
      for (std::string_view rec : grams[i].records) {
        ForEachPosting(rec, lo, last, [&](uint64_t id, uint32_t length) {
          decoded.push_back({static_cast<uint32_t>(id), length});
          overflow |= id > CandidateSet::kMaxId;
        });
      }
    }
    if (overflow) return false;  // ids beyond what the bitmaps hold: the caller scans
    stats->postings_read += decoded.size();
    CandidateSet set;
    set.Build(decoded);
    // Count filter. A candidate of length c must share need(c) grams with the query; its
    // slack is hits + unread - need(c), the lists it may still miss, where the lists read
    // past its length's prefix (n - need(c) + 1 lists) count as unread: they were not read
    // for its length. Reading a further list lowers every slack by one but those of the
    // candidates in it, so slack never rises, and a candidate whose slack is below zero is out.
    auto skipped = [&](uint32_t c) {
      const auto own_prefix = static_cast<int64_t>(n) - need(c) + 1;
      return std::max<int64_t>(0, static_cast<int64_t>(read_prefix) - own_prefix);
    };
    size_t read = read_prefix;
    // base = hits + skipped - need, from -offset up; kept at most n (a unit met in several
    // batches' lists may count more hits than the query has grams; with base n it stays in).
    const int64_t offset = static_cast<int64_t>(n) + 1;
    const int64_t top = static_cast<int64_t>(n);
    std::vector<int64_t>& base = scratch.base;
    base.resize(set.size());
    std::vector<uint32_t> at_base(2 * n + 2, 0);  // candidates by base + offset
    for (size_t r = 0; r < set.size(); ++r) {
      const uint32_t c = set.length(r);
      base[r] = std::min(top, static_cast<int64_t>(set.hits(r)) + skipped(c) - need(c));
      ++at_base[static_cast<size_t>(base[r] + offset)];
    }
    // With slack = base + unread: the candidates whose slack is s.
    auto at_slack = [&](size_t s) -> uint64_t {
      int64_t i = static_cast<int64_t>(s) - static_cast<int64_t>(n - read) + offset;
      return i >= 0 && i < static_cast<int64_t>(at_base.size()) ? at_base[static_cast<size_t>(i)] : 0;
    };
    // Further lists, rarest first, while they pay: the next j lists can at most rule out the
    // candidates of slack below j, each saving a check of its stored tokens, which costs
    // about kSequenceCost postings read (see docs/SIMILARITY.md).
    constexpr uint64_t kSequenceCost = 200;
    constexpr size_t kLookahead = 8;
    for (size_t i = read; i < grams.size(); ++i) {
      uint64_t cost = 0, saved = 0;
      bool pays = false;
      for (size_t j = 0; j < kLookahead && i + j < grams.size() && !pays; ++j) {
        cost += count(i + j);
        saved += at_slack(j);
        pays = saved * kSequenceCost > cost;
      }
      if (!pays) break;
      ++stats->lists_read;
      stats->postings_read += count(i);
      for (std::string_view rec : grams[i].records) {
        ForEachPosting(rec, lo, hi, [&](uint64_t id, uint32_t) {
          size_t r = set.Find(id);
          if (r == CandidateSet::kNone || base[r] == top) return;
          --at_base[static_cast<size_t>(base[r] + offset)];
          ++at_base[static_cast<size_t>(++base[r] + offset)];
        });
      }
      ++read;
    }
    std::vector<uint64_t>& survivors = scratch.survivors;
    survivors.clear();
    const int64_t unread = static_cast<int64_t>(n - read);
    for (size_t r = 0; r < set.size(); ++r) {
      if (base[r] + unread >= 0) survivors.push_back(set.id(r));
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
