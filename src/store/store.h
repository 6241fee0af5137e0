// Store: a translation memory on disk, an LMDB environment (a directory) holding units and
// the indexes over them. One writer at a time, any number of readers; a Snapshot sees the
// store as it was when the snapshot began, whatever is written meanwhile. The map grows by
// itself. A journal makes a run of many transactions (an import) undoable as a whole, even
// after a crash. Nothing here exposes LMDB types.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tmx/unit.h"

namespace tmkit {

struct StoreOptions {
  bool create_if_missing = false;  // create the directory and an empty store
  bool read_only = false;
  uint64_t initial_map_size = 1ULL << 30;  // virtual; doubles whenever the map is full
  size_t bulk_flush_entries = 1000000;      // bulk mode: exact-index entries kept in memory
  size_t bulk_run_entries = 200000;         // bulk mode: of those, sorted into a run at a time
  size_t bulk_file_entries = 6000000;       // bulk mode: entries kept in memory and a file
  size_t bulk_posting_bytes = 32 << 20;     // bulk mode: fuzzy postings kept in memory
};

struct LanguageCount {
  std::string lang;
  uint64_t variants = 0;
};
struct LanguagePairCount {
  std::string first, second;  // first < second
  uint64_t units = 0;
};

// The version of the store layout this build writes; a store with a newer one is refused.
// Schema 2 added the fuzzy index, schema 3 groups its posting lists by length; an older
// store gets the index (re)built when next opened for writing, and is scanned until then.
// Schema 4 lists, for each language, the units whose text does not fold like its tokens
// (IrregularGram); a schema-3 store's index is read as it is (concordance scans it) until
// it is rebuilt.
inline constexpr uint64_t kSchemaVersion = 4;

// The key-value tables beside the units: the term base and the aligner's imported lexicon.
enum class RecordTable { kTerms, kLexicon };

class StoreImpl;
struct FuzzyVariant;
class PostingBuffer;
struct DeferredIndex;
struct DeferredMark;
struct DeferredEntry;

// A unit with its record and index keys computed, so that the costly part of storing it can
// run on another thread than the writer. Made by PrepareUnit (thread-safe).
struct PreparedUnit {
  mutable Unit unit;                     // may be dropped (emptied) once prepared
  std::string record;                    // the encoded unit
  std::vector<std::string> exact_keys;   // one per variant, in variant order
  std::string langs;                     // LangList(unit)
  std::vector<FuzzyVariant> fuzzy;       // one per variant: grams and token codes
  PreparedUnit();
  ~PreparedUnit();
  PreparedUnit(PreparedUnit&&) noexcept;
  PreparedUnit& operator=(PreparedUnit&&) noexcept;
  // The unit, decoded again from record if it was dropped.
  const Unit& FullUnit() const;
};
PreparedUnit PrepareUnit(Unit unit);
// The same for a unit the caller keeps: only its record is held (FullUnit decodes it).
PreparedUnit PrepareRecord(const Unit& unit);

// The languages of a unit's variants in order, each followed by a tab.
std::string LangList(const Unit& unit);

// Read operations, shared by snapshots and write transactions.
class Txn {
 public:
  virtual ~Txn();
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  // Loads unit id. Returns false when there is no such unit.
  bool GetUnit(uint64_t id, Unit* unit) const;
  // Units with a variant in lang (canonical tag, compared case-insensitively) whose exact-match
  // key (tmkit::ExactKey of its plain text) equals ExactKey(plain_text). In id order.
  std::vector<uint64_t> FindExact(std::string_view lang, std::string_view plain_text) const;
  // Calls fn for every unit in id order, starting at first_id, until fn returns false.
  void ForEachUnit(const std::function<bool(const Unit&)>& fn, uint64_t first_id = 1) const;
  uint64_t UnitCount() const;
  std::vector<LanguageCount> Languages() const;
  std::vector<LanguagePairCount> LanguagePairs() const;
  uint64_t SchemaVersion() const;

