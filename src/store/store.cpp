#include "store/store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <map>
#include <unordered_map>
#include <thread>
#include <unordered_set>

#include "store/deferred_index.h"
#include "store/fuzzy_index.h"
#include "store/lmdb_env.h"
#include "store/unit_codec.h"
#include "text/lang_tag.h"
#include "text/match_tokens.h"
#include "text/normalize.h"
#include "tmx/seg.h"
#include "util/bounded_queue.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/key_filter.h"
#include "util/thread_name.h"

namespace tmkit {

// Layout (schema 1). Integers in keys are 8-byte big-endian so that they sort.
//   meta        "schema" -> decimal text; "next_id" -> u64
//   units       id -> EncodeUnit(unit)
//   exact       lower(lang) \0 Hash64(ExactKey(plain text)) -> id   (sorted duplicates)
//   counts      "u" | "l:" lang | "p:" lang1 "|" lang2 -> u64
//   journal     id -> the unit's record before the open journal changed it
//   meta "journal" -> u64: the first id added under the open journal (absent: none open)
//   meta "journal_counts" -> (counter key \0 u64)...: the counts when the journal began
// Schema 2 adds the fuzzy index (store/fuzzy_index.h):
//   grams       batch u64 | gram u64 -> EncodePostings(units with the gram)
//   tokseq      id u64 | variant index u16 -> lower(lang) \0 token codes
//   meta "gram_batches" -> (batch u64, postings u64)...; "gram_batch_next" -> u64;
//   meta "journal_batch" -> u64: the first batch written under the open journal
// Schema 3 groups each posting list by variant length (EncodePostings); schema-2 lists are
// dropped and rebuilt on the first writable open.
// Schema 4 posts irregular variants under IrregularGram(lang) as well; meta
// "irregular_listed" -> u64: the "gram_batch_next" from which every unit was indexed so,
// moved on with each batch (NextBatch); absent in a store indexed before schema 4 (read as
// it is, rebuilt on the first writable open; "schema" says 2 while a rebuild runs).
// Posting lists are never edited: a unit changed or deleted leaves stale postings, which
// lookups drop by checking tokseq (transactional, always exact). Batches are appended.
class StoreImpl {
 public:
  MDB_env* env = nullptr;
  MDB_dbi meta = 0, units = 0, exact = 0, counts = 0, journal = 0;
  MDB_dbi grams = 0, tokseq = 0;  // 0: absent (a schema-1 store opened read-only)
  MDB_dbi terms = 0;              // 0: absent (a store from before the term base, read-only)
  MDB_dbi lexicon = 0;            // 0: absent (a store from before the lexicon, read-only)
  MDB_dbi Table(RecordTable t) const { return t == RecordTable::kTerms ? terms : lexicon; }
  std::string path;
  bool read_only = false;
  int journal_lock = -1;  // fd holding journal.lock while this process has a journal open

  // Bulk mode (see Store::BeginBulk); the deferred entries are written in key order by
  // WriteRuns.
  bool bulk = false;
  size_t bulk_flush_entries = 1000000;
  size_t bulk_run_entries = 200000;
  size_t bulk_file_entries = 6000000;
  std::future<SortedRun> sorting;  // a batch of entries being sorted
  // Where the data file is mapped (found by ReleaseMappedPages), for the map size it was at.
  uint64_t mapped_size = 0;
  unsigned long mapped_addr = 0, mapped_len = 0;
  DeferredIndex deferred;
  uint64_t deferred_seq = 0;
  std::unique_ptr<PostingRuns> bulk_postings;  // bulk mode: fuzzy postings of committed units
  size_t bulk_posting_bytes = 16 << 20;
  // Bulk mode: the keys of the exact database and of the deferred entries, so that a duplicate
  // check does not look up a key neither can hold. Complete when the database was empty as
  // bulk mode began, or once read through (after enough lookups in vain to pay for that:
  // ExactMayHold).
  KeyFilter exact_filter{1 << 20, 16 << 20};  // about 7M keys (2.4M units of 3 variants), 9 MB
  bool exact_filter_complete = false;
  uint64_t exact_entries_at_bulk = 0;
  uint64_t exact_misses = 0;  // lookups that found nothing, while the filter is not complete

  // False when the exact database cannot hold key (bulk mode).
  bool ExactMayHold(MDB_txn* txn, const std::string& key) {
    if (!exact_filter_complete) {
      // A lookup reads pages all over the index, a read-through one after another (about a
      // sixteenth of the time a key): once the lookups that the filter would have saved have
      // cost about what reading the whole index would, read it.
      if (exact_misses * 16 < exact_entries_at_bulk) return true;
      FillExactFilter(txn);
    }
    return exact_filter.MayContain(DeferredIndex::Tag(key));
  }
  void FillExactFilter(MDB_txn* txn) {
    MDB_cursor* cur = nullptr;
    Check(mdb_cursor_open(txn, exact, &cur), "opening a cursor");
    MDB_val k, v;
    int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
    while (rc == MDB_SUCCESS && !exact_filter.overflowed()) {
      exact_filter.Add(DeferredIndex::Tag(View(k)));
      rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_NODUP);
    }
    mdb_cursor_close(cur);
    if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) Check(rc, "reading an index");
    exact_filter_complete = true;
  }

  ~StoreImpl() {
    if (journal_lock >= 0) close(journal_lock);
    if (env) mdb_env_close(env);
  }

  // Takes journal.lock (exclusive, not blocking): held by whichever process has a journal
  // open, and released by the kernel if that process dies. False when another process has it.
  bool LockJournal() {
    if (journal_lock >= 0) return true;
    std::string file = path + "/journal.lock";
    int fd = open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(Error::Kind::kStore, "cannot open " + file + ": " + std::strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      close(fd);
      return false;
    }
    journal_lock = fd;
    return true;
  }
  void UnlockJournal() {
    if (journal_lock < 0) return;
    flock(journal_lock, LOCK_UN);
    close(journal_lock);
    journal_lock = -1;
  }

  MDB_txn* Begin(bool write) {
    while (true) {
      MDB_txn* txn = nullptr;
      int rc = mdb_txn_begin(env, nullptr, write ? 0 : MDB_RDONLY, &txn);
      if (rc == MDB_MAP_RESIZED) {
        // Another process grew the map: adopt its size.
        Check(mdb_env_set_mapsize(env, 0), "adopting the grown map");
        continue;
      }
      Check(rc, "beginning a transaction");
      return txn;
    }
  }

  void Grow() {
    MDB_envinfo info;
    Check(mdb_env_info(env, &info), "reading the map size");
    Check(mdb_env_set_mapsize(env, info.me_mapsize * 2), "growing the map");
  }
};

namespace {

MDB_txn* T(void* txn) { return static_cast<MDB_txn*>(txn); }

// Why a write must wait: another process holds the store's journal.
std::string ImportingElsewhere(const std::string& path) {
  return "another tmkit process is importing into " + path + "; try again when it has finished";
}

std::string IdKey(uint64_t id) {
  std::string k;
  PutBigEndian64(&k, id);
  return k;
}

std::string LowerTag(std::string_view lang) {
  std::string s(lang);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string ExactIndexKey(std::string_view lang, std::string_view exact_key) {
  std::string k = LowerTag(lang);
  k.push_back('\0');
  PutBigEndian64(&k, Hash64(exact_key));
  return k;
}

std::vector<std::pair<std::string, std::string>> SortedVariants(const Unit& unit) {
  std::vector<std::pair<std::string, std::string>> v;
  for (const Variant& var : unit.variants) v.emplace_back(LowerTag(var.lang), var.seg);
  std::sort(v.begin(), v.end());
  return v;
}

// The distinct languages of a unit (canonical spelling), sorted.
std::vector<std::string> DistinctLangs(const Unit& unit) {
  std::vector<std::string> langs;
  for (const Variant& v : unit.variants) langs.push_back(v.lang);
  std::sort(langs.begin(), langs.end());
  langs.erase(std::unique(langs.begin(), langs.end()), langs.end());
  return langs;
}

// Calls fn(value) for each duplicate of key in a DUPSORT database.
template <typename Fn>
void ForEachDup(MDB_txn* txn, MDB_dbi dbi, const std::string& key, Fn fn) {
  MDB_cursor* cur = nullptr;
  Check(mdb_cursor_open(txn, dbi, &cur), "opening a cursor");
  MDB_val k = Val(key), v;
  int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_KEY);
  while (rc == MDB_SUCCESS) {
    fn(View(v));
    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_DUP);
  }
  mdb_cursor_close(cur);
  if (rc != MDB_NOTFOUND) Check(rc, "reading an index");
}


// The first id added under the open journal, or 0 when none is open.
uint64_t JournalBase(MDB_txn* txn, MDB_dbi meta) {
  std::string key = "journal";
  MDB_val k = Val(key), v;
  int rc = mdb_get(txn, meta, &k, &v);
  if (rc == MDB_NOTFOUND) return 0;
  Check(rc, "reading the journal");
  return GetBigEndian64(View(v));
}

