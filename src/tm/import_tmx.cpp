#include "tm/import_tmx.h"

#include <chrono>
#include <filesystem>

#include "tm/merge.h"
#include "tmx/seg.h"
#include "text/lang_tag.h"
#include "text/normalize.h"

namespace tmkit {

const char* PutUnit(WriteTxn& txn, Unit unit, DuplicatePolicy policy) {
  if (policy != DuplicatePolicy::kKeep) {
    std::vector<uint64_t> same = txn.FindSameVariants(unit);
    if (!same.empty()) {
      Unit stored;
      txn.GetUnit(same.front(), &stored);
      if (!MergeInto(&stored, unit)) return "unchanged";
      txn.ReplaceUnit(stored.id, stored);
      return "merged";
    }
  }
  if (policy == DuplicatePolicy::kReplace) {
    const Variant* src = unit.SourceVariant();
    std::string key = ExactKey(SegPlainText(src->seg));
    std::vector<uint64_t> olds;
    for (uint64_t id : txn.FindExact(src->lang, SegPlainText(src->seg))) {
      Unit old;
      if (!txn.GetUnit(id, &old)) continue;
      const Variant* old_src = old.SourceVariant();
      if (old_src && LangTagEquals(old_src->lang, src->lang) &&
          ExactKey(SegPlainText(old_src->seg)) == key) {
        olds.push_back(id);
      }
    }
    if (!olds.empty()) {
      txn.ReplaceUnit(olds.front(), unit);
      for (size_t i = 1; i < olds.size(); ++i) txn.DeleteUnit(olds[i]);
      return "replaced";
    }
  }
  txn.AddUnit(&unit);
  return "added";
}

ImportReport ImportTmx(Store& store, const std::vector<std::string>& files,
                       const ImportOptions& options,
                       const std::function<void(const ImportProgress&)>& progress) {
  auto start = std::chrono::steady_clock::now();
  ImportReport report;
  uint64_t total = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    uint64_t size = std::filesystem::file_size(f, ec);
    if (!ec) total += size;
  }
  ImportProgress p;
  p.bytes_total = total;
  auto tick = [&](const TmxReader& r, uint64_t done_before) {
    if (!progress) return;
    p.bytes_done = done_before + r.bytes_read();
    progress(p);
  };

  // Pass 1: check every file whole, so that a bad one stores nothing.
  if (!options.skip_invalid) {
    p.phase = "checking";
    uint64_t done = 0;
    for (const std::string& f : files) {
      p.file = f;
      TmxReader reader(f, TmxReader::Options{});
      Unit unit;
      Location where;
      while (reader.Next(&unit, &where)) {
        if (++p.units % 4096 == 0) tick(reader, done);
      }
      for (const TmxProblem& problem : reader.problems()) report.problems.push_back(problem);
      done += reader.file_size();
    }
    if (!report.problems.empty()) {
      report.refused = true;
      report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return report;
    }
  }

  // Pass 2: store, a batch per transaction.
  p.phase = "importing";
  p.units = 0;
  uint64_t done = 0;
  for (const std::string& f : files) {
    p.file = f;
    TmxReader reader(f, TmxReader::Options{options.skip_invalid});
    for (const std::string& w : reader.warnings()) report.warnings.push_back(w);
    std::vector<Unit> batch;
    bool more = true;
    while (more) {
      batch.clear();
      Unit unit;
      Location where;
      while (batch.size() < options.batch_units && (more = reader.Next(&unit, &where))) {
        batch.push_back(std::move(unit));
        unit = Unit();
      }
      if (batch.empty()) break;
      ImportReport counts;
      store.Write([&](WriteTxn& txn) {
        counts = ImportReport();
        for (const Unit& u : batch) {
          std::string_view what = PutUnit(txn, u, options.on_duplicate);
          if (what == "added") ++counts.added;
          else if (what == "merged") ++counts.merged;
          else if (what == "unchanged") ++counts.unchanged;
          else ++counts.replaced;
        }
      });
      report.units_read += batch.size();
      report.added += counts.added;
      report.merged += counts.merged;
      report.unchanged += counts.unchanged;
      report.replaced += counts.replaced;
      p.units += batch.size();
      tick(reader, done);
    }
    for (const TmxProblem& problem : reader.problems()) report.problems.push_back(problem);
    done += reader.file_size();
  }
  report.skipped = report.problems.size();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace tmkit
