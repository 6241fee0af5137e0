#include "tm/import_tmx.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "tm/merge.h"
#include "tmx/seg.h"
#include "text/lang_tag.h"
#include "text/normalize.h"
#include "util/bounded_queue.h"
#include "util/thread_name.h"

namespace tmkit {

const char* PutUnit(WriteTxn& txn, PreparedUnit& p, DuplicatePolicy policy) {
  if (policy == DuplicatePolicy::kMerge) {
    std::vector<uint64_t> same = txn.FindSameVariants(p);
    if (!same.empty()) {
      Unit stored;
      txn.GetUnit(same.front(), &stored);
      if (!MergeInto(&stored, p.FullUnit())) return "unchanged";
      txn.ReplaceUnit(stored.id, stored);
      return "merged";
    }
  }
  if (policy == DuplicatePolicy::kReplace) {
    const Variant* src = p.FullUnit().SourceVariant();
    std::string plain = SegPlainText(src->seg);
    std::string key = ExactKey(plain);
    std::vector<uint64_t> olds;
    for (uint64_t id : txn.FindExact(src->lang, plain)) {
      Unit old;
      if (!txn.GetUnit(id, &old)) continue;
      const Variant* old_src = old.SourceVariant();
      if (old_src && LangTagEquals(old_src->lang, src->lang) &&
          ExactKey(SegPlainText(old_src->seg)) == key) {
        olds.push_back(id);
      }
    }
    if (olds.size() == 1) {
      Unit old;
      txn.GetUnit(olds.front(), &old);
      if (old.SameContent(p.FullUnit())) return "unchanged";
    }
    if (!olds.empty()) {
      txn.ReplaceUnit(olds.front(), p.FullUnit());
      for (size_t i = 1; i < olds.size(); ++i) txn.DeleteUnit(olds[i]);
      return "replaced";
    }
  }
  txn.Add(&p);
  return "added";
}

namespace {

// Units read by the reading thread (raw), prepared by the preparing one (units) and stored
// by the writing one.
struct Batch {
  std::vector<Unit> raw;
  std::vector<PreparedUnit> units;
  std::string file;
  uint64_t bytes_done = 0;  // over all files, when the batch was cut
};

using BatchQueue = BoundedQueue<Batch>;

constexpr size_t kHandOff = 1000;  // units per batch handed between the threads

// Fills batch->units from batch->raw, then hands the raw units to spare for the reading
// thread to read the next ones into. The record is enough from there on; the writer decodes
// it in the rare cases that need the unit (duplicates).
void Prepare(Batch* batch, BoundedQueue<std::vector<Unit>>* spare) {
  batch->units.reserve(batch->raw.size());
  for (const Unit& u : batch->raw) batch->units.push_back(PrepareRecord(u));
  spare->TryPush(std::move(batch->raw));
  batch->raw.clear();
}

}  // namespace

uint64_t TotalFileBytes(const std::vector<std::string>& files) {
  uint64_t total = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    uint64_t size = std::filesystem::file_size(f, ec);
    if (!ec) total += size;
  }
  return total;
}