// The counts kept when a journal begins: each counter's key, \0, its value (u64).
std::string EncodeCounts(MDB_txn* txn, MDB_dbi counts) {
  std::string out;
  MDB_cursor* cur = nullptr;
  Check(mdb_cursor_open(txn, counts, &cur), "opening a cursor");
  MDB_val k, v;
  int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    out += View(k);
    out.push_back('\0');
    out += View(v);
    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
  }
  mdb_cursor_close(cur);
  if (rc != MDB_NOTFOUND) Check(rc, "reading the counts");
  return out;
}

std::vector<std::pair<std::string, uint64_t>> DecodeCounts(std::string_view data) {
  std::vector<std::pair<std::string, uint64_t>> out;
  while (!data.empty()) {
    size_t nul = data.find('\0');
    if (nul == std::string_view::npos || data.size() - nul - 1 < 8) {
      throw Error(Error::Kind::kStore, "the journal's copy of the counts is damaged");
    }
    out.emplace_back(std::string(data.substr(0, nul)), GetBigEndian64(data.substr(nul + 1, 8)));
    data.remove_prefix(nul + 9);
  }
  return out;
}

uint64_t MetaU64(MDB_txn* txn, MDB_dbi meta, const std::string& key, uint64_t absent) {
  MDB_val k = Val(key), v;
  int rc = mdb_get(txn, meta, &k, &v);
  if (rc == MDB_NOTFOUND) return absent;
  Check(rc, "reading the store's metadata");
  return GetBigEndian64(View(v));
}

void PutMetaU64(MDB_txn* txn, MDB_dbi meta, const std::string& key, uint64_t value) {
  std::string enc = IdKey(value);
  MDB_val k = Val(key), v = Val(enc);
  Check(mdb_put(txn, meta, &k, &v, 0), "writing the store's metadata");
}

// The fuzzy index's batches: (batch number, postings), oldest first.
using BatchList = std::vector<std::pair<uint64_t, uint64_t>>;

// Takes the number of the next batch of postings. "irregular_listed" holds the number that
// was next when every unit was indexed with its irregular lists (IrregularGram): this build
// moves it on with every batch it writes; an older one does not, and the index then no
// longer counts as complete (Txn::IndexComplete).
uint64_t NextBatch(MDB_txn* txn, MDB_dbi meta) {
  uint64_t batch = MetaU64(txn, meta, "gram_batch_next", 1);
  if (MetaU64(txn, meta, "irregular_listed", 0) == batch) PutMetaU64(txn, meta, "irregular_listed", batch + 1);
  PutMetaU64(txn, meta, "gram_batch_next", batch + 1);
  return batch;
}

BatchList ReadBatches(MDB_txn* txn, MDB_dbi meta) {
  BatchList out;
  std::string key = "gram_batches";
  MDB_val k = Val(key), v;
  int rc = mdb_get(txn, meta, &k, &v);
  if (rc == MDB_NOTFOUND) return out;
  Check(rc, "reading the fuzzy index");
  std::string_view data = View(v);
  for (size_t i = 0; i + 16 <= data.size(); i += 16) {
    out.emplace_back(GetBigEndian64(data.substr(i, 8)), GetBigEndian64(data.substr(i + 8, 8)));
  }
  return out;
}

void WriteBatches(MDB_txn* txn, MDB_dbi meta, const BatchList& batches) {
  std::string key = "gram_batches", value;
  for (const auto& [batch, postings] : batches) {
    PutBigEndian64(&value, batch);
    PutBigEndian64(&value, postings);
  }
  MDB_val k = Val(key), v = Val(value);
  Check(mdb_put(txn, meta, &k, &v, 0), "writing the fuzzy index");
}

// Deletes every record of dbi whose key starts with the 8 bytes prefix.
void DeletePrefix(MDB_txn* txn, MDB_dbi dbi, const std::string& prefix, const char* what) {
  MDB_cursor* cur = nullptr;
  Check(mdb_cursor_open(txn, dbi, &cur), "opening a cursor");
  int rc;
  while (true) {
    MDB_val k = Val(prefix), v;
    rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
    if (rc != MDB_SUCCESS || View(k).substr(0, 8) != prefix) break;
    rc = mdb_cursor_del(cur, 0);
    if (rc != MDB_SUCCESS) break;
  }
  mdb_cursor_close(cur);
  if (rc != MDB_NOTFOUND && rc != MDB_SUCCESS) Check(rc, what);
}

// Up to n keys of dbi, from first on, as ids.
std::vector<uint64_t> IdsFrom(MDB_txn* txn, MDB_dbi dbi, uint64_t first, size_t n) {
  std::vector<uint64_t> ids;
  MDB_cursor* cur = nullptr;
  Check(mdb_cursor_open(txn, dbi, &cur), "opening a cursor");
  std::string start = IdKey(first);
  MDB_val k = Val(start), v;
  int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
  while (rc == MDB_SUCCESS && ids.size() < n) {
    ids.push_back(GetBigEndian64(View(k)));
    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
  }
  mdb_cursor_close(cur);
  return ids;
}

constexpr size_t kRollbackBatch = 10000;
constexpr size_t kPagesPerTxn = 4096;      // index pages one flush transaction may dirty

// Whether two units have the same variants (languages and segments, in order): then they
// have the same index entries.
bool SameSegments(const Unit& a, const Unit& b) {
  return a.variants.size() == b.variants.size() &&
         std::equal(a.variants.begin(), a.variants.end(), b.variants.begin(),
                    [](const Variant& x, const Variant& y) { return x.lang == y.lang && x.seg == y.seg; });
}

// What removing a unit from the indexes needs: its exact keys and languages.
PreparedUnit KeysOf(const Unit& unit) {
  PreparedUnit p;
  p.langs = LangList(unit);
  p.exact_keys.reserve(unit.variants.size());
  for (const Variant& v : unit.variants) {
    p.exact_keys.push_back(ExactIndexKey(v.lang, ExactKey(SegPlainText(v.seg))));
  }
  return p;
}

}  // namespace

Txn::~Txn() = default;

bool Txn::GetUnit(uint64_t id, Unit* unit) const {
  if (hidden_from_ != 0) {
    if (id >= hidden_from_) return false;
    if (GetJournaled(id, unit)) return true;
  }
  return GetStoredUnit(id, unit);
}

std::vector<uint64_t> Txn::Candidates(const std::string& key) const {
  std::vector<uint64_t> ids;
  ForEachDup(T(txn_), store_->exact, key, [&](std::string_view v) { ids.push_back(GetBigEndian64(v)); });
  return ids;
}

std::vector<uint64_t> Txn::FindExact(std::string_view lang, std::string_view plain_text) const {
  std::string exact = ExactKey(plain_text);
  std::vector<uint64_t> ids;
  for (uint64_t id : Candidates(ExactIndexKey(lang, exact))) {
    Unit unit;
    if (!GetUnit(id, &unit)) continue;
    for (const Variant& var : unit.variants) {
      if (LangTagEquals(var.lang, lang) && ExactKey(SegPlainText(var.seg)) == exact) {
        ids.push_back(id);
        break;
      }
    }
  }
  return ids;
}

namespace {
// Decodes the unit record under id in dbi (units, or the journal's saved records).
bool ReadUnitRecord(MDB_txn* txn, MDB_dbi dbi, uint64_t id, Unit* unit, const char* what) {
  std::string key = IdKey(id);
  MDB_val k = Val(key), v;
  int rc = mdb_get(txn, dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return false;
  Check(rc, what);
  DecodeUnit(View(v), unit);
  unit->id = id;
  return true;
}
}  // namespace

bool Txn::GetStoredUnit(uint64_t id, Unit* unit) const {
  return ReadUnitRecord(T(txn_), store_->units, id, unit, "reading a unit");
}

bool Txn::GetJournaled(uint64_t id, Unit* unit) const {
  return ReadUnitRecord(T(txn_), store_->journal, id, unit, "reading the journal");
}

void Txn::ForEachUnit(const std::function<bool(const Unit&)>& fn, uint64_t first_id) const {
  // Units in id order; under a journal (hidden_from_), the ids below it only, each as the
  // journal kept it if it has changed since: a merge of the units and the journal.
  struct Cursor {
    MDB_cursor* cur = nullptr;
    MDB_val k{}, v{};
    int rc = MDB_NOTFOUND;
    uint64_t id() const { return rc == MDB_SUCCESS ? GetBigEndian64(View(k)) : UINT64_MAX; }
    ~Cursor() {
      if (cur) mdb_cursor_close(cur);
    }
  } units, journal;
  std::string start = IdKey(first_id);
  auto open = [&](Cursor& c, MDB_dbi dbi) {
    Check(mdb_cursor_open(T(txn_), dbi, &c.cur), "opening a cursor");
    c.k = Val(start);
    c.rc = mdb_cursor_get(c.cur, &c.k, &c.v, MDB_SET_RANGE);
  };
  open(units, store_->units);
  if (hidden_from_ != 0) open(journal, store_->journal);
  const uint64_t end = hidden_from_ != 0 ? hidden_from_ : UINT64_MAX;
  Unit unit;
  while (true) {
    uint64_t id = std::min(units.id(), journal.id());
    if (id >= end) break;
    bool in_units = units.id() == id, in_journal = journal.id() == id;
    DecodeUnit(View(in_journal ? journal.v : units.v), &unit);
    unit.id = id;
    if (!fn(unit)) break;
    if (in_units) units.rc = mdb_cursor_get(units.cur, &units.k, &units.v, MDB_NEXT);
    if (in_journal) journal.rc = mdb_cursor_get(journal.cur, &journal.k, &journal.v, MDB_NEXT);
  }
  for (const Cursor* c : {&units, &journal}) {
    if (c->rc != MDB_SUCCESS && c->rc != MDB_NOTFOUND) Check(c->rc, "reading units");
  }
}

void Txn::ForEachCounter(std::string_view prefix,
                         const std::function<void(std::string_view, uint64_t)>& fn) const {
  if (counts_saved_) {
    auto it = std::lower_bound(saved_counts_.begin(), saved_counts_.end(), prefix,
                               [](const auto& c, std::string_view p) { return c.first < p; });
    for (; it != saved_counts_.end() && std::string_view(it->first).substr(0, prefix.size()) == prefix; ++it) {
      fn(it->first, it->second);
    }
    return;
  }
  MDB_cursor* cur = nullptr;
  Check(mdb_cursor_open(T(txn_), store_->counts, &cur), "opening a cursor");
  MDB_val k = Val(prefix), v;
  int rc = mdb_cursor_get(cur, &k, &v, prefix.empty() ? MDB_FIRST : MDB_SET_RANGE);
  while (rc == MDB_SUCCESS && View(k).substr(0, prefix.size()) == prefix) {
    fn(View(k), GetBigEndian64(View(v)));
    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
  }
  mdb_cursor_close(cur);
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) Check(rc, "reading the counts");
}

