#include "tm/harvest.h"

#include <algorithm>

namespace tmkit {

bool StateListed(const XliffSegment& s, XliffFamily family, const std::vector<std::string>& states) {
  auto listed = [&](const std::string& name) {
    return std::find(states.begin(), states.end(), name) != states.end();
  };
  std::string state = s.state;
  if (family == XliffFamily::kV1) {
    if (state.empty()) state = s.approved ? "signed-off" : "translated";
    return listed(state);
  }
  if (state.empty()) state = "initial";
  if (listed(state)) return true;
  if (state == "initial") return listed("new");
  if (state == "reviewed") return listed("signed-off");
  return false;
}

std::vector<Unit> HarvestUnits(const XliffDocument& doc, const HarvestOptions& options,
                               HarvestReport* report) {
  std::vector<Unit> units;
  for (const XliffSegment& s : doc.segments()) {
    ++report->segments;
    if (!s.translate || !s.has_target || s.source_text.find_first_not_of(" \t\r\n") == std::string::npos) {
      ++report->untranslated;
      continue;
    }
    if (!StateListed(s, doc.family(), options.states)) {
      ++report->other_state;
      continue;
    }
    Unit u;
    if (!s.tuid.empty()) u.attrs.push_back({"tuid", s.tuid});
    u.attrs.push_back({"srclang", s.source_lang});
    Variant src, tgt;
    src.lang = s.source_lang;
    src.seg = s.source_seg;
    tgt.lang = s.target_lang;
    tgt.seg = s.target_seg;
    u.variants.push_back(std::move(src));
    u.variants.push_back(std::move(tgt));
    units.push_back(std::move(u));
    ++report->units;
  }
  return units;
}

HarvestReport Harvest(Store& store, const std::vector<const XliffDocument*>& docs,
                      const HarvestOptions& options) {
  HarvestReport report;
  std::vector<PreparedUnit> prepared;
  for (const XliffDocument* doc : docs) {
    for (Unit& u : HarvestUnits(*doc, options, &report)) prepared.push_back(PrepareUnit(std::move(u)));
  }
  if (prepared.empty()) return report;  // nothing to write: the store is not touched
  constexpr size_t kBatch = 20000;
  store.BeginJournal();
  try {
    for (size_t begin = 0; begin < prepared.size(); begin += kBatch) {
      size_t end = std::min(prepared.size(), begin + kBatch);
      HarvestReport counts;
      store.Write([&](WriteTxn& txn) {
        counts = HarvestReport();
        for (size_t i = begin; i < end; ++i) {
          std::string_view what = PutUnit(txn, prepared[i], options.on_duplicate);
          if (what == "added") ++counts.added;
          else if (what == "merged") ++counts.merged;
          else if (what == "unchanged") ++counts.unchanged;
          else ++counts.replaced;
        }
      });
      report.added += counts.added;
      report.merged += counts.merged;
      report.unchanged += counts.unchanged;
      report.replaced += counts.replaced;
    }
    store.CommitJournal();
  } catch (...) {
    store.RollbackJournal();
    throw;
  }
  return report;
}

}  // namespace tmkit
