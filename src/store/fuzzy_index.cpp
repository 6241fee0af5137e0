#include "store/fuzzy_index.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <memory>
#include <queue>

#include "store/unit_codec.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/worker_pool.h"

namespace tmkit {

namespace {

// Reads a varint at *pos; returns false at a truncated one.
bool GetVarint(std::string_view s, size_t* pos, uint64_t* v) {
  return ReadVarint(reinterpret_cast<const unsigned char*>(s.data()), s.size(), pos, v);
}

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// Appends to *out the EncodePostings form of n postings at(0) .. at(n - 1), in Posting order
// with repeats next to each other (dropped), after its varint byte size when size_first.
// Sized first, then written through a pointer: no byte is appended one by one.
template <typename At>
void AppendEncodedList(size_t n, At&& at, bool size_first, std::string* out) {
  struct Group {
    uint64_t length, count, bytes;
  };
  thread_local std::vector<Group> groups;
  groups.clear();
  uint64_t total = 0, size = 0;
  for (size_t i = 0; i < n;) {
    Group g{at(i).length, 0, 0};
    for (uint64_t prev = 0; i < n && at(i).length == g.length; ++i) {
      if (i > 0 && at(i) == at(i - 1)) continue;
      g.bytes += VarintLength(at(i).id - prev);
      prev = at(i).id;
      ++g.count;
    }
    groups.push_back(g);
    total += g.count;
    size += VarintLength(g.length) + VarintLength(g.count) + VarintLength(g.bytes) + g.bytes;
  }
  size += VarintLength(total);
  size_t old = out->size();
  out->resize(old + (size_first ? VarintLength(size) : 0) + size);
  char* p = out->data() + old;
  if (size_first) p = EncodeVarint(p, size);
  p = EncodeVarint(p, total);
  size_t i = 0;
  for (const Group& g : groups) {
    p = EncodeVarint(p, g.length);
    p = EncodeVarint(p, g.count);
    p = EncodeVarint(p, g.bytes);
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
  char buf[20];
  std::memcpy(buf, &lang_hash, 8);
  std::memcpy(buf + 8, &token_hash, 8);
  std::memcpy(buf + 16, &occurrence, 4);
  return Hash64(std::string_view(buf, sizeof buf));
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
  // Occurrences so far of each token (a variant has few: a linear search is fastest), in a
  // buffer kept from variant to variant.
  thread_local std::vector<std::pair<uint64_t, uint32_t>> seen;
  seen.clear();
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = Hash64(fold(i));
    uint32_t k = 0;
    auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& e) { return e.first == h; });
    if (it == seen.end()) {
      seen.emplace_back(h, 1);
    } else {
      k = it->second++;
    }
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

void PostingBuffer::Add(uint64_t gram, uint64_t id, uint32_t length) {
  List& list = lists_[gram];
  PutVarint(&list.bytes, ZigZag(static_cast<int64_t>(id - list.last)));
  PutVarint(&list.bytes, length);
  list.last = id;
  ++postings_;
}

std::vector<std::pair<uint64_t, std::string>> PostingBuffer::Sorted() const {
  std::vector<std::pair<uint64_t, std::string>> out;
  out.reserve(lists_.size());
  std::vector<Posting> postings;
  for (const auto& [gram, list] : lists_) {
    postings.clear();
    uint64_t id = 0;
    size_t pos = 0;
    uint64_t delta = 0, length = 0;
    while (pos < list.bytes.size() && GetVarint(list.bytes, &pos, &delta) &&
           GetVarint(list.bytes, &pos, &length)) {
      id += static_cast<uint64_t>(UnZigZag(delta));
      postings.push_back({id, static_cast<uint32_t>(length)});
    }
    std::sort(postings.begin(), postings.end());  // by length, then id
    postings.erase(std::unique(postings.begin(), postings.end()), postings.end());
    out.emplace_back(gram, EncodePostings(postings));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

void PostingBuffer::Clear() {
  lists_ = {};
  postings_ = 0;
}

std::string EncodePostings(const std::vector<Posting>& sorted) {
  std::string out;
  AppendEncodedList(sorted.size(), [&sorted](size_t i) { return sorted[i]; }, false, &out);
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

PostingRuns::PostingRuns(std::string dir, size_t run_entries)
    : dir_(std::move(dir)), run_entries_(std::max<size_t>(1024, run_entries)) {}

PostingRuns::~PostingRuns() {
  if (sorting_.valid()) sorting_.wait();
  if (fd_ >= 0) close(fd_);
}

void PostingRuns::Spill() {
  if (pending_.empty()) return;
  if (sorting_.valid()) sorting_.get();  // one run at a time; rethrows its error
  if (fd_ < 0) {
    // Unnamed: the kernel removes it when closed, also when the process dies.
    fd_ = open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd_ < 0) ThrowIo(std::string("cannot create a temporary file: ") + std::strerror(errno), dir_);
  }
  postings_ += pending_.size();
  // The vector the last run emptied takes the next postings.
  std::swap(pending_, sorting_entries_);
  pending_.clear();
  pending_.reserve(run_entries_);
  sorting_ = std::async(std::launch::async, [this] { WriteRun(); });
}

namespace {

// A stable counting sort of [first, last) into out by key(e), each key below buckets; *start
// receives where each key's entries begin in out (buckets + 1 offsets).
template <typename It, typename Out, typename Key>
void CountingSort(It first, It last, Out out, size_t buckets, Key key, std::vector<uint32_t>* start) {
  start->assign(buckets + 1, 0);
  for (It e = first; e != last; ++e) ++(*start)[key(*e) + 1];
  for (size_t b = 1; b <= buckets; ++b) (*start)[b] += (*start)[b - 1];
  std::vector<uint32_t> fill(start->begin(), start->end() - 1);
  for (It e = first; e != last; ++e) out[fill[key(*e)]++] = *e;
}

// The posting of an Entry's length_id (length << 48 | id).
Posting UnpackPosting(uint64_t length_id) {
  return {length_id & ((uint64_t{1} << 48) - 1), static_cast<uint32_t>(length_id >> 48)};
}

}  // namespace

void PostingRuns::WriteRun() {
  std::vector<Entry>& entries = sorting_entries_;
  const size_t n = entries.size();
  // A stable radix sort on the gram's top 16 bits, a byte a pass (a pass over 65,536 buckets
  // at once missed the cache at every entry), keeps each gram's postings in the order they
  // came (mostly by id); then each bucket (a few entries) is sorted.
  spare_.resize(n);
  {
    std::vector<uint32_t> low(257, 0), high(257, 0);
    for (const Entry& e : entries) {
      ++low[((e.gram >> 48) & 0xff) + 1];
      ++high[(e.gram >> 56) + 1];
    }
    for (size_t b = 1; b <= 256; ++b) {
      low[b] += low[b - 1];
      high[b] += high[b - 1];
    }
    for (const Entry& e : entries) spare_[low[(e.gram >> 48) & 0xff]++] = e;
    for (const Entry& e : spare_) entries[high[e.gram >> 56]++] = e;
  }
  auto by_key = [](const Entry& x, const Entry& y) {
    return x.gram < y.gram || (x.gram == y.gram && x.length_id < y.length_id);
  };
  std::vector<uint32_t> at_length;
  for (size_t first = 0, last; first < n; first = last) {
    const uint64_t top = entries[first].gram >> 48;
    bool one_gram = true;
    for (last = first + 1; last < n && entries[last].gram >> 48 == top; ++last) {
      one_gram = one_gram && entries[last].gram == entries[first].gram;
    }
    auto b = entries.begin() + static_cast<std::ptrdiff_t>(first), e = entries.begin() + static_cast<std::ptrdiff_t>(last);
    if (last - first < 64 || !one_gram) {
      if (last - first > 1) std::sort(b, e, by_key);
      continue;
    }
    // One gram (a common word's bucket): its postings came in id order, so a stable
    // counting sort by length orders them (checked: a retried unit may come again).
    uint64_t lo = UINT64_MAX, hi = 0;
    for (auto it = b; it != e; ++it) {
      lo = std::min(lo, it->length_id >> 48);
      hi = std::max(hi, it->length_id >> 48);
    }
    CountingSort(b, e, spare_.begin(), hi - lo + 1, [lo](const Entry& x) { return (x.length_id >> 48) - lo; },
                 &at_length);
    std::copy(spare_.begin(), spare_.begin() + static_cast<std::ptrdiff_t>(last - first), b);
    if (!std::is_sorted(b, e, by_key)) std::sort(b, e, by_key);
  }
  // A record a gram: the gram (8 bytes, little-endian), the varint size of its list, and its
  // list as EncodePostings encodes it, made straight from the sorted entries. Written a
  // megabyte at a time.
  const uint64_t start = file_size_;
  std::string out;
  for (size_t i = 0; i < n;) {
    const uint64_t gram = entries[i].gram;
    size_t j = i + 1;
    while (j < n && entries[j].gram == gram) ++j;
    char key[8];
    for (int b = 0; b < 8; ++b) key[b] = static_cast<char>(gram >> (8 * b));
    out.append(key, 8);
    AppendEncodedList(j - i, [&entries, i](size_t k) { return UnpackPosting(entries[i + k].length_id); }, true, &out);
    i = j;
    if (out.size() >= (1u << 20)) WriteOut(&out);
  }
  WriteOut(&out);
  runs_.push_back({start, file_size_ - start});
  entries.clear();
}

void PostingRuns::WriteOut(std::string* out) {
  for (size_t done = 0; done < out->size();) {
    ssize_t w = pwrite(fd_, out->data() + done, out->size() - done, static_cast<off_t>(file_size_ + done));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) ThrowIo(std::string("cannot write a temporary file: ") + std::strerror(errno), dir_);
    done += static_cast<size_t>(w);
  }
  file_size_ += out->size();
  out->clear();
}

namespace {

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
      ssize_t r = pread(fd_, buf_.data() + old, chunk, static_cast<off_t>(pos_));
      if (r < 0 && errno == EINTR) {
        buf_.resize(old);
        continue;
      }
      if (r <= 0) Corrupt();
      buf_.resize(old + static_cast<size_t>(r));
      pos_ += static_cast<uint64_t>(r);
    }
    return buf_.size() >= n;
  }
  [[noreturn]] void Corrupt() { ThrowIo("a temporary file of postings could not be read back", "postings"); }