uint64_t Txn::Counter(std::string_view key) const {
  if (counts_saved_) {
    auto it = std::lower_bound(saved_counts_.begin(), saved_counts_.end(), key,
                               [](const auto& c, std::string_view k) { return c.first < k; });
    return it != saved_counts_.end() && it->first == key ? it->second : 0;
  }
  MDB_val k = Val(key), v;
  int rc = mdb_get(T(txn_), store_->counts, &k, &v);
  if (rc == MDB_NOTFOUND) return 0;
  Check(rc, "reading a counter");
  return GetBigEndian64(View(v));
}

uint64_t Txn::UnitCount() const { return Counter("u"); }

std::vector<LanguageCount> Txn::Languages() const {
  std::vector<LanguageCount> out;
  ForEachCounter("l:", [&](std::string_view key, uint64_t n) {
    out.push_back({std::string(key.substr(2)), n});
  });
  return out;
}

std::vector<LanguagePairCount> Txn::LanguagePairs() const {
  std::vector<LanguagePairCount> out;
  ForEachCounter("p:", [&](std::string_view key, uint64_t n) {
    size_t bar = key.find('|');
    out.push_back({std::string(key.substr(2, bar - 2)), std::string(key.substr(bar + 1)), n});
  });
  return out;
}

uint64_t Txn::SchemaVersion() const {
  std::string key = "schema";
  MDB_val k = Val(key), v;
  int rc = mdb_get(T(txn_), store_->meta, &k, &v);
  if (rc == MDB_NOTFOUND) return 0;
  Check(rc, "reading the schema version");
  return std::stoull(std::string(View(v)));
}

Snapshot::~Snapshot() { mdb_txn_abort(T(txn_)); }

WriteTxn::WriteTxn(StoreImpl* store, void* txn) : Txn(store, txn) {}
WriteTxn::~WriteTxn() = default;

void WriteTxn::Index(uint64_t unit_id, const PreparedUnit& p, int direction, bool append) {
  MDB_txn* txn = T(txn_);
  std::string id = IdKey(unit_id);
  // Snapshots under an open journal look units up by their old keys: those stay until the
  // journal is closed (ClearJournalRecords).
  std::vector<std::string> kept;
  if (direction < 0) kept = KeysSavedForUndo(unit_id);
  for (const std::string& key : p.exact_keys) {
    if (!kept.empty() && std::find(kept.begin(), kept.end(), key) != kept.end()) continue;
    MDB_val k = Val(key), v = Val(id);
    if (store_->bulk) {
      // Straight into the store's deferred set; Store::Write takes it back if the
      // transaction is abandoned.
      if (!deferred_mark_) {
        deferred_mark_ = std::make_unique<DeferredMark>();
        deferred_mark_->entries = store_->deferred.entries.size();
      }
      if (direction > 0) {
        store_->exact_filter.Add(store_->deferred.Add(key, unit_id, ++store_->deferred_seq));
        continue;
      }
      store_->deferred.RemoveMarked(key, id, ++store_->deferred_seq, deferred_mark_.get());
    }
    if (direction > 0) {
      int rc = mdb_put(txn, store_->exact, &k, &v, MDB_NODUPDATA);
      if (rc != MDB_KEYEXIST) Check(rc, "writing an index");
    } else {
      int rc = mdb_del(txn, store_->exact, &k, &v);
      if (rc != MDB_NOTFOUND) Check(rc, "updating an index");
    }
  }
  // The fuzzy index: token sequences are kept exact; postings are only ever added.
  if (direction > 0) {
    IndexFuzzy(unit_id, p, append);
  } else {
    DeletePrefix(txn, store_->tokseq, id, "updating the fuzzy index");
  }
  // Units of a memory mostly share their languages: count the language lists, and turn
  // them into unit, language and pair counts once per transaction.
  counter_deltas_[p.langs] += direction;
}

void WriteTxn::IndexFuzzy(uint64_t unit_id, const PreparedUnit& p, bool append) {
  // In bulk mode postings go to the store's runs (a retried transaction adds them twice,
  // which the merge folds together), else to this transaction's buffer.
  PostingRuns* runs = store_->bulk ? store_->bulk_postings.get() : nullptr;
  if (!runs && !postings_) postings_ = std::make_unique<PostingBuffer>();
  thread_local std::string key, value;  // kept: a key and a value a variant
  key = IdKey(unit_id);
  key.resize(key.size() + 2);
  for (size_t i = 0; i < p.fuzzy.size(); ++i) {
    const FuzzyVariant& fv = p.fuzzy[i];
    key[key.size() - 2] = static_cast<char>(i >> 8);
    key[key.size() - 1] = static_cast<char>(i & 0xff);
    value.assign(fv.lang);
    value.push_back('\0');
    value += fv.codes;
    MDB_val k = Val(key), v = Val(value);
    Check(mdb_put(T(txn_), store_->tokseq, &k, &v, append ? MDB_APPEND : 0), "writing the fuzzy index");
    auto add = [&](const uint64_t* grams, size_t n) {
      if (runs) {
        runs->AddAll(grams, n, unit_id, fv.length());
      } else {
        postings_->AddAll(grams, n, unit_id, fv.length());
      }
    };
    add(fv.grams.data(), fv.grams.size());
    if (fv.irregular) {
      const uint64_t gram = IrregularGram(fv.lang);
      add(&gram, 1);
    }
  }
}

void WriteTxn::FlushCounters() {
  std::map<std::string, int64_t> sums;
  for (const auto& [list, delta] : counter_deltas_) {
    if (delta == 0) continue;
    Unit shape;
    for (size_t start = 0, tab; (tab = list.find('\t', start)) != std::string::npos; start = tab + 1) {
      shape.variants.push_back(Variant{list.substr(start, tab - start), {}, {}, {}});
    }
    sums["u"] += delta;
    for (const Variant& v : shape.variants) sums["l:" + v.lang] += delta;
    std::vector<std::string> distinct = DistinctLangs(shape);
    for (size_t i = 0; i < distinct.size(); ++i) {
      for (size_t j = i + 1; j < distinct.size(); ++j) {
        sums["p:" + distinct[i] + "|" + distinct[j]] += delta;
      }
    }
  }
  counter_deltas_.clear();
  for (const auto& [key, delta] : sums) {
    if (delta == 0) continue;
    int64_t value = static_cast<int64_t>(Counter(key)) + delta;
    MDB_val k = Val(key);
    if (value <= 0) {
      int rc = mdb_del(T(txn_), store_->counts, &k, nullptr);
      if (rc != MDB_NOTFOUND) Check(rc, "updating a counter");
    } else {
      std::string enc;
      PutBigEndian64(&enc, static_cast<uint64_t>(value));
      MDB_val v = Val(enc);
      Check(mdb_put(T(txn_), store_->counts, &k, &v, 0), "updating a counter");
    }
  }
}

void WriteTxn::Finish() {
  FlushCounters();
  if (postings_ && !postings_->empty()) {
    WriteBatch(postings_->Sorted(), postings_->postings());
    postings_.reset();
    CompactBatches();
  }
  if (next_id_ != 0) {
    std::string meta_key = "next_id", next = IdKey(next_id_);
    MDB_val mk = Val(meta_key), mv = Val(next);
    Check(mdb_put(T(txn_), store_->meta, &mk, &mv, 0), "writing the next id");
  }
}

void WriteTxn::PutRecord(uint64_t id, const std::string& record, bool append) {
  std::string key = IdKey(id);
  MDB_val k = Val(key), v = Val(record);
  Check(mdb_put(T(txn_), store_->units, &k, &v, append ? MDB_APPEND : 0), "writing a unit");
}

bool WriteTxn::Journaled(uint64_t id) {
  return JournalMark() != 0 && id < JournalMark();
}