ImportReport ImportTmx(Store& store, const std::vector<std::string>& files,
                       const ImportOptions& options,
                       const std::function<void(const ImportProgress&)>& progress) {
  auto start = std::chrono::steady_clock::now();
  ImportReport report;
  const uint64_t total = TotalFileBytes(files);

  // Three stages, each on its own thread: reading (XML to units), preparing (records and
  // index keys) and writing (this thread). Preparing costs the most: when its queue is full,
  // the reading thread prepares a batch itself instead of waiting. Everything is written
  // under the store's journal, so that a bad file (found at any point) or a crash leaves the
  // store as it was.
  BatchQueue parsed(4), queue(4);
  // The preparing thread hands the units it has read back to the reading one, which reads
  // the next ones into them, reusing their buffers (a full queue of them, which cannot be
  // while at most six batches are in flight, lets the vector go).
  BoundedQueue<std::vector<Unit>> spare(8);
  std::exception_ptr read_error;
  std::atomic<bool> invalid_seen{false};
  std::vector<TmxProblem> problems;
  std::vector<std::string> warnings;
  std::thread reader_thread([&] {
    NameThisThread("tmkit:read");
    try {
      uint64_t done = 0;
      for (const std::string& f : files) {
        TmxReader reader(f, TmxReader::Options{options.skip_invalid});
        for (const std::string& w : reader.warnings()) warnings.push_back(w);
        Batch batch;
        batch.file = f;
        spare.TryPop(&batch.raw);
        size_t used = 0;  // units of batch.raw read
        Location where;
        bool more = true;
        while (more) {
          if (used == batch.raw.size()) batch.raw.emplace_back();
          more = reader.Next(&batch.raw[used], &where);
          if (more) ++used;
          if (!reader.problems().empty()) invalid_seen = true;
          if (used >= kHandOff || (!more && used > 0)) {
            batch.raw.resize(used);
            batch.bytes_done = done + reader.bytes_read();
            if (!parsed.TryPush(std::move(batch))) {
              // The preparing thread is behind: prepare the batch here rather than wait (it
              // passes prepared batches on in their turn).
              Prepare(&batch, &spare);
              if (!parsed.Push(std::move(batch))) return;
            }
            batch = Batch();
            batch.file = f;
            spare.TryPop(&batch.raw);
            used = 0;
          }
        }
        problems.insert(problems.end(), reader.problems().begin(), reader.problems().end());
        done += reader.file_size();
      }
    } catch (...) {
      read_error = std::current_exception();
    }
    parsed.Close();
  });
  std::thread prepare_thread([&] {
    NameThisThread("tmkit:prepare");
    Batch batch;
    while (parsed.Pop(&batch)) {
      if (batch.units.empty()) Prepare(&batch, &spare);  // (else the reading thread did)
      if (!queue.Push(std::move(batch))) break;
    }
    queue.Close();
  });
  auto stop_threads = [&] {
    parsed.Close();
    spare.Close();
    queue.Close();
    if (reader_thread.joinable()) reader_thread.join();
    if (prepare_thread.joinable()) prepare_thread.join();
  };

  ImportProgress p;
  p.phase = "importing";
  p.bytes_total = total;
  auto refuse = [&] { return !options.skip_invalid && invalid_seen; };
  bool journal_open = false;
  try {
    // Each transaction takes units from the queue as they come, so that reading and writing
    // overlap; the units are kept until the commit, to run the transaction again if LMDB
    // needs a bigger map.
    std::vector<PreparedUnit> pending;
    bool done = false;
    // Nothing is written, not even the journal's mark, before there is a unit to store: a
    // file that fails at once leaves the store untouched.
    Batch first;
    if (!queue.Pop(&first)) done = true;
    if (!done) {
      store.BeginJournal();
      journal_open = true;
      store.BeginBulk();
      report.units_read += first.units.size();
      for (PreparedUnit& u : first.units) pending.push_back(std::move(u));
    }
    while (!done) {
      ImportReport counts;
      auto apply = [&](WriteTxn& txn, PreparedUnit& u) {
        if (refuse()) return;  // nothing will be kept: just read on, to report every problem
        std::string_view what = PutUnit(txn, u, options.on_duplicate);
        if (what == "added") ++counts.added;
        else if (what == "merged") ++counts.merged;
        else if (what == "unchanged") ++counts.unchanged;
        else ++counts.replaced;
      };
      // Stores pending[from..], fetching what the next unit's index entries will touch
      // while one is stored.
      auto apply_from = [&](WriteTxn& txn, size_t from) {
        for (size_t i = from; i < pending.size(); ++i) {
          if (i + 1 < pending.size()) txn.Prefetch(pending[i + 1]);
          apply(txn, pending[i]);
        }
      };
      store.Write([&](WriteTxn& txn) {
        counts = ImportReport();
        apply_from(txn, 0);
        Batch batch;
        while (pending.size() < options.batch_units) {
          if (!queue.Pop(&batch)) {
            done = true;
            break;
          }
          // All of the batch goes into pending before any is applied: if the map fills
          // up midway, the transaction runs again from pending and nothing is lost.
          size_t first_new = pending.size();
          for (PreparedUnit& u : batch.units) pending.push_back(std::move(u));
          report.units_read += batch.units.size();
          apply_from(txn, first_new);
          // Duplicate checks read index pages all over the map; let them go now and then,
          // or they stay resident until the transaction ends.
          if (pending.size() % 4000 < batch.units.size()) store.ReleaseMappedPages();
          p.file = batch.file;
          p.bytes_done = batch.bytes_done;
          p.units = report.units_read;
          if (progress) progress(p);
        }
      });
      store.ReleaseMappedPages();
      report.added += counts.added;
      report.merged += counts.merged;
      report.unchanged += counts.unchanged;
      report.replaced += counts.replaced;
      pending.clear();
    }
    stop_threads();
    if (read_error) std::rethrow_exception(read_error);
    report.problems = problems;
    report.warnings = warnings;
    if (refuse()) {
      report.refused = true;
      report.added = report.merged = report.unchanged = report.replaced = 0;
      if (journal_open) store.RollbackJournal();
    } else if (journal_open) {
      store.EndBulk();
      store.CommitJournal();
    }
  } catch (...) {
    stop_threads();
    if (journal_open) store.RollbackJournal();
    throw;
  }
  report.skipped = report.problems.size();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace tmkit
