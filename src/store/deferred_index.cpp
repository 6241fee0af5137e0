#include "store/deferred_index.h"

namespace tmkit {

// Ranks of languages in key order (by index into DeferredIndex::langs).
std::vector<size_t> LangRanks(const std::vector<std::string>& langs) {
  std::vector<size_t> order(langs.size()), rank(langs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // A language that is a prefix of another ("en" and "en-us") still sorts first: its \0
  // comes before any other byte of the key.
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return langs[a] < langs[b]; });
  for (size_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  return rank;
}

// Sorts entries in key order (then by id), given the languages of their keys.
SortedRun SortEntries(std::vector<DeferredIndex::Entry> entries,
                      const std::vector<std::string>& langs) {
  SortedRun run{std::move(entries), LangRanks(langs)};
  const std::vector<size_t>& rank = run.rank;
  std::sort(run.entries.begin(), run.entries.end(),
            [&rank](const DeferredIndex::Entry& a, const DeferredIndex::Entry& b) {
              return EntryBefore(rank, a, b);
            });
  return run;
}

}  // namespace tmkit