uint64_t WriteTxn::JournalMark() {
  if (journal_base_ < 0) journal_base_ = static_cast<int64_t>(JournalBase(T(txn_), store_->meta));
  return static_cast<uint64_t>(journal_base_);
}

std::vector<std::string> WriteTxn::KeysSavedForUndo(uint64_t id) {
  if (!Journaled(id)) return {};
  if (just_saved_.first == id) return just_saved_.second;
  Unit old;
  if (!GetJournaled(id, &old)) return {};
  return KeysOf(old).exact_keys;
}

void WriteTxn::CheckJournalIsOurs() {
  if (JournalMark() != 0 && store_->journal_lock < 0) {
    throw Error(Error::Kind::kBusy, ImportingElsewhere(store_->path));
  }
}

void WriteTxn::SaveForUndo(uint64_t id, const std::vector<std::string>* keys) {
  if (!Journaled(id)) return;
  std::string key = IdKey(id);
  MDB_val k = Val(key), v;
  Check(mdb_get(T(txn_), store_->units, &k, &v), "reading a unit");
  std::string old(View(v));  // copy: the put below may move pages
  MDB_val ov = Val(old);
  int rc = mdb_put(T(txn_), store_->journal, &k, &ov, MDB_NOOVERWRITE);
  if (rc != MDB_KEYEXIST) Check(rc, "writing the journal");
  if (rc == MDB_SUCCESS && keys) just_saved_ = {id, *keys};  // the saved record's exact keys
}

void WriteTxn::WriteBatch(const std::vector<std::pair<uint64_t, std::string>>& sorted,
                          uint64_t postings) {
  if (sorted.empty()) return;
  MDB_txn* txn = T(txn_);
  uint64_t batch = NextBatch(txn, store_->meta);
  MDB_cursor* cur = nullptr;
  Check(mdb_cursor_open(txn, store_->grams, &cur), "opening a cursor");
  for (const auto& [gram, list] : sorted) {
    std::string key = GramRecordKey(batch, gram);
    MDB_val k = Val(key), v = Val(list);
    int rc = mdb_cursor_put(cur, &k, &v, MDB_APPEND);
    if (rc != MDB_SUCCESS) {
      mdb_cursor_close(cur);
      Check(rc, "writing the fuzzy index");
    }
  }
  mdb_cursor_close(cur);
  BatchList batches = ReadBatches(txn, store_->meta);
  batches.emplace_back(batch, postings);
  WriteBatches(txn, store_->meta, batches);
}

void WriteTxn::CompactBatches() {
  // Each batch costs a lookup per query gram: when small writes (one unit at a time) have
  // made many small batches, merge the newest small ones into one.
  constexpr uint64_t kSmall = 1 << 16;  // postings
  constexpr size_t kMaxSmall = 8;
  MDB_txn* txn = T(txn_);
  BatchList batches = ReadBatches(txn, store_->meta);
  // Under an open journal, only the batches it wrote: a rollback deletes them, and with them
  // whatever older postings had been merged into them.
  const uint64_t journal_batch = MetaU64(txn, store_->meta, "journal_batch", 0);
  size_t first = batches.size();
  while (first > 0 && batches[first - 1].second < kSmall && batches[first - 1].first >= journal_batch) --first;
  if (batches.size() - first < kMaxSmall) return;
  PostingBuffer merged;
  std::vector<Posting> postings;
  for (size_t i = first; i < batches.size(); ++i) {
    MDB_cursor* cur = nullptr;
    Check(mdb_cursor_open(txn, store_->grams, &cur), "opening a cursor");
    std::string prefix = IdKey(batches[i].first);
    MDB_val k = Val(prefix), v;
    int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
    while (rc == MDB_SUCCESS && View(k).substr(0, 8) == prefix) {
      uint64_t gram = GetBigEndian64(View(k).substr(8, 8));
      postings.clear();
      DecodePostings(View(v), &postings);
      for (const Posting& p : postings) merged.Add(gram, p.id, p.length);
      rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
    }
    mdb_cursor_close(cur);
    if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) Check(rc, "reading the fuzzy index");
  }
  for (size_t i = first; i < batches.size(); ++i) {
    DeletePrefix(txn, store_->grams, IdKey(batches[i].first), "updating the fuzzy index");
  }
  batches.resize(first);
  WriteBatches(txn, store_->meta, batches);
  WriteBatch(merged.Sorted(), merged.postings());
}

// A rebuild marks the store schema 2 while it runs: readers opened before it scan meanwhile.
bool Txn::HasFuzzyIndex() const { return store_->grams != 0 && SchemaVersion() >= 3; }

bool Txn::IndexComplete() const {
  MDB_txn* txn = T(txn_);
  uint64_t listed = MetaU64(txn, store_->meta, "irregular_listed", 0);
  return HasFuzzyIndex() && listed != 0 && listed == MetaU64(txn, store_->meta, "gram_batch_next", 1) &&
         JournalBase(txn, store_->meta) == 0;
}

namespace {
const char* Reading(RecordTable t) { return t == RecordTable::kTerms ? "reading the term base" : "reading the lexicon"; }
const char* Writing(RecordTable t) { return t == RecordTable::kTerms ? "writing the term base" : "writing the lexicon"; }
}  // namespace

bool Txn::GetRecord(RecordTable table, std::string_view key, std::string* value) const {
  MDB_dbi dbi = store_->Table(table);
  if (dbi == 0) return false;
  MDB_val k = Val(key), v;
  int rc = mdb_get(T(txn_), dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return false;
  Check(rc, Reading(table));
  value->assign(View(v));
  return true;
}

void Txn::ForEachRecord(RecordTable table, std::string_view prefix,
                        const std::function<bool(std::string_view, std::string_view)>& fn) const {
  MDB_dbi dbi = store_->Table(table);
  if (dbi == 0) return;
  MDB_cursor* cur = nullptr;
  Check(mdb_cursor_open(T(txn_), dbi, &cur), "opening a cursor");
  MDB_val k = Val(prefix), v;
  int rc = mdb_cursor_get(cur, &k, &v, prefix.empty() ? MDB_FIRST : MDB_SET_RANGE);
  try {
    while (rc == MDB_SUCCESS && View(k).substr(0, prefix.size()) == prefix && fn(View(k), View(v)))
      rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
  } catch (...) {
    mdb_cursor_close(cur);
    throw;
  }
  mdb_cursor_close(cur);
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) Check(rc, Reading(table));
}

uint64_t Txn::RecordCount(RecordTable table) const {
  MDB_dbi dbi = store_->Table(table);
  if (dbi == 0) return 0;
  MDB_stat st;
  Check(mdb_stat(T(txn_), dbi, &st), Reading(table));
  return st.ms_entries;
}

void WriteTxn::PutRecord(RecordTable table, std::string_view key, std::string_view value) {
  MDB_val k = Val(key), v = Val(value);
  Check(mdb_put(T(txn_), store_->Table(table), &k, &v, 0), Writing(table));
}

bool WriteTxn::DeleteRecord(RecordTable table, std::string_view key) {
  MDB_val k = Val(key);
  int rc = mdb_del(T(txn_), store_->Table(table), &k, nullptr);
  if (rc == MDB_NOTFOUND) return false;
  Check(rc, Writing(table));
  return true;
}

std::vector<uint64_t> Txn::GramBatches() const {
  std::vector<uint64_t> out;
  if (!HasFuzzyIndex()) return out;
  for (const auto& [batch, postings] : ReadBatches(T(txn_), store_->meta)) {
    if (hidden_from_ == 0 || batch < journal_batch_) out.push_back(batch);
  }
  return out;
}

std::string_view Txn::GramRecord(uint64_t batch, uint64_t gram) const {
  std::string key = GramRecordKey(batch, gram);
  MDB_val k = Val(key), v;
  int rc = mdb_get(T(txn_), store_->grams, &k, &v);
  if (rc == MDB_NOTFOUND) return {};
  Check(rc, "reading the fuzzy index");
  return View(v);
}

std::vector<std::pair<std::string_view, std::string_view>> Txn::TokenSequences(uint64_t id) const {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  ForEachTokenSequence({id}, [&](uint64_t, std::string_view lang, std::string_view codes) {
    out.emplace_back(lang, codes);
  });
  return out;
}

