#include "store/fuzzy_index.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <new>
#include <queue>
#include <utility>

#include "store/unit_codec.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/hash_inline.h"
#include "util/temp_file.h"
#include "util/thread_name.h"
#include "util/worker_pool.h"

namespace tmkit {

namespace {

// Reads a varint at *pos; returns false at a truncated one.
bool GetVarint(std::string_view s, size_t* pos, uint64_t* v) {
  return ReadVarint(reinterpret_cast<const unsigned char*>(s.data()), s.size(), pos, v);
}

int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// How AppendEncodedList writes a list: as the store keeps it, or as a run of a bulk import
// keeps it (after its varint byte size, and with each group's last id after its byte size,
// so that the merge can join groups without reading their ids).
enum class ListForm { kStored, kRun };

// Appends to *out the EncodePostings form of n postings at(0) .. at(n - 1), in Posting order
// with repeats next to each other (dropped), or its run form. Sized first, then written
// through a pointer: no byte is appended one by one.
template <typename At>
void AppendEncodedList(size_t n, At&& at, ListForm form, std::string* out) {
  struct Group {
    uint64_t length, count, bytes, last;
  };
  const bool run = form == ListForm::kRun;
  thread_local std::vector<Group> groups;
  groups.clear();
  uint64_t total = 0, size = 0;
  for (size_t i = 0; i < n;) {
    Group g{at(i).length, 0, 0, 0};
    for (uint64_t prev = 0; i < n && at(i).length == g.length; ++i) {
      if (i > 0 && at(i) == at(i - 1)) continue;
      g.bytes += VarintLength(at(i).id - prev);
      prev = at(i).id;
      ++g.count;
    }
    g.last = at(i - 1).id;
    groups.push_back(g);
    total += g.count;
    size += VarintLength(g.length) + VarintLength(g.count) + VarintLength(g.bytes) + g.bytes +
            (run ? VarintLength(g.last) : 0);
  }
  size += VarintLength(total);
  size_t old = out->size();
  out->resize(old + (run ? VarintLength(size) : 0) + size);
  char* p = out->data() + old;
  if (run) p = EncodeVarint(p, size);
  p = EncodeVarint(p, total);
  size_t i = 0;
  for (const Group& g : groups) {
    p = EncodeVarint(p, g.length);
    p = EncodeVarint(p, g.count);
    p = EncodeVarint(p, g.bytes);
    if (run) p = EncodeVarint(p, g.last);
    uint64_t prev = 0;
    for (uint64_t k = 0; k < g.count; ++i) {
      if (i > 0 && at(i) == at(i - 1)) continue;
      p = EncodeVarint(p, at(i).id - prev);
      prev = at(i).id;
      ++k;
    }
  }
}

}  // namespace

uint64_t GramOf(uint64_t lang_hash, uint64_t token_hash, uint32_t occurrence) {
  return hash_inline::Hash64Of(lang_hash, token_hash, occurrence);
}

uint64_t IrregularGram(std::string_view lang) {
  // A control character: no token holds one.
  return GramOf(Hash64(lang), Hash64(std::string_view("\x01irregular")), 0);
}

uint16_t CodeOf(uint64_t token_hash) {
  uint64_t h = token_hash;
  return static_cast<uint16_t>(h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48));
}

namespace {

// The variant of a language whose tokens' folded forms fold(0) .. fold(n - 1) are.
template <typename Fold>
FuzzyVariant MakeVariant(std::string_view lang, size_t n, Fold&& fold) {
  FuzzyVariant v;
  v.lang.assign(lang);
  for (char& c : v.lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  uint64_t lang_hash = Hash64(v.lang);
  v.grams.resize(n);
  v.codes.resize(n * 2);
  // Occurrences so far of each token, in a small open-addressing table by token hash (at
  // most half full; a count of 0 marks a free slot), kept from variant to variant.
  size_t slots = 16;
  while (slots < 2 * n) slots *= 2;
  thread_local std::vector<std::pair<uint64_t, uint32_t>> seen;
  seen.assign(slots, {0, 0});
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = hash_inline::Hash64(fold(i));
    size_t s = static_cast<size_t>(h) & (slots - 1);
    while (seen[s].second != 0 && seen[s].first != h) s = (s + 1) & (slots - 1);
    seen[s].first = h;
    const uint32_t k = seen[s].second++;
    v.grams[i] = GramOf(lang_hash, h, k);
    uint16_t code = CodeOf(h);
    v.codes[2 * i] = static_cast<char>(code & 0xff);
    v.codes[2 * i + 1] = static_cast<char>(code >> 8);
  }
  return v;
}

}  // namespace