  // The fuzzy index (store/fuzzy_index.h). Absent only in a schema-1 store opened read-only.
  bool HasFuzzyIndex() const;
  // Whether the index names every unit of the store, its irregular ones (IrregularGram)
  // included: false in a store indexed before schema 4, and while an import runs (its
  // postings are written at its end).
  bool IndexComplete() const;
  // The batches of posting lists, oldest first.
  std::vector<uint64_t> GramBatches() const;
  // The encoded posting list of gram in batch (DecodePostings), empty when there is none.
  // Valid while the transaction lives. Lists may name units since changed or deleted:
  // callers check candidates against TokenSequences.
  std::string_view GramRecord(uint64_t batch, uint64_t gram) const;
  // The (lower-cased language, token codes) of each variant of unit id, as indexed; views
  // valid while the transaction lives. Empty for a unit that does not exist.
  std::vector<std::pair<std::string_view, std::string_view>> TokenSequences(uint64_t id) const;
  // Calls fn(id, lower-cased language, token codes) for each variant of each unit of ids
  // (ascending), through one cursor: cheaper than TokenSequences for many units.
  void ForEachTokenSequence(const std::vector<uint64_t>& ids,
                            const std::function<void(uint64_t, std::string_view, std::string_view)>& fn) const;

  // Records of a key-value table (glossary/term_base.h and align/lexicon.h give them
  // meaning), by key.
  bool GetRecord(RecordTable table, std::string_view key, std::string* value) const;
  // Calls fn(key, value) for the keys that begin with prefix, in key order, until it returns false.
  void ForEachRecord(RecordTable table, std::string_view prefix,
                     const std::function<bool(std::string_view, std::string_view)>& fn) const;
  uint64_t RecordCount(RecordTable table) const;

 protected:
  friend class Store;
  Txn(StoreImpl* store, void* txn) : store_(store), txn_(txn) {}
  uint64_t Counter(std::string_view key) const;
  // Ids under an exact-index key (not yet checked against the units).
  virtual std::vector<uint64_t> Candidates(const std::string& key) const;

  StoreImpl* store_;
  void* txn_;  // MDB_txn*

  // A snapshot taken while a journal is open sees the store as it was when the journal
  // began: units from hidden_from_ on are hidden, units changed since are read from the
  // journal, counts from the copy the journal kept, batches from journal_batch_ on hidden.
  // 0 in write transactions and when no journal is open.
  uint64_t hidden_from_ = 0;
  uint64_t journal_batch_ = 0;
  std::vector<std::pair<std::string, uint64_t>> saved_counts_;  // key order; empty: none kept
  bool counts_saved_ = false;
  // Token sequences of units changed under the journal, made from their saved records once
  // a snapshot (none: the stored ones still hold, the segments being unchanged).
  mutable std::unordered_map<uint64_t, std::optional<std::vector<std::pair<std::string, std::string>>>>
      old_sequences_;

 protected:
  bool GetJournaled(uint64_t id, Unit* unit) const;  // the unit before the open journal
  bool GetStoredUnit(uint64_t id, Unit* unit) const;  // the unit as stored, journal or not

 private:
  void ForEachCounter(std::string_view prefix,
                      const std::function<void(std::string_view, uint64_t)>& fn) const;
};

// A consistent read-only view. Cheap to create; end it by destroying it.
class Snapshot : public Txn {
 public:
  ~Snapshot() override;

 private:
  friend class Store;
  using Txn::Txn;
};

// The one write transaction: made by Store::Write, committed when the function returns.
class WriteTxn : public Txn {
 public:
  ~WriteTxn() override;
  // Stores a new unit with the next id, indexes it, and sets unit->id.
  uint64_t AddUnit(Unit* unit);
  // The same for a prepared unit (sets prepared->unit.id).
  uint64_t Add(PreparedUnit* prepared);
  // Replaces unit id (which must exist) by unit, re-indexing it.
  void ReplaceUnit(uint64_t id, const Unit& unit);
  // Removes unit id and its index entries. Returns false when there was none.
  bool DeleteUnit(uint64_t id);
  // Ids of stored units whose variants (languages and segment XML, in any order) equal
  // the prepared unit's.
  std::vector<uint64_t> FindSameVariants(const PreparedUnit& prepared) const;
  // Starts fetching the memory that checking and adding the prepared unit's exact keys will
  // touch at random (bulk mode): called for the next unit while one is stored, it saves
  // waiting for it. Changes nothing.
  void Prefetch(const PreparedUnit& prepared) const;
  void PutRecord(RecordTable table, std::string_view key, std::string_view value);
  bool DeleteRecord(RecordTable table, std::string_view key);  // false when there was none