void Txn::ForEachTokenSequence(
    const std::vector<uint64_t>& ids,
    const std::function<void(uint64_t, std::string_view, std::string_view)>& fn) const {
  if (ids.empty()) return;
  MDB_cursor* cur = nullptr;
  Check(mdb_cursor_open(T(txn_), store_->tokseq, &cur), "opening a cursor");
  int rc = MDB_SUCCESS;
  try {
    for (uint64_t id : ids) {
      if (hidden_from_ != 0) {
        // Under a journal: units added since do not exist yet, and a unit changed since
        // has the token sequences of the record the journal kept.
        if (id >= hidden_from_) continue;
        auto [it, fresh] = old_sequences_.try_emplace(id);
        if (fresh) {
          // Made once a snapshot; not at all for a unit absent from the journal or whose
          // segments did not change (a merge): the stored sequences still hold.
          Unit old, now;
          if (GetJournaled(id, &old) && !(GetStoredUnit(id, &now) && SameSegments(old, now))) {
            auto& made = it->second.emplace();
            for (FuzzyVariant& fv : PrepareUnit(std::move(old)).fuzzy) {
              made.emplace_back(std::move(fv.lang), std::move(fv.codes));
            }
          }
        }
        if (it->second) {
          for (const auto& [lang, codes] : *it->second) fn(id, lang, codes);
          continue;
        }
      }
      std::string prefix = IdKey(id);
      MDB_val k = Val(prefix), v;
      rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
      while (rc == MDB_SUCCESS && View(k).substr(0, 8) == prefix) {
        std::string_view value = View(v);
        size_t nul = value.find('\0');
        if (nul != std::string_view::npos) fn(id, value.substr(0, nul), value.substr(nul + 1));
        rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
      }
      if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) break;
    }
  } catch (...) {
    mdb_cursor_close(cur);
    throw;
  }
  mdb_cursor_close(cur);
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) Check(rc, "reading the fuzzy index");
}

std::string LangList(const Unit& unit) {
  std::string langs;
  for (const Variant& v : unit.variants) {
    langs += v.lang;
    langs.push_back('\t');
  }
  return langs;
}

PreparedUnit::PreparedUnit() = default;
PreparedUnit::~PreparedUnit() = default;
PreparedUnit::PreparedUnit(PreparedUnit&&) noexcept = default;
PreparedUnit& PreparedUnit::operator=(PreparedUnit&&) noexcept = default;

PreparedUnit PrepareUnit(Unit unit) {
  PreparedUnit p = PrepareRecord(unit);
  p.unit = std::move(unit);
  return p;
}

PreparedUnit PrepareRecord(const Unit& unit) {
  PreparedUnit p;
  p.langs = LangList(unit);
  EncodeUnit(unit, &p.record);
  p.exact_keys.reserve(unit.variants.size());
  p.fuzzy.reserve(unit.variants.size());
  for (const Variant& v : unit.variants) {
    thread_local std::string plain, exact;  // kept from variant to variant
    SegPlainText(v.seg, &plain);
    ExactKey(plain, &exact);
    p.exact_keys.push_back(ExactIndexKey(v.lang, exact));
    // Most text (ASCII, Han, Hangul, punctuation) is tokenized without ICU or Token objects.
    thread_local std::string folded;
    thread_local std::vector<uint32_t> ends;
    if (SimpleMatchTokens(plain, &folded, &ends)) {
      p.fuzzy.push_back(MakeFuzzyVariant(v.lang, folded, ends));
      continue;
    }
    std::vector<Token> tokens = MatchTokens(plain);
    p.fuzzy.push_back(MakeFuzzyVariant(v.lang, tokens));
    p.fuzzy.back().irregular = !FoldsLikeTokens(plain, tokens);
  }
  return p;
}

const Unit& PreparedUnit::FullUnit() const {
  if (unit.variants.empty()) DecodeUnit(record, &unit);
  return unit;
}

uint64_t WriteTxn::Add(PreparedUnit* p) {
  if (next_id_ == 0) {
    CheckJournalIsOurs();
    std::string meta_key = "next_id";
    MDB_val mk = Val(meta_key), mv;
    next_id_ = 1;
    int rc = mdb_get(T(txn_), store_->meta, &mk, &mv);
    if (rc == MDB_SUCCESS) next_id_ = GetBigEndian64(View(mv));
    else if (rc != MDB_NOTFOUND) Check(rc, "reading the next id");
  }
  uint64_t id = next_id_++;
  p->unit.id = id;
  PutRecord(id, p->record, /*append=*/true);
  Index(id, *p, +1, /*append=*/true);
  return id;
}

uint64_t WriteTxn::AddUnit(Unit* unit) {
  PreparedUnit p = PrepareUnit(*unit);
  unit->id = Add(&p);
  return unit->id;
}

void WriteTxn::ReplaceUnit(uint64_t id, const Unit& unit) {
  Unit old;
  if (!GetUnit(id, &old)) {
    throw Error(Error::Kind::kStore, "replacing unit " + std::to_string(id) + ", which does not exist");
  }
  CheckJournalIsOurs();
  // A merge changes props and attributes, not segments: then the index stays as it is. (Equal
  // exact keys are not enough: "が" and its decomposed form have one key but other tokens.)
  bool same_segs = SameSegments(old, unit);
  PreparedUnit before;
  if (!same_segs) before = KeysOf(old);
  SaveForUndo(id, same_segs ? nullptr : &before.exact_keys);
  PreparedUnit p = PrepareUnit(unit);
  p.unit.id = id;
  PutRecord(id, p.record, false);
  if (same_segs) return;
  Index(id, before, -1);
  Index(id, p, +1);
}

bool WriteTxn::DeleteUnit(uint64_t id) {
  Unit old;
  if (!GetUnit(id, &old)) return false;
  CheckJournalIsOurs();
  PreparedUnit before = KeysOf(old);
  SaveForUndo(id, &before.exact_keys);
  Index(id, before, -1);
  std::string key = IdKey(id);
  MDB_val k = Val(key);
  Check(mdb_del(T(txn_), store_->units, &k, nullptr), "deleting a unit");
  return true;
}

std::vector<uint64_t> WriteTxn::FindSameVariants(const PreparedUnit& p) const {
  std::vector<uint64_t> ids;
  if (p.exact_keys.empty()) return ids;
  std::vector<std::pair<std::string, std::string>> want;  // computed for the first candidate
  // Units with the same variants have the same exact key in the first variant's language.
  for (uint64_t id : Candidates(p.exact_keys.front())) {
    Unit other;
    if (!GetUnit(id, &other)) continue;
    if (want.empty()) want = SortedVariants(p.FullUnit());
    if (other.variants.size() != want.size()) continue;
    if (SortedVariants(other) == want) ids.push_back(id);
  }
  return ids;
}

void WriteTxn::Prefetch(const PreparedUnit& p) const {
  if (!store_->bulk) return;
  for (const std::string& key : p.exact_keys) {
    const uint64_t tag = DeferredIndex::Tag(key);
    store_->exact_filter.Prefetch(tag);
    store_->deferred.Prefetch(tag);
  }
}

