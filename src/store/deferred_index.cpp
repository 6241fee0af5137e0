#include "store/deferred_index.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <type_traits>

#include "util/temp_file.h"

namespace tmkit {

namespace {

static_assert(std::is_trivially_copyable_v<DeferredEntry> && sizeof(DeferredEntry) == 24,
              "runs are written to their file as they are in memory");

constexpr size_t kBlockEntries = 2730;  // read and written a block at a time (64 KB)

// Reads n entries of a run's file from entry first of the run.
void ReadEntries(const SortedRun& run, size_t first, size_t n, DeferredEntry* out) {
  if (!ReadAllAt(run.fd, reinterpret_cast<char*>(out), n * sizeof(DeferredEntry),
                 run.offset + first * sizeof(DeferredEntry))) {
    ThrowIo(std::string("cannot read back a temporary file of index entries: ") +
                (errno != 0 ? std::strerror(errno) : "it is shorter than written"),
            "exact index");
  }
}

}  // namespace

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
  SortedRun run;
  run.entries = std::move(entries);
  run.rank = LangRanks(langs);
  const std::vector<size_t>& rank = run.rank;
  std::sort(run.entries.begin(), run.entries.end(),
            [&rank](const DeferredIndex::Entry& a, const DeferredIndex::Entry& b) {
              return EntryBefore(rank, a, b);
            });
  return run;
}

RunMerger::RunMerger(const std::vector<SortedRun>& runs, std::vector<size_t> rank)
    : runs_(runs), rank_(std::move(rank)), next_(runs.size(), 0), head_(runs.size()),
      blocks_(runs.size()) {
  Restore(next_);
}

void RunMerger::Load(size_t r) {
  const SortedRun& run = runs_[r];
  const size_t i = next_[r];
  if (!run.in_file()) {
    head_[r] = run.entries[i];
    return;
  }
  Block& b = blocks_[r];
  if (i < b.first || i >= b.first + b.entries.size()) {
    b.first = i;
    b.entries.resize(std::min(kBlockEntries, run.count - i));
    ReadEntries(run, i, b.entries.size(), b.entries.data());
  }
  head_[r] = b.entries[i - b.first];
}

void RunMerger::Restore(const Position& at) {
  next_ = at;
  heap_.clear();
  for (size_t r = 0; r < runs_.size(); ++r) {
    if (next_[r] < runs_[r].size()) {
      Load(r);
      heap_.push_back(r);
    }
  }
  std::make_heap(heap_.begin(), heap_.end(), Later());
}

bool RunMerger::Next(DeferredEntry* e) {
  if (heap_.empty()) return false;
  std::pop_heap(heap_.begin(), heap_.end(), Later());
  const size_t r = heap_.back();
  *e = head_[r];
  if (++next_[r] < runs_[r].size()) {
    Load(r);
    std::push_heap(heap_.begin(), heap_.end(), Later());
  } else {
    heap_.pop_back();
  }
  return true;
}

DeferredIndex::~DeferredIndex() {
  if (fd >= 0) close(fd);
}

void DeferredIndex::RunCandidates(const std::string& key, std::vector<uint64_t>* ids) const {
  if (runs.empty() || key.size() < 9) return;
  const std::string_view lang(key.data(), key.size() - 9);
  const size_t index = std::find(langs.begin(), langs.end(), lang) - langs.begin();
  const uint64_t hash = GetBigEndian64(std::string_view(key).substr(key.size() - 8));
  std::vector<Entry> block;
  for (const SortedRun& run : runs) {
    if (index >= run.rank.size()) continue;  // a language new since the run was sorted
    const std::pair<size_t, uint64_t> want{run.rank[index], hash};
    auto key_of = [&run](const Entry& e) { return std::pair{run.rank[e.lang()], e.hash}; };
    // Takes the ids of the key's entries among [it, end); true once past them.
    auto collect = [&](const Entry* it, const Entry* end) {
      for (; it != end; ++it) {
        if (key_of(*it) < want) continue;
        if (key_of(*it) > want) return true;
        ids->push_back(it->id());
      }
      return false;
    };
    if (!run.in_file()) {
      const Entry* end = run.entries.data() + run.entries.size();
      collect(std::lower_bound(run.entries.data(), end, want,
                               [&](const Entry& e, const auto& k) { return key_of(e) < k; }),
              end);
      continue;
    }
    // The key's entries begin in the block of the last sample before it (or the first block)
    // and may run on into the blocks after.
    const size_t s = std::lower_bound(run.samples.begin(), run.samples.end(), want) - run.samples.begin();
    for (size_t first = s == 0 ? 0 : (s - 1) * SortedRun::kSampleEvery; first < run.count;
         first += SortedRun::kSampleEvery) {
      block.resize(std::min(SortedRun::kSampleEvery, run.count - first));
      ReadEntries(run, first, block.size(), block.data());
      if (collect(block.data(), block.data() + block.size())) break;
    }
  }
}

void DeferredIndex::SpillRuns(const std::string& dir) {
  // The runs in memory move to the end, then out into a merge of their own.
  auto in_memory = std::stable_partition(runs.begin(), runs.end(),
                                         [](const SortedRun& r) { return r.in_file(); });
  if (in_memory == runs.end()) return;
  std::vector<SortedRun> merging(std::make_move_iterator(in_memory), std::make_move_iterator(runs.end()));
  runs.erase(in_memory, runs.end());
  try {
    if (fd < 0) fd = OpenUnnamedTempFile(dir);
    SortedRun file;
    file.rank = LangRanks(langs);
    file.fd = fd;
    file.offset = file_bytes;
    RunMerger merger(merging, file.rank);
    std::vector<Entry> block;
    block.reserve(kBlockEntries);
    uint64_t at = file_bytes;
    auto write_block = [&] {
      WriteAllAt(fd, reinterpret_cast<const char*>(block.data()), block.size() * sizeof(Entry), at, dir);
      at += block.size() * sizeof(Entry);
      block.clear();
    };
    Entry e;
    while (merger.Next(&e)) {
      if (file.count % SortedRun::kSampleEvery == 0) file.samples.emplace_back(file.rank[e.lang()], e.hash);
      block.push_back(e);
      ++file.count;
      if (block.size() == kBlockEntries) write_block();
    }
    write_block();
    file_bytes = at;
    runs.push_back(std::move(file));
  } catch (...) {
    for (SortedRun& r : merging) runs.push_back(std::move(r));
    throw;
  }
}

void DeferredIndex::DropRuns() {
  runs.clear();
  // (Emptying the file is only to give its space back: the next run starts at 0 whatever.)
  if (fd >= 0 && ftruncate(fd, 0) != 0) {
    close(fd);
    fd = -1;
  }
  file_bytes = 0;
}

void DeferredIndex::Clear() {
  entries = {};
  DropRuns();
  langs.clear();
  last_lang_ = 0;
  removed = {};
  std::fill(slots.begin(), slots.end(), std::pair<uint64_t, uint64_t>{0, 0});
  used = 0;
}

}  // namespace tmkit