FuzzyVariant MakeFuzzyVariant(std::string_view lang, const std::vector<Token>& tokens) {
  return MakeVariant(lang, tokens.size(), [&](size_t i) { return std::string_view(tokens[i].folded); });
}

FuzzyVariant MakeFuzzyVariant(std::string_view lang, std::string_view folded, const std::vector<uint32_t>& ends) {
  return MakeVariant(lang, ends.size(), [&](size_t i) {
    size_t begin = i == 0 ? 0 : ends[i - 1];
    return folded.substr(begin, ends[i] - begin);
  });
}

size_t CodeEditDistance(std::string_view a, std::string_view b, size_t max_d) {
  const size_t n = a.size() / 2, m = b.size() / 2;
  if ((n > m ? n - m : m - n) > max_d) return max_d + 1;
  if (n == 0) return m;
  if (m == 0) return n;
  auto at = [](std::string_view s, size_t i) {
    return static_cast<uint16_t>(static_cast<unsigned char>(s[2 * i]) |
                                 (static_cast<unsigned char>(s[2 * i + 1]) << 8));
  };
  std::vector<size_t> prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t row_min = i;
    uint16_t ai = at(a, i - 1);
    for (size_t j = 1; j <= m; ++j) {
      size_t sub = prev[j - 1] + (ai == at(b, j - 1) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    // Every later cell is at least the smallest of this row: stop once that is too much.
    if (row_min > max_d) return max_d + 1;
    std::swap(prev, cur);
  }
  return prev[m];
}

PostingBuffer::PostingBuffer() : table_(16), bytes_(table_.size() * sizeof(List)) {}

PostingBuffer::~PostingBuffer() {
  for (List& l : table_) std::free(l.data);
}

void PostingBuffer::swap(PostingBuffer& other) noexcept {
  table_.swap(other.table_);
  std::swap(lists_, other.lists_);
  std::swap(postings_, other.postings_);
  std::swap(bytes_, other.bytes_);
}

PostingBuffer::List* PostingBuffer::NewList(size_t slot, uint64_t gram) {
  List* list = &table_[slot];
  if (2 * (lists_ + 1) > table_.size()) {
    // Half full: twice the slots, every list placed again.
    std::vector<List, HugePageAllocator<List>> old(table_.size() * 2);
    old.swap(table_);
    bytes_ += old.size() * sizeof(List);
    for (const List& l : old) {
      if (l.data != nullptr) table_[FreeSlot(l.gram)] = l;
    }
    list = &table_[FreeSlot(gram)];
  }
  constexpr size_t kFirst = 32;
  list->data = static_cast<char*>(std::malloc(kFirst));
  if (list->data == nullptr) throw std::bad_alloc();
  list->gram = gram;
  list->last = 0;
  list->size = 0;
  list->capacity = kFirst;
  bytes_ += kFirst;
  ++lists_;
  return list;
}

size_t PostingBuffer::FreeSlot(uint64_t gram) const {
  const size_t mask = table_.size() - 1;
  size_t h = Home(gram) & mask;
  while (table_[h].data != nullptr) h = (h + 1) & mask;
  return h;
}

void PostingBuffer::Grow(List* list) {
  if (list->capacity > UINT32_MAX / 2) throw std::bad_alloc();  // 2 GB of one gram's postings
  const uint32_t capacity = list->capacity * 2;
  char* data = static_cast<char*>(std::realloc(list->data, capacity));
  if (data == nullptr) throw std::bad_alloc();
  bytes_ += capacity - list->capacity;
  list->data = data;
  list->capacity = capacity;
}

namespace {

// A stable counting sort of [first, last) into out by key(e), each key below buckets; *scratch
// holds the counts.
template <typename It, typename Out, typename Key>
void CountingSort(It first, It last, Out out, size_t buckets, Key key, std::vector<uint32_t>* scratch) {
  std::vector<uint32_t>& at = *scratch;  // counts, then where each key's next entry goes
  at.assign(buckets, 0);
  for (It e = first; e != last; ++e) ++at[key(*e)];
  uint32_t sum = 0;
  for (uint32_t& a : at) sum += std::exchange(a, sum);
  for (It e = first; e != last; ++e) out[at[key(*e)]++] = *e;
}

}  // namespace

template <typename Fn>
void PostingBuffer::ForEachSorted(Fn&& fn) const {
  std::vector<const List*> order;
  order.reserve(lists_);
  for (const List& l : table_) {
    if (l.data != nullptr) order.push_back(&l);
  }
  std::sort(order.begin(), order.end(), [](const List* a, const List* b) { return a->gram < b->gram; });
  std::vector<Posting> postings, spare;
  std::vector<uint32_t> counts;  // CountingSort's
  // The lists lie all over memory in this order: fetch a list's slot eight lists ahead and its
  // data four ahead (by then the slot is in the cache).
  constexpr size_t kSlotsAhead = 8, kDataAhead = 4;
  for (size_t k = 0; k < order.size(); ++k) {
    if (k + kSlotsAhead < order.size()) __builtin_prefetch(order[k + kSlotsAhead]);
    if (k + kDataAhead < order.size()) __builtin_prefetch(order[k + kDataAhead]->data);
    const List* list = order[k];
    const auto* data = reinterpret_cast<const unsigned char*>(list->data);
    const size_t size = list->size;
    postings.clear();
    bool in_order = true;  // ids never fall (the usual case: units come in id order)
    uint64_t id = 0, gap = 0, length = 0, lo = UINT64_MAX, hi = 0;
    for (size_t pos = 0; pos < size && ReadVarint(data, size, &pos, &gap) && ReadVarint(data, size, &pos, &length);) {
      const uint64_t next = id + static_cast<uint64_t>(UnZigZag(gap));
      in_order = in_order && (postings.empty() || next >= id);
      id = next;
      postings.push_back({id, static_cast<uint32_t>(length)});
      lo = std::min(lo, length);
      hi = std::max(hi, length);
    }
    // Postings in id order are ordered by a stable counting sort on their length; others
    // (and short lists, or lengths too spread out to count) by a full sort.
    if (!in_order || postings.size() < 16 || hi - lo > 4 * postings.size()) {
      std::sort(postings.begin(), postings.end());
    } else if (lo != hi) {
      spare.resize(postings.size());
      CountingSort(postings.begin(), postings.end(), spare.begin(), hi - lo + 1,
                   [lo](const Posting& p) { return p.length - lo; }, &counts);
      postings.swap(spare);
    }
    fn(list->gram, postings);
  }
}
std::vector<std::pair<uint64_t, std::string>> PostingBuffer::Sorted() const {
  std::vector<std::pair<uint64_t, std::string>> out;
  out.reserve(lists_);
  ForEachSorted([&out](uint64_t gram, const std::vector<Posting>& postings) {
    out.emplace_back(gram, std::string());
    AppendEncodedList(postings.size(), [&postings](size_t i) { return postings[i]; }, ListForm::kStored,
                      &out.back().second);
  });
  return out;
}

void PostingBuffer::Clear() {
  PostingBuffer empty;
  swap(empty);
}

std::string EncodePostings(const std::vector<Posting>& sorted) {
  std::string out;
  AppendEncodedList(sorted.size(), [&sorted](size_t i) { return sorted[i]; }, ListForm::kStored, &out);
  return out;
}

uint64_t PostingTotal(std::string_view encoded) {
  size_t pos = 0;
  uint64_t total = 0;
  return ReadVarint(reinterpret_cast<const unsigned char*>(encoded.data()), encoded.size(), &pos, &total) ? total : 0;
}

uint64_t PostingCount(std::string_view encoded, uint32_t min_length, uint32_t max_length) {
  uint64_t n = 0;
  ForEachPostingGroup(encoded, [&](uint64_t length, uint64_t count, std::string_view) {
    if (length > max_length) return false;
    if (length >= min_length) n += count;
    return true;
  });
  return n;
}

void DecodePostings(std::string_view encoded, std::vector<Posting>* out) {
  ForEachPosting(encoded, [out](uint64_t id, uint32_t length) { out->push_back({id, length}); });
}

PostingRuns::PostingRuns(std::string dir, size_t memory_bytes)
    // (At most 1 GB a buffer: no gram's list in it reaches PostingBuffer's 2 GB a list.)
    : dir_(std::move(dir)), run_bytes_(std::clamp<size_t>(memory_bytes / 2, 4096, size_t{1} << 30)) {}

PostingRuns::~PostingRuns() {
  if (gathered_.valid()) gathered_.wait();
  if (writing_.valid()) writing_.wait();
  if (fd_ >= 0) close(fd_);
}

void PostingRuns::HandOff() {
  if (gathered_.valid()) gathered_.get();  // one batch at a time; rethrows its error
  std::swap(pending_, gathering_);
  pending_.grams.clear();
  pending_.heads.clear();
  gathered_ = gatherer_.Start([this] { Gather(gathering_); });
}

void PostingRuns::Drain() {
  if (!pending_.heads.empty()) HandOff();
  if (gathered_.valid()) gathered_.get();
}

void PostingRuns::Gather(const Batch& batch) {
  const uint64_t* grams = batch.grams.data();
  for (const Batch::Head& h : batch.heads) {
    filling_.AddAll(grams, h.n, h.id, h.length);
    grams += h.n;
    if (filling_.bytes() >= run_bytes_) Spill();
  }
}

bool PostingRuns::empty() {
  Drain();
  // (runs_ is read only when no run is being written: the writing thread appends to it.)
  return filling_.empty() && !writing_.valid() && runs_.empty();
}

uint64_t PostingRuns::postings() {
  Drain();
  return postings_ + filling_.postings();
}

void PostingRuns::Spill() {
  if (filling_.empty()) return;
  if (writing_.valid()) writing_.get();  // one run at a time; rethrows its error
  if (fd_ < 0) fd_ = OpenUnnamedTempFile(dir_);
  postings_ += filling_.postings();
  filling_.swap(spilling_);  // spilling_ was cleared by the last run's writing
  writing_ = std::async(std::launch::async, [this] {
    NameThisThread("tmkit:spill");
    WriteRun();
  });
}

size_t PostingRuns::runs() {
  Drain();
  if (writing_.valid()) writing_.wait();  // (an error stays for Spill or Merge to throw)
  return runs_.size();
}

void PostingRuns::WriteRun() {
  // A record a gram: the gram (8 bytes, little-endian) and its list in run form
  // (AppendEncodedList). Written a megabyte at a time.
  const uint64_t start = file_size_;
  std::string out;
  try {
    spilling_.ForEachSorted([&](uint64_t gram, const std::vector<Posting>& postings) {
      char key[8];
      for (int b = 0; b < 8; ++b) key[b] = static_cast<char>(gram >> (8 * b));
      out.append(key, 8);
      AppendEncodedList(postings.size(), [&postings](size_t i) { return postings[i]; }, ListForm::kRun, &out);
      if (out.size() >= (1u << 20)) WriteOut(&out);
    });
    WriteOut(&out);
  } catch (...) {
    spilling_.Clear();  // the next Spill swaps it in to fill
    throw;
  }
  runs_.push_back({start, file_size_ - start});
  spilling_.Clear();
}

void PostingRuns::WriteOut(std::string* out) {
  WriteAllAt(fd_, out->data(), out->size(), file_size_, dir_);
  file_size_ += out->size();
  out->clear();
}

namespace {

[[noreturn]] void ThrowCorruptRun() { ThrowIo("a temporary file of postings could not be read back", "postings"); }

// Reads one run of a PostingRuns file record by record, through a buffer.
class RunReader {
 public:
  RunReader(int fd, uint64_t offset, uint64_t size) : fd_(fd), pos_(offset), end_(offset + size) {}
  // Moves to the next record; false at the end of the run.
  bool Next() {
    Fill(8 + 10);
    if (buf_.size() == at_) return false;
    if (buf_.size() - at_ < 9) Corrupt();
    gram_ = 0;
    for (int b = 0; b < 8; ++b) gram_ |= static_cast<uint64_t>(static_cast<unsigned char>(buf_[at_ + b])) << (8 * b);
    size_t p = at_ + 8;
    uint64_t len = 0;
    if (!GetVarint(buf_, &p, &len)) Corrupt();
    at_ = p;
    if (!Fill(len)) Corrupt();
    list_ = std::string_view(buf_).substr(at_, len);
    at_ += len;
    return true;
  }
  uint64_t gram() const { return gram_; }
  std::string_view list() const { return list_; }

 private:
  // Makes n bytes available from at_, or all that is left of the run; false if fewer.
  bool Fill(size_t n) {
    if (buf_.size() - at_ >= n) return true;
    buf_.erase(0, at_);
    at_ = 0;
    while (buf_.size() < n && pos_ < end_) {
      size_t chunk = static_cast<size_t>(std::min<uint64_t>(std::max<size_t>(n - buf_.size(), 16 << 10), end_ - pos_));
      size_t old = buf_.size();
      buf_.resize(old + chunk);
      if (!ReadAllAt(fd_, buf_.data() + old, chunk, pos_)) Corrupt();
      pos_ += chunk;
    }
    return buf_.size() >= n;
  }
  [[noreturn]] static void Corrupt() { ThrowCorruptRun(); }

  int fd_;
  uint64_t pos_, end_;
  std::string buf_;
  size_t at_ = 0;
  uint64_t gram_ = 0;
  std::string_view list_;
};

}  // namespace

namespace {

// The encoded list (EncodePostings) of all postings in run-form lists (AppendEncodedList) of
// successive runs of one gram, a length at a time. Runs hold successive units, so a length's
// groups are mostly joined by copying their gaps, only the first gap of each rewritten (from
// the last id of the group before). When a group does not begin after the one before it
// ends (a retried transaction's units came again in a later run), that length's ids are read,
// sorted and repeats dropped. Memory holds one length's ids at most, not the gram's.
void JoinRunLists(const std::vector<std::string_view>& lists, std::string* out) {
  struct Group {
    uint64_t length, count, first, last;
    std::string_view gaps;
    size_t first_size;  // bytes of the first gap (the first id)
  };
  thread_local std::vector<Group> groups, by_length;  // in list order; stably by length
  thread_local std::vector<uint32_t> scratch;
  thread_local std::vector<uint64_t> ids;
  groups.clear();
  uint64_t lo = UINT64_MAX, hi = 0;
  for (std::string_view list : lists) {
    const auto* data = reinterpret_cast<const unsigned char*>(list.data());
    const size_t size = list.size();
    size_t pos = 0;
    uint64_t total = 0, length = 0, count = 0, bytes = 0, last = 0, first = 0;
    if (!ReadVarint(data, size, &pos, &total)) ThrowCorruptRun();
    while (pos < size) {
      if (!ReadVarint(data, size, &pos, &length) || !ReadVarint(data, size, &pos, &count) ||
          !ReadVarint(data, size, &pos, &bytes) || !ReadVarint(data, size, &pos, &last) ||
          bytes > size - pos) {
        ThrowCorruptRun();
      }
      size_t after_first = pos;
      if (count == 0 || !ReadVarint(data, pos + bytes, &after_first, &first)) ThrowCorruptRun();
      groups.push_back({length, count, first, last, list.substr(pos, bytes), after_first - pos});
      lo = std::min(lo, length);
      hi = std::max(hi, length);
      pos += bytes;
    }
  }
  constexpr size_t kRoom = 10;  // for the varint total, written last
  out->assign(kRoom, '\0');
  by_length.resize(groups.size());
  if (!groups.empty()) {
    CountingSort(groups.begin(), groups.end(), by_length.begin(), hi - lo + 1,
                 [lo](const Group& g) { return g.length - lo; }, &scratch);
  }
  uint64_t total = 0;
  auto put_header = [out](uint64_t length, uint64_t count, uint64_t bytes) {
    size_t old = out->size();
    out->resize(old + VarintLength(length) + VarintLength(count) + VarintLength(bytes) + bytes);
    char* p = out->data() + old;
    p = EncodeVarint(p, length);
    p = EncodeVarint(p, count);
    return EncodeVarint(p, bytes);
  };
  for (size_t i = 0, j; i < by_length.size(); i = j) {
    const uint64_t length = by_length[i].length;
    bool in_order = true;
    for (j = i + 1; j < by_length.size() && by_length[j].length == length; ++j) {
      in_order = in_order && by_length[j].first > by_length[j - 1].last;
    }
    if (in_order) {
      uint64_t count = 0, bytes = 0, prev = 0;
      for (size_t k = i; k < j; ++k) {
        const Group& g = by_length[k];
        count += g.count;
        bytes += VarintLength(g.first - prev) + g.gaps.size() - g.first_size;
        prev = g.last;
      }
      char* p = put_header(length, count, bytes);
      prev = 0;
      for (size_t k = i; k < j; ++k) {
        const Group& g = by_length[k];
        p = EncodeVarint(p, g.first - prev);
        std::memcpy(p, g.gaps.data() + g.first_size, g.gaps.size() - g.first_size);
        p += g.gaps.size() - g.first_size;
        prev = g.last;
      }
      total += count;
      continue;
    }
    ids.clear();
    for (size_t k = i; k < j; ++k) {
      const Group& g = by_length[k];
      const auto* data = reinterpret_cast<const unsigned char*>(g.gaps.data());
      size_t pos = 0;
      uint64_t id = 0, gap = 0;
      for (uint64_t n = 0; n < g.count; ++n) {
        if (!ReadVarint(data, g.gaps.size(), &pos, &gap)) ThrowCorruptRun();
        id += gap;
        ids.push_back(id);
      }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    uint64_t bytes = 0, prev = 0;
    for (uint64_t v : ids) {
      bytes += VarintLength(v - prev);
      prev = v;
    }
    char* p = put_header(length, ids.size(), bytes);
    prev = 0;
    for (uint64_t v : ids) {
      p = EncodeVarint(p, v - prev);
      prev = v;
    }
    total += ids.size();
  }
  size_t head = VarintLength(total);
  EncodeVarint(out->data() + kRoom - head, total);
  out->erase(0, kRoom - head);
}

}  // namespace

void PostingRuns::Merge(const std::function<void(uint64_t, const std::string&)>& fn) {
  Drain();
  Spill();
  if (writing_.valid()) writing_.get();
  std::vector<RunReader> readers;
  readers.reserve(runs_.size());
  for (const Run& r : runs_) readers.emplace_back(fd_, r.offset, r.size);
  using Item = std::pair<uint64_t, size_t>;  // gram, reader
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;
  for (size_t i = 0; i < readers.size(); ++i) {
    if (readers[i].Next()) heap.emplace(readers[i].gram(), i);
  }
  // Grams are joined two megabytes (a job) at a time.
  struct Job {
    std::string data;                                // the grams' lists, one after another
    std::vector<size_t> ends;                        // where each list ends in data
    std::vector<std::pair<uint64_t, size_t>> grams;  // gram, its number of lists
  };
  using Joined = std::vector<std::pair<uint64_t, std::string>>;
  auto join = [](const Job& job) {
    Joined joined;
    joined.reserve(job.grams.size());
    std::vector<std::string_view> lists;
    size_t at = 0, begin = 0;
    for (const auto& [gram, count] : job.grams) {
      lists.clear();
      for (size_t k = 0; k < count; ++k, ++at) {
        lists.push_back(std::string_view(job.data).substr(begin, job.ends[at] - begin));
        begin = job.ends[at];
      }
      joined.emplace_back(gram, std::string());
      JoinRunLists(lists, &joined.back().second);
    }
    return joined;
  };
  // Jobs are joined by turns on a helper thread and on this one (while the helper joins a
  // job, this thread reads and joins the next), and given to fn in order. (The helper is
  // declared after join, which its jobs call: it finishes them before join goes.)
  WorkerPool helper(1);
  std::deque<std::future<Joined>> joining;
  auto give_oldest = [&] {
    Joined joined = joining.front().get();
    joining.pop_front();
    for (const auto& [gram, list] : joined) fn(gram, list);
  };
  constexpr size_t kJobBytes = 2 << 20;
  auto job = std::make_shared<Job>();
  bool helper_turn = true;
  auto start_job = [&] {
    if (joining.size() >= 2) give_oldest();
    if (helper_turn) {
      joining.push_back(helper.Start([job, &join] { return join(*job); }));
    } else {
      std::promise<Joined> joined;
      joined.set_value(join(*job));
      joining.push_back(joined.get_future());
    }
    helper_turn = !helper_turn;
    job = std::make_shared<Job>();
  };
  std::vector<size_t> from;
  while (!heap.empty()) {
    uint64_t gram = heap.top().first;
    from.clear();
    while (!heap.empty() && heap.top().first == gram) {
      from.push_back(heap.top().second);
      heap.pop();
    }
    std::sort(from.begin(), from.end());  // runs in order: later units last
    for (size_t r : from) {
      job->data += readers[r].list();
      job->ends.push_back(job->data.size());
      if (readers[r].Next()) heap.emplace(readers[r].gram(), r);
    }
    job->grams.emplace_back(gram, from.size());
    if (job->data.size() >= kJobBytes) start_job();
  }
  if (!job->grams.empty()) start_job();
  while (!joining.empty()) give_oldest();
  Clear();
}

void PostingRuns::Clear() {
  if (gathered_.valid()) gathered_.wait();
  gathered_ = {};
  pending_.grams.clear();
  pending_.heads.clear();
  if (writing_.valid()) writing_.wait();
  writing_ = {};
  filling_.Clear();
  spilling_.Clear();
  runs_.clear();
  postings_ = 0;
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  file_size_ = 0;
}

std::string GramRecordKey(uint64_t batch, uint64_t gram) {
  std::string k;
  PutBigEndian64(&k, batch);
  PutBigEndian64(&k, gram);
  return k;
}

}  // namespace tmkit