std::vector<uint64_t> WriteTxn::Candidates(const std::string& key) const {
  // One cursor for the transaction's life (LMDB frees it when the transaction ends).
  std::vector<uint64_t> ids;
  if (!exact_cursor_) {
    MDB_cursor* cur = nullptr;
    Check(mdb_cursor_open(T(txn_), store_->exact, &cur), "opening a cursor");
    exact_cursor_ = cur;
  }
  if (!store_->bulk || store_->ExactMayHold(T(txn_), key)) {
    auto* cur = static_cast<MDB_cursor*>(exact_cursor_);
    MDB_val k = Val(key), v;
    int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_KEY);
    while (rc == MDB_SUCCESS) {
      ids.push_back(GetBigEndian64(View(v)));
      rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_DUP);
    }
    if (rc != MDB_NOTFOUND) Check(rc, "reading an index");
    if (store_->bulk) {
      if (ids.empty()) ++store_->exact_misses;
      // The filter holds the deferred entries' keys too.
      store_->deferred.RunCandidates(key, &ids);
      store_->deferred.Candidates(key, &ids);
    }
  }
  if (!store_->bulk) return ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Store::Store(std::unique_ptr<StoreImpl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::Open(const std::string& path, const StoreOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  bool exists = fs::exists(path, ec);
  if (exists && !fs::is_directory(path, ec)) {
    throw Error(Error::Kind::kStore, "the store must be a directory, but " + path + " is a file");
  }
  bool has_data = fs::exists(fs::path(path) / "data.mdb", ec);
  if (!has_data) {
    if (!options.create_if_missing || options.read_only) {
      throw Error(Error::Kind::kStore,
                  "no translation memory at " + path + " (import something first, or give --db)");
    }
    fs::create_directories(path, ec);
    if (ec) throw Error(Error::Kind::kStore, "cannot create " + path + ": " + ec.message());
  }
  auto impl = std::make_unique<StoreImpl>();
  impl->path = path;
  impl->read_only = options.read_only;
  impl->bulk_flush_entries = std::max<size_t>(1, options.bulk_flush_entries);
  impl->bulk_run_entries = std::clamp<size_t>(options.bulk_run_entries, 1, impl->bulk_flush_entries);
  impl->bulk_file_entries = std::max<size_t>(1, options.bulk_file_entries);
  Check(mdb_env_create(&impl->env), "creating the LMDB environment");
  Check(mdb_env_set_maxdbs(impl->env, 16), "configuring the store");
  Check(mdb_env_set_mapsize(impl->env, options.initial_map_size), "configuring the store");
  unsigned flags = MDB_NOTLS | (options.read_only ? MDB_RDONLY : 0);
  int rc = mdb_env_open(impl->env, path.c_str(), flags, 0644);
  if (rc != MDB_SUCCESS) {
    throw Error(Error::Kind::kStore, "cannot open the store at " + path + ": " + mdb_strerror(rc));
  }
  MDB_txn* txn = impl->Begin(!options.read_only);
  unsigned create = options.read_only ? 0 : MDB_CREATE;
  struct Db {
    const char* name;
    MDB_dbi* dbi;
    unsigned flags;
  } dbs[] = {{"meta", &impl->meta, 0},
             {"units", &impl->units, 0},
             {"exact", &impl->exact, MDB_DUPSORT | MDB_DUPFIXED},
             {"counts", &impl->counts, 0},
             {"journal", &impl->journal, 0},
             {"grams", &impl->grams, 0},
             {"tokseq", &impl->tokseq, 0},
             {"terms", &impl->terms, 0},
             {"lexicon", &impl->lexicon, 0}};
  for (const Db& db : dbs) {
    rc = mdb_dbi_open(txn, db.name, db.flags | create, db.dbi);
    // Tables added after the first schema: an older store opened read-only may lack them
    // (no fuzzy index: lookups scan; no term base or lexicon: empty).
    bool later = db.dbi == &impl->grams || db.dbi == &impl->tokseq || db.dbi == &impl->terms ||
                 db.dbi == &impl->lexicon;
    if (rc == MDB_NOTFOUND && later && options.read_only) {
      *db.dbi = 0;
      continue;
    }
    if (rc != MDB_SUCCESS) {
      mdb_txn_abort(txn);
      throw Error(Error::Kind::kStore, path + " is not a tmkit translation memory (" +
                                           db.name + ": " + mdb_strerror(rc) + ")");
    }
  }
  // Check (or, for a new store, write) the schema version.
  std::string key = "schema";
  MDB_val k = Val(key), v;
  rc = mdb_get(txn, impl->meta, &k, &v);
  uint64_t schema = 0;
  if (rc == MDB_SUCCESS) {
    schema = std::strtoull(std::string(View(v)).c_str(), nullptr, 10);
  } else if (rc == MDB_NOTFOUND && !options.read_only) {
    std::string value = std::to_string(kSchemaVersion);
    v = Val(value);
    rc = mdb_put(txn, impl->meta, &k, &v, 0);
    if (rc == MDB_SUCCESS) {
      PutMetaU64(txn, impl->meta, "irregular_listed", 1);  // every unit to come is indexed so
    }
    schema = kSchemaVersion;
  }
  if (schema > kSchemaVersion || schema == 0) {
    mdb_txn_abort(txn);
    throw Error(Error::Kind::kStore,
                schema == 0 ? path + " is not a tmkit translation memory (no schema version)"
                            : "the store at " + path + " was written by a newer tmkit (schema " +
                                  std::to_string(schema) + "; this tmkit reads schema " +
                                  std::to_string(kSchemaVersion) + " and older)");
  }
  // Read-only, an index in an older layout is not used (lookups scan); writable, it is
  // rebuilt below. Schema 3's lists are read as they are (they lack only the irregular
  // units' lists, which concordance needs: it scans until the rebuild).
  constexpr uint64_t kLayoutSchema = 3;
  if (impl->tokseq == 0 || (schema < kLayoutSchema && options.read_only)) impl->grams = 0;
  uint64_t journal = JournalBase(txn, impl->meta);
  rc = mdb_txn_commit(txn);  // also for read-only: an aborted txn would close the handles
  Check(rc, "opening the store");
  impl->bulk_posting_bytes = std::max<size_t>(1, options.bulk_posting_bytes);
  std::unique_ptr<Store> store(new Store(std::move(impl)));
  // A journal nobody holds was left by an import that died: undo it.
  if (journal != 0 && !options.read_only && store->impl_->LockJournal()) store->RollbackJournal();
  if (schema < kSchemaVersion && !options.read_only) store->BuildFuzzyIndex();
  return store;
}

std::unique_ptr<Snapshot> Store::Read() const {
  std::unique_ptr<Snapshot> snap(new Snapshot(impl_.get(), impl_->Begin(false)));
  // Under an open journal (an import running, or left by one that died), the store as it
  // was before: what the journal may yet undo is not shown.
  MDB_txn* txn = T(snap->txn_);
  snap->hidden_from_ = JournalBase(txn, impl_->meta);
  if (snap->hidden_from_ != 0) {
    snap->journal_batch_ = MetaU64(txn, impl_->meta, "journal_batch", UINT64_MAX);
    std::string key = "journal_counts";
    MDB_val k = Val(key), v;
    int rc = mdb_get(txn, impl_->meta, &k, &v);
    if (rc != MDB_NOTFOUND) Check(rc, "reading the journal");
    if (rc == MDB_SUCCESS) {
      snap->counts_saved_ = true;
      snap->saved_counts_ = DecodeCounts(View(v));
    }
  }
  return snap;
}

void Store::Write(const std::function<void(WriteTxn&)>& fn) { Write(fn, true); }

void Store::Write(const std::function<void(WriteTxn&)>& fn, bool journaled) {
  if (impl_->read_only) throw Error(Error::Kind::kStore, "the store was opened read-only");
  // A journal that no process holds was left by an import that died after this store was
  // opened: undo it before writing (one that is held makes unit writes fail: kBusy).
  if (journaled && impl_->journal_lock < 0 && JournalOpen() && impl_->LockJournal()) {
    RollbackJournal();
  }
  while (true) {
    MDB_txn* txn = impl_->Begin(true);
    std::unique_ptr<DeferredMark> mark;  // to take back deferred entries if abandoned
    try {
      WriteTxn w(impl_.get(), txn);
      if (!journaled) w.journal_base_ = 0;
      try {
        fn(w);
        w.Finish();
      } catch (...) {
        mark = std::move(w.deferred_mark_);
        throw;
      }
      mark = std::move(w.deferred_mark_);
    } catch (const MapFull&) {
      mdb_txn_abort(txn);
      if (mark) impl_->deferred.Undo(*mark);
      impl_->Grow();
      continue;
    } catch (...) {
      mdb_txn_abort(txn);
      if (mark) impl_->deferred.Undo(*mark);
      throw;
    }
    int rc = mdb_txn_commit(txn);
    if (rc == MDB_MAP_FULL) {
      // The commit failed after fn ran: fn runs again and adds its entries again.
      if (mark) impl_->deferred.Undo(*mark);
      impl_->Grow();
      continue;
    }
    Check(rc, "committing");
    if (impl_->bulk) MaybeFlushDeferred();
    return;
  }
}

void Store::BeginBulk() {
  impl_->bulk = true;
  if (!impl_->bulk_postings) {
    impl_->bulk_postings = std::make_unique<PostingRuns>(impl_->path, impl_->bulk_posting_bytes);
  }
  impl_->deferred.Reserve(2 * impl_->bulk_run_entries);  // entries being sorted, and new ones
  auto snap = Read();
  MDB_stat st;
  Check(mdb_stat(T(snap->txn_), impl_->exact, &st), "reading the size of an index");
  impl_->exact_filter.Clear();
  impl_->exact_entries_at_bulk = st.ms_entries;
  impl_->exact_filter_complete = st.ms_entries == 0;
  impl_->exact_misses = 0;
}

void Store::EndBulk() {
  DeferredIndex& d = impl_->deferred;
  if (impl_->sorting.valid()) d.runs.push_back(impl_->sorting.get());
  if (!d.entries.empty()) d.runs.push_back(SortEntries(std::move(d.entries), d.langs));
  d.entries.clear();
  // Nothing is looked up from here on: the duplicate filter and the lookup of fresh entries
  // go now rather than after the last writes, whose buffers make the import's peak of memory.
  impl_->exact_filter.Clear();
  impl_->exact_filter_complete = false;
  d.ReleaseLookup();
  // The last runs of the exact index are written while the merge of the postings has no
  // chunk ready for this thread to write.
  FlushPostings(RunSlices());
  d.Clear();
  impl_->bulk = false;
}

void Store::BuildFuzzyIndex() {
  // Schema 1 had no fuzzy index, schema 2 another list layout, schema 3 no irregular lists:
  // drop what there is, index every unit (in bulk: postings in memory, written in batches),
  // then record the schema. Meanwhile the store says schema 2, so that readers do not use
  // the index, and an interrupted rebuild starts again at the next writable open.
  bool current = false;
  Write([&](WriteTxn& t) {
    if (t.SchemaVersion() == kSchemaVersion) {  // another process rebuilt it since we opened
      current = true;
      return;
    }
    Check(mdb_drop(T(t.txn_), impl_->grams, 0), "dropping the old fuzzy index");
    Check(mdb_drop(T(t.txn_), impl_->tokseq, 0), "dropping the old fuzzy index");
    for (std::string key : {"gram_batches", "gram_batch_next", "irregular_listed"}) {
      MDB_val k = Val(key);
      int rc = mdb_del(T(t.txn_), impl_->meta, &k, nullptr);
      if (rc != MDB_NOTFOUND) Check(rc, "dropping the old fuzzy index");
    }
    std::string key = "schema", value = "2";
    MDB_val k = Val(key), v = Val(value);
    Check(mdb_put(T(t.txn_), impl_->meta, &k, &v, 0), "writing the schema version");
  }, false);
  if (current) return;
  BeginBulk();
  for (uint64_t next = 1;;) {
    size_t n = 0;
    Write([&](WriteTxn& t) {
      n = 0;
      uint64_t last = next;
      t.ForEachUnit([&](const Unit& unit) {
        t.IndexFuzzy(unit.id, PrepareUnit(unit), /*append=*/false);
        last = unit.id + 1;
        return ++n < kRollbackBatch;
      }, next);
      next = last;
    }, false);
    if (n == 0) break;
  }
  EndBulk();
  Write([&](WriteTxn& t) {
    std::string key = "schema", value = std::to_string(kSchemaVersion);
    MDB_val k = Val(key), v = Val(value);
    Check(mdb_put(T(t.txn_), impl_->meta, &k, &v, 0), "writing the schema version");
    PutMetaU64(T(t.txn_), impl_->meta, "irregular_listed", MetaU64(T(t.txn_), impl_->meta, "gram_batch_next", 1));
  }, false);
}

// Writes the postings gathered in bulk mode as one batch, in transactions of bounded size.
// Snapshots see the batch only once it is complete (registered in meta); records of a
// batch never registered (a crash) are removed with the journal's batches.
void Store::FlushPostings(const std::function<bool()>& meanwhile) {
  if (!impl_->bulk_postings || impl_->bulk_postings->empty()) {
    while (meanwhile()) {
    }
    return;
  }
  uint64_t postings = impl_->bulk_postings->postings();
  struct Restore {  // bulk mode off while the postings are written: no flush from within
    StoreImpl* impl;
    bool bulk;
    ~Restore() { impl->bulk = bulk; }
  } restore{impl_.get(), impl_->bulk};
  impl_->bulk = false;
  uint64_t batch = 0;
  Write([&](WriteTxn& t) {
    batch = NextBatch(T(t.txn_), impl_->meta);
  }, false);
  // The merge (reading the runs, merging and encoding every list) runs on a thread of its
  // own and hands chunks of about 4 MB to this one, which writes them (LMDB has one writer).
  // Up to four wait, so that the merge goes on while this thread writes a slice of the
  // exact index (with two, the last second of a 1M-unit import had one core idle; eight were
  // no faster, and 10 to 20 MB more at the import's peak).
  using Chunk = std::vector<std::pair<std::string, std::string>>;  // key, list
  constexpr size_t kChunkBytes = 4 << 20;
  BoundedQueue<Chunk> chunks(4);
  std::exception_ptr merge_error;
  std::thread merger([&] {
    NameThisThread("tmkit:merge");
    try {
      Chunk chunk;
      size_t bytes = 0;
      impl_->bulk_postings->Merge([&](uint64_t gram, const std::string& list) {
        chunk.emplace_back(GramRecordKey(batch, gram), list);
        bytes += list.size() + 64;
        if (bytes >= kChunkBytes) {
          if (!chunks.Push(std::move(chunk))) throw Error(Error::Kind::kStore, "the index writer stopped");
          chunk = Chunk();
          bytes = 0;
        }
      });
      if (!chunk.empty()) chunks.Push(std::move(chunk));
    } catch (...) {
      merge_error = std::current_exception();
    }
    chunks.Close();
  });
  struct Join {  // also when a write fails: stop the merger, then wait for it
    BoundedQueue<Chunk>& chunks;
    std::thread& merger;
    ~Join() {
      chunks.Close();
      if (merger.joinable()) merger.join();
    }
  } join{chunks, merger};
  bool more_meanwhile = true;
  for (Chunk pending;;) {
    if (more_meanwhile) {
      auto got = chunks.TryPop(&pending);
      if (got == BoundedQueue<Chunk>::TryResult::kClosed) break;
      if (got == BoundedQueue<Chunk>::TryResult::kEmpty) {
        more_meanwhile = meanwhile();
        continue;
      }
    } else if (!chunks.Pop(&pending)) {
      break;
    }
    Write([&](WriteTxn& t) {
      MDB_cursor* cur = nullptr;
      Check(mdb_cursor_open(T(t.txn_), impl_->grams, &cur), "opening a cursor");
      for (const auto& [key, list] : pending) {
        MDB_val k = Val(key), v = Val(list);
        int rc = mdb_cursor_put(cur, &k, &v, MDB_APPEND);
        if (rc != MDB_SUCCESS) {
          mdb_cursor_close(cur);
          Check(rc, "writing the fuzzy index");
        }
      }
      mdb_cursor_close(cur);
    }, false);
    ReleaseMappedPages();
  }
  merger.join();
  if (merge_error) std::rethrow_exception(merge_error);
  while (more_meanwhile && meanwhile()) {
  }
  Write([&](WriteTxn& t) {
    BatchList batches = ReadBatches(T(t.txn_), impl_->meta);
    batches.emplace_back(batch, postings);
    WriteBatches(T(t.txn_), impl_->meta, batches);
  }, false);
}

// Keeps a sorted batch once it is ready as a run. Once the runs in memory hold
// bulk_flush_entries, merges them into a run in the temporary file, or, once all runs hold
// bulk_file_entries (or the filter has overflowed), writes them all to the exact database. Hands the newest entries
// over to be sorted on another thread when there are enough and no batch is being sorted.
// The lookup keeps serving the entries handed over until they are a run.
//
// Every write to the database dirties pages all over the index (its keys are hashes), so
// the fewer the better: an import of a million units writes its 2.5M entries once, at the
// end, while the merge of the postings keeps the other core busy.
void Store::MaybeFlushDeferred() {
  DeferredIndex& d = impl_->deferred;
  if (impl_->sorting.valid() &&
      impl_->sorting.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    d.runs.push_back(impl_->sorting.get());
    d.RebuildLookup();
    if (d.MemoryRunEntries() >= impl_->bulk_flush_entries) {
      // (A lookup in a run in the file reads a block of it: once the filter has overflowed,
      // every duplicate check would.)
      if (d.RunEntries() >= impl_->bulk_file_entries || impl_->exact_filter.overflowed()) {
        WriteRuns();
      } else {
        d.SpillRuns(impl_->path);
      }
    }
  }
  if (!impl_->sorting.valid() && d.entries.size() >= impl_->bulk_run_entries) {
    std::vector<DeferredIndex::Entry> batch = std::move(d.entries);
    d.entries.clear();
    impl_->sorting = std::async(std::launch::async,
                                [batch = std::move(batch), langs = d.langs]() mutable {
                                  NameThisThread("tmkit:sort");
                                  return SortEntries(std::move(batch), langs);
                                });
  }
}

void Store::WriteRuns() {
  const std::function<bool()> slice = RunSlices();
  while (slice()) {
  }
}

std::function<bool()> Store::RunSlices() {
  // Entries in key order touch the index's leaf pages in order; a transaction covering a
  // slice of the key space dirties only that slice's pages. Size the slices so that each
  // dirties at most about kPagesPerTxn pages, whatever the size of the index.
  size_t leaf_pages = 0;
  {
    auto snap = Read();
    MDB_stat st;
    if (mdb_stat(T(snap->txn_), impl_->exact, &st) == MDB_SUCCESS) leaf_pages = st.ms_leaf_pages;
  }
  struct Slices {
    RunMerger merger;
    size_t total, chunk, done;
  };
  const DeferredIndex& runs = impl_->deferred;
  const size_t total = runs.RunEntries();
  // A slice dirties its share of the pages there are and of those its entries add (a leaf
  // holds about 75 entries: count 64).
  const size_t pages = leaf_pages + total / 64;
  size_t chunk = std::max<size_t>(1, total);
  if (pages > kPagesPerTxn) chunk = std::max<size_t>(4096, total * kPagesPerTxn / pages);
  auto slices = std::make_shared<Slices>(
      Slices{RunMerger(runs.runs, LangRanks(runs.langs)), total, chunk, 0});
  return [this, slices]() {
    DeferredIndex& d = impl_->deferred;
    if (slices->done >= slices->total) {
      d.DropRuns();
      return false;
    }
    // Entries removed since they were added (ReplaceUnit, DeleteUnit) are not written.
    auto live = [&d](const DeferredIndex::Entry& e, const std::string& key) {
      if (d.removed.empty()) return true;
      auto r = d.removed.find(key + IdKey(e.id()));
      return r == d.removed.end() || r->second < e.seq;
    };
    RunMerger& merger = slices->merger;
    const size_t n = std::min(slices->total - slices->done, slices->chunk);
    const RunMerger::Position at = merger.Save();
    const bool was_bulk = impl_->bulk;
    impl_->bulk = false;  // no flush from within the flush
    Write([&](WriteTxn& t) {
      merger.Restore(at);  // the same entries when the transaction runs again
      MDB_cursor* cur = nullptr;
      Check(mdb_cursor_open(T(t.txn_), impl_->exact, &cur), "opening a cursor");
      DeferredIndex::Entry e;
      for (size_t i = 0; i < n && merger.Next(&e); ++i) {
        std::string key = d.KeyOf(e);
        if (!live(e, key)) continue;
        std::string id = IdKey(e.id());
        MDB_val k = Val(key), v = Val(id);
        int rc = mdb_cursor_put(cur, &k, &v, MDB_NODUPDATA);
        if (rc != MDB_KEYEXIST && rc != MDB_SUCCESS) {
          mdb_cursor_close(cur);
          Check(rc, "writing an index");
        }
      }
      mdb_cursor_close(cur);
    }, false);
    impl_->bulk = was_bulk;
    ReleaseMappedPages();
    slices->done += n;
    return true;
  };
}


bool Store::JournalOpen() const {
  auto snap = Read();
  return JournalBase(T(snap->txn_), impl_->meta) != 0;
}

void Store::BeginJournal() {
  if (!impl_->LockJournal()) {
    throw Error(Error::Kind::kStore, ImportingElsewhere(impl_->path));
  }
  if (JournalOpen()) UndoJournal();  // left by a process that died; we keep the lock
  ClearJournalRecords();  // left by a commit that died after closing its journal
  Write([&](WriteTxn& t) {
    std::string key = "next_id", jkey = "journal";
    MDB_val k = Val(key), v;
    int rc = mdb_get(T(t.txn_), impl_->meta, &k, &v);
    uint64_t next = rc == MDB_SUCCESS ? GetBigEndian64(View(v)) : 1;
    std::string value = IdKey(next);
    MDB_val jk = Val(jkey), jv = Val(value);
    Check(mdb_put(T(t.txn_), impl_->meta, &jk, &jv, 0), "opening the journal");
    PutMetaU64(T(t.txn_), impl_->meta, "journal_batch",
               MetaU64(T(t.txn_), impl_->meta, "gram_batch_next", 1));
    std::string ckey = "journal_counts", counts = EncodeCounts(T(t.txn_), impl_->counts);
    MDB_val ck = Val(ckey), cv = Val(counts);
    Check(mdb_put(T(t.txn_), impl_->meta, &ck, &cv, 0), "opening the journal");
  });
}

namespace {
void CloseJournalMark(MDB_txn* txn, MDB_dbi meta) {
  for (std::string jkey : {"journal", "journal_batch", "journal_counts"}) {
    MDB_val jk = Val(jkey);
    int rc = mdb_del(txn, meta, &jk, nullptr);
    if (rc != MDB_NOTFOUND) Check(rc, "closing the journal");
  }
}
}  // namespace

void Store::CommitJournal() {
  // Closing the mark makes everything written under the journal visible to snapshots at
  // once; the saved records are dropped after it, a bounded number per transaction.
  Write([&](WriteTxn& t) { CloseJournalMark(T(t.txn_), impl_->meta); }, false);
  try {
    ClearJournalRecords();
  } catch (const Error&) {
    // The import is kept whatever happens here: what is left, the next BeginJournal clears.
  }
  impl_->UnlockJournal();
}

void Store::ClearJournalRecords() {
  while (true) {
    bool more = false;
    Write([&](WriteTxn& t) {
      std::vector<uint64_t> ids = IdsFrom(T(t.txn_), impl_->journal, 0, kRollbackBatch);
      for (uint64_t id : ids) {
        // The exact keys of the old unit that the new one (if any) does not have.
        std::string key = IdKey(id);
        Unit old, now;
        t.GetJournaled(id, &old);
        bool exists = t.GetUnit(id, &now);
        std::vector<std::string> stale;
        if (!exists || !SameSegments(old, now)) stale = KeysOf(old).exact_keys;  // a merge: none
        if (exists && !stale.empty()) {
          for (const std::string& k : KeysOf(now).exact_keys) {
            stale.erase(std::remove(stale.begin(), stale.end(), k), stale.end());
          }
        }
        for (const std::string& sk : stale) {
          MDB_val k = Val(sk), v = Val(key);
          int rc = mdb_del(T(t.txn_), impl_->exact, &k, &v);
          if (rc != MDB_NOTFOUND) Check(rc, "updating an index");
        }
        MDB_val k = Val(key);
        Check(mdb_del(T(t.txn_), impl_->journal, &k, nullptr), "clearing the journal");
      }
      more = ids.size() == kRollbackBatch;
    }, false);
    if (!more) break;
  }
}

void Store::RollbackJournal() {
  UndoJournal();
  impl_->UnlockJournal();
}

void Store::UndoJournal() {
  // Index entries still deferred belong to what is being undone: units added under the
  // journal (deleted below) or new versions of units (restored, and indexed, below).
  impl_->bulk = false;
  if (impl_->sorting.valid()) impl_->sorting.get();
  impl_->deferred.Clear();
  if (impl_->bulk_postings) impl_->bulk_postings->Clear();
  uint64_t base = 0;
  {
    auto snap = Read();
    base = JournalBase(T(snap->txn_), impl_->meta);
  }
  if (base == 0) return;
  // 0. Posting batches written under the journal go (units restored below are indexed
  // again; the postings of older units are in older batches).
  // Records of a batch never registered (the import died while writing it) go too.
  while (impl_->grams != 0) {
    bool more = false;
    Write([&](WriteTxn& t) {
      MDB_txn* txn = T(t.txn_);
      uint64_t first = MetaU64(txn, impl_->meta, "journal_batch", UINT64_MAX);
      if (first == UINT64_MAX) return;
      BatchList batches = ReadBatches(txn, impl_->meta);
      BatchList kept;
      for (const auto& b : batches) {
        if (b.first < first) kept.push_back(b);
      }
      if (kept.size() != batches.size()) WriteBatches(txn, impl_->meta, kept);
      MDB_cursor* cur = nullptr;
      Check(mdb_cursor_open(txn, impl_->grams, &cur), "opening a cursor");
      std::string start = IdKey(first);
      size_t n = 0;
      int rc = MDB_SUCCESS;
      for (; n < kRollbackBatch * 5; ++n) {
        MDB_val k = Val(start), v;
        rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
        if (rc != MDB_SUCCESS) break;
        rc = mdb_cursor_del(cur, 0);
        if (rc != MDB_SUCCESS) break;
      }
      mdb_cursor_close(cur);
      if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) Check(rc, "undoing the fuzzy index");
      more = rc == MDB_SUCCESS;
    }, false);
    if (!more) break;
  }
  // 1. Units added under the journal go.
  while (true) {
    size_t n = 0;
    Write([&](WriteTxn& t) {
      std::vector<uint64_t> ids = IdsFrom(T(t.txn_), impl_->units, base, kRollbackBatch);
      n = ids.size();
      for (uint64_t id : ids) t.DeleteUnit(id);
    }, false);
    if (n < kRollbackBatch) break;
  }
  // 2. Units changed or deleted under it come back as they were.
  while (true) {
    size_t n = 0;
    Write([&](WriteTxn& t) {
      std::vector<uint64_t> ids = IdsFrom(T(t.txn_), impl_->journal, 0, kRollbackBatch);
      n = ids.size();
      for (uint64_t id : ids) {
        std::string key = IdKey(id);
        MDB_val k = Val(key), v;
        Check(mdb_get(T(t.txn_), impl_->journal, &k, &v), "reading the journal");
        std::string record(View(v));
        Unit current;
        if (t.GetUnit(id, &current)) t.Index(id, KeysOf(current), -1);
        Unit restored;
        DecodeUnit(record, &restored);
        restored.id = id;
        t.PutRecord(id, record, false);
        t.Index(id, PrepareUnit(restored), +1);
        Check(mdb_del(T(t.txn_), impl_->journal, &k, nullptr), "clearing the journal");
      }
      if (n < kRollbackBatch) CloseJournalMark(T(t.txn_), impl_->meta);
    }, false);
    if (n < kRollbackBatch) break;
  }
}

