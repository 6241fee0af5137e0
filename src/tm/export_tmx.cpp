#include "tm/export_tmx.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "text/lang_tag.h"
#include "tmx/tmx_writer.h"

namespace tmkit {

namespace {

// A unit's srclang overrides the header's, so in a filtered unit it must name a variant the
// unit still has: with a source language asked for, the tag of the source variant (first,
// e.g. zh-CN for zh); else the stored value, unless its variant was left out. Without one,
// the attribute goes and the header's srclang applies.
void KeepSrclangInUnit(Unit* unit, const std::string& srclang) {
  if (!srclang.empty()) {
    if (!unit->variants.empty() && LangPrefixMatches(srclang, unit->variants.front().lang)) {
      SetAttr(&unit->attrs, "srclang", unit->variants.front().lang);
      return;
    }
  } else {
    const std::string* stored = unit->attr("srclang");
    auto named = [&](const Variant& v) { return LangPrefixMatches(*stored, v.lang); };
    if (!stored || *stored == "*all*" || std::ranges::any_of(unit->variants, named)) return;
  }
  std::erase_if(unit->attrs, [](const Attr& a) { return a.name == "srclang"; });
}

}  // namespace

bool LangPrefixMatches(std::string_view requested, std::string_view actual) {
  if (LangTagEquals(requested, actual)) return true;
  return actual.size() > requested.size() && actual[requested.size()] == '-' &&
         LangTagEquals(requested, actual.substr(0, requested.size()));
}

ExportReport ExportTmx(Store& store, const Txn& snapshot, const std::string& path,
                       const ExportOptions& options,
                       const std::function<void(uint64_t, uint64_t)>& progress) {
  auto start = std::chrono::steady_clock::now();
  ExportReport report;
  TmxWriter::Options wo;
  wo.srclang = options.srclang.empty() ? "*all*" : options.srclang;
  char date[32];
  std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y%m%dT%H%M%SZ", std::gmtime(&now));
  wo.creationdate = date;
  TmxWriter writer(path, wo);
  uint64_t total = snapshot.UnitCount(), done = 0;
  size_t min_variants = options.langs.size() == 1 ? 1 : 2;
  snapshot.ForEachUnit([&](const Unit& stored) {
    ++done;
    if (done % 16384 == 0) store.ReleaseMappedPages();  // keep resident memory bounded
    if (progress && done % 8192 == 0) progress(done, total);
    const Unit* unit = &stored;
    Unit filtered;
    if (!options.langs.empty() || !options.srclang.empty()) {
      filtered.attrs = stored.attrs;
      filtered.annotations = stored.annotations;
      for (const Variant& v : stored.variants) {
        bool wanted = options.langs.empty();
        for (const std::string& l : options.langs) wanted = wanted || LangPrefixMatches(l, v.lang);
        if (!wanted) continue;
        bool is_src = !options.srclang.empty() && LangPrefixMatches(options.srclang, v.lang);
        if (is_src) {
          filtered.variants.insert(filtered.variants.begin(), v);
        } else {
          filtered.variants.push_back(v);
        }
      }
      bool has_src = options.srclang.empty() ||
                     (!filtered.variants.empty() &&
                      LangPrefixMatches(options.srclang, filtered.variants.front().lang));
      if (!has_src || filtered.variants.size() < std::min(min_variants, stored.variants.size())) {
        ++report.units_skipped;
        return true;
      }
      KeepSrclangInUnit(&filtered, options.srclang);
      unit = &filtered;
    }
    writer.Write(*unit);
    return true;
  });
  writer.Finish();
  report.units_written = writer.units_written();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace tmkit