  int fd_;
  uint64_t pos_, end_;
  std::string buf_;
  size_t at_ = 0;
  uint64_t gram_ = 0;
  std::string_view list_;
};

}  // namespace

namespace {

// The encoded list (EncodePostings) of all postings in lists of successive runs of one gram,
// each in Posting order, a length at a time: its ids from each list in run order (later runs
// hold later units), sorted only when they are not in order (a retried transaction's units
// came again in a later run), repeats dropped. Memory holds one length's ids, not the
// gram's. Every posting is decoded: most groups hold one or two postings (a group a length
// in each run), and copying them group by group cost more than this.
void JoinRunLists(const std::vector<std::string_view>& lists, std::string* out) {
  struct Group {
    uint64_t length, count;
    std::string_view gaps;
  };
  thread_local std::vector<Group> groups, by_length;  // in list order; stably by length
  thread_local std::vector<uint32_t> start;
  thread_local std::vector<uint64_t> ids;
  groups.clear();
  uint64_t lo = UINT64_MAX, hi = 0;
  for (std::string_view list : lists) {
    ForEachPostingGroup(list, [&](uint64_t length, uint64_t count, std::string_view gaps) {
      groups.push_back({length, count, gaps});
      lo = std::min(lo, length);
      hi = std::max(hi, length);
      return true;
    });
  }
  constexpr size_t kRoom = 10;  // for the varint total, written last
  out->assign(kRoom, '\0');
  by_length.resize(groups.size());
  if (!groups.empty()) {
    CountingSort(groups.begin(), groups.end(), by_length.begin(), hi - lo + 1,
                 [lo](const Group& g) { return g.length - lo; }, &start);
  }
  uint64_t total = 0;
  for (size_t i = 0; i < by_length.size();) {
    const uint64_t length = by_length[i].length;
    ids.clear();
    for (; i < by_length.size() && by_length[i].length == length; ++i) {
      const Group& g = by_length[i];
      const auto* data = reinterpret_cast<const unsigned char*>(g.gaps.data());
      size_t pos = 0;
      uint64_t id = 0, gap = 0;
      for (uint64_t k = 0; k < g.count && ReadVarint(data, g.gaps.size(), &pos, &gap); ++k) {
        id += gap;
        ids.push_back(id);
      }
    }
    if (!std::is_sorted(ids.begin(), ids.end())) std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.empty()) continue;
    uint64_t bytes = 0, prev = 0;
    for (uint64_t v : ids) {
      bytes += VarintLength(v - prev);
      prev = v;
    }
    size_t old = out->size();
    out->resize(old + VarintLength(length) + VarintLength(ids.size()) + VarintLength(bytes) + bytes);
    char* p = out->data() + old;
    p = EncodeVarint(p, length);
    p = EncodeVarint(p, ids.size());
    p = EncodeVarint(p, bytes);
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
  Spill();
  if (sorting_.valid()) sorting_.get();
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
      // A list in one run is already what the store keeps; lists in several are joined.
      if (lists.size() == 1) {
        joined.back().second.assign(lists[0]);
      } else {
        JoinRunLists(lists, &joined.back().second);
      }
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
  if (sorting_.valid()) sorting_.wait();
  sorting_ = {};
  pending_ = {};
  sorting_entries_ = {};
  spare_ = {};
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