void Store::ReleaseMappedPages() {
  // LMDB does not tell where it mapped the data file (me_mapaddr is only set for
  // MDB_FIXEDMAP): find the mapping in /proc/self/maps, once per map size. The map is
  // read-only and shared (no MDB_WRITEMAP), so dropping its pages from this process loses
  // nothing: they stay in the page cache and fault back in when read.
  MDB_envinfo info;
  Check(mdb_env_info(impl_->env, &info), "reading the map");
  if (info.me_mapsize != impl_->mapped_size) {
    impl_->mapped_size = info.me_mapsize;
    impl_->mapped_addr = 0;
    impl_->mapped_len = 0;
    std::FILE* maps = std::fopen("/proc/self/maps", "r");
    if (!maps) return;
    std::string data_file =
        std::filesystem::absolute(impl_->path + "/data.mdb").lexically_normal().string();
    char line[4096];
    while (std::fgets(line, sizeof line, maps)) {
      std::string_view l(line);
      while (!l.empty() && (l.back() == '\n' || l.back() == ' ')) l.remove_suffix(1);
      if (l.size() < data_file.size() || l.substr(l.size() - data_file.size()) != data_file) continue;
      unsigned long start = 0, end = 0;
      if (std::sscanf(line, "%lx-%lx", &start, &end) == 2 && end > start) {
        impl_->mapped_addr = start;
        impl_->mapped_len = end - start;
      }
    }
    std::fclose(maps);
  }
  if (impl_->mapped_len > 0) {
    madvise(reinterpret_cast<void*>(impl_->mapped_addr), impl_->mapped_len, MADV_DONTNEED);
  }
}

const std::string& Store::path() const { return impl_->path; }

uint64_t Store::DiskSize() const {
  struct stat st;
  std::string file = impl_->path + "/data.mdb";
  if (stat(file.c_str(), &st) != 0) return 0;
  return static_cast<uint64_t>(st.st_size);
}

uint64_t Store::MapSize() const {
  MDB_envinfo info;
  Check(mdb_env_info(impl_->env, &info), "reading the map size");
  return info.me_mapsize;
}

}  // namespace tmkit