 private:
  friend class Store;
  WriteTxn(StoreImpl* store, void* txn);
  std::vector<uint64_t> Candidates(const std::string& key) const override;
  // Adds (+1) or removes (-1) the index entries and counts of unit id, prepared as p.
  // append: id is above every stored id.
  void Index(uint64_t id, const PreparedUnit& p, int direction, bool append = false);
  // The fuzzy-index part of Index(+1): token sequences and postings of unit id.
  void IndexFuzzy(uint64_t id, const PreparedUnit& p, bool append);
  // Writes postings as a new batch of the fuzzy index.
  void WriteBatch(const std::vector<std::pair<uint64_t, std::string>>& sorted, uint64_t postings);
  // Merges the newest batches into one when many small ones have piled up.
  void CompactBatches();
  void PutRecord(uint64_t id, const std::string& record, bool append);
  // Keeps the old record of a unit the journal must restore (keys: its exact keys, if known).
  void SaveForUndo(uint64_t id, const std::vector<std::string>* keys = nullptr);
  bool Journaled(uint64_t id);    // whether id is older than the open journal
  uint64_t JournalMark();         // the open journal's first id (0: none), read once
  // Refuses to change units under a journal that another process holds (its import would
  // hide and then undo the change).
  void CheckJournalIsOurs();
  // The exact keys of the record SaveForUndo kept for id (none when it kept none).
  std::vector<std::string> KeysSavedForUndo(uint64_t id);
  void FlushCounters();
  void Finish();  // writes what is kept in memory during the transaction

  // Units added (+) or removed (-) per list of variant languages ("en\tzh-CN\t").
  std::unordered_map<std::string, int64_t> counter_deltas_;
  // Bulk mode: where the store's deferred index entries stood before this transaction.
  std::unique_ptr<DeferredMark> deferred_mark_;
  // Postings of units indexed in this transaction (not in bulk mode), written by Finish.
  std::unique_ptr<PostingBuffer> postings_;
  mutable void* exact_cursor_ = nullptr;  // MDB_cursor* for Candidates
  uint64_t next_id_ = 0;       // 0: not read yet
  int64_t journal_base_ = -1;  // -1: not read yet; 0: no journal; else the first new id
  std::pair<uint64_t, std::vector<std::string>> just_saved_;  // SaveForUndo's last id and keys
};

class Store {
 public:
  // Opens (or with create_if_missing, creates) the store in directory path. Throws Error:
  // kStore when it does not exist, is not a tmkit store, or was written by a newer tmkit.
  static std::unique_ptr<Store> Open(const std::string& path, const StoreOptions& options);
  ~Store();

  std::unique_ptr<Snapshot> Read() const;
  // Runs fn in a write transaction and commits it. When the map fills up, the transaction
  // is abandoned, the map grown and fn run again from the start: fn must be repeatable.
  // An exception from fn abandons the transaction: nothing of it is stored.
  void Write(const std::function<void(WriteTxn&)>& fn);

  // The journal: BeginJournal records where new ids start and, from then on, every write
  // saves the old version of each unit it changes or deletes. CommitJournal keeps all that
  // was written since; RollbackJournal undoes it, in transactions of bounded size. A journal
  // left open (a crashed import) is rolled back when the store is next opened for writing.
  void BeginJournal();
  void CommitJournal();
  void RollbackJournal();
  bool JournalOpen() const;

  // Bulk mode, for imports: exact-index entries of new units are gathered in memory, sorted
  // in runs, merged into a run in a temporary file once bulk_flush_entries have gathered,
  // and written in key order at the end or once bulk_file_entries have gathered, in
  // transactions that each dirty a bounded number of pages (random inserts would dirty the
  // whole index in every transaction). Write transactions see the gathered entries;
  // snapshots see them once written. EndBulk writes what is left.
  void BeginBulk();
  void EndBulk();

  // Drops this process's mappings of store pages (they stay in the page cache), so that
  // resident memory reflects working memory, not how much of the store was touched.
  void ReleaseMappedPages();

  const std::string& path() const;
  // Bytes used on disk by the data file.
  uint64_t DiskSize() const;
  uint64_t MapSize() const;

 private:
  explicit Store(std::unique_ptr<StoreImpl> impl);
  void Write(const std::function<void(WriteTxn&)>& fn, bool journaled);
  void MaybeFlushDeferred();
  void UndoJournal();  // RollbackJournal without releasing journal.lock
  void ClearJournalRecords();  // drops the saved records of a journal whose mark is closed
  void WriteRuns();            // the runs into the exact database, in key order
  // A function that writes the next slice of the runs (one transaction) and returns true, or
  // returns false once all are written (the runs then emptied).
  std::function<bool()> RunSlices();
  // Writes the postings of bulk mode. While no merged list is ready to write, it calls
  // meanwhile (other writing) until that returns false; at the end, until it does.
  void FlushPostings(const std::function<bool()>& meanwhile);
  void BuildFuzzyIndex();  // for a store written before the fuzzy index existed
  std::unique_ptr<StoreImpl> impl_;
};

}  // namespace tmkit
