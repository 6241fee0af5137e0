#include "glossary/term_base.h"

#include <algorithm>
#include <cmath>

#include <unicode/utf8.h>

#include "match/similarity.h"
#include "store/unit_codec.h"
#include "text/fold.h"
#include "util/error.h"

namespace tmkit {

namespace {

// Record format (part of the store format): a version byte, then length-prefixed fields.
constexpr char kRecordVersion = 1;

void PutString(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) Corrupt();
      auto b = static_cast<unsigned char>(data_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    Corrupt();
  }
  std::string String() {
    uint64_t n = Varint();
    if (n > data_.size() - pos_) Corrupt();
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  char Byte() {
    if (pos_ >= data_.size()) Corrupt();
    return data_[pos_++];
  }

 private:
  [[noreturn]] void Corrupt() { throw Error(Error::Kind::kStore, "a term base record is corrupt"); }
  std::string_view data_;
  size_t pos_ = 0;
};

std::string EncodeConcept(const Concept& c) {
  std::string out(1, kRecordVersion);
  PutString(&out, c.id);
  PutString(&out, c.subject);
  PutString(&out, c.definition);
  PutString(&out, c.definition_lang);
  PutString(&out, c.note);
  PutVarint(&out, c.terms.size());
  for (const Term& t : c.terms) {
    PutString(&out, t.lang);
    PutString(&out, t.text);
    out.push_back(static_cast<char>(t.status));
    PutString(&out, t.part_of_speech);
    PutString(&out, t.term_type);
    out.push_back(t.case_sensitive ? 1 : 0);
    PutString(&out, t.usage_note);
  }
  return out;
}

Concept DecodeConcept(std::string_view data) {
  Reader r(data);
  if (r.Byte() != kRecordVersion) throw Error(Error::Kind::kStore, "a term base record has an unknown format");
  Concept c;
  c.id = r.String();
  c.subject = r.String();
  c.definition = r.String();
  c.definition_lang = r.String();
  c.note = r.String();
  uint64_t n = r.Varint();
  for (uint64_t i = 0; i < n; ++i) {
    Term t;
    t.lang = r.String();
    t.text = r.String();
    auto status = static_cast<int>(r.Byte());
    if (status < 0 || status > static_cast<int>(TermStatus::kForbidden)) {
      throw Error(Error::Kind::kStore, "a term base record has an unknown status");
    }
    t.status = static_cast<TermStatus>(status);
    t.part_of_speech = r.String();
    t.term_type = r.String();
    t.case_sensitive = r.Byte() != 0;
    t.usage_note = r.String();
    c.terms.push_back(std::move(t));
  }
  return c;
}

std::string RecordKey(const std::string& id) {
  if (id.empty() || id.size() > 400) {
    ThrowInput("a concept id must have 1 to 400 bytes: '" + id.substr(0, 40) + "'");
  }
  return id;
}

// A fresh id "cN" for a concept without one.
std::string FreshId(const WriteTxn& t, uint64_t* next) {
  std::string value;
  while (true) {
    std::string id = "c" + std::to_string((*next)++);
    if (!t.GetRecord(RecordTable::kTerms, id, &value)) return id;
  }
}

bool SameConcept(const Concept& a, const Concept& b) { return EncodeConcept(a) == EncodeConcept(b); }

}  // namespace

std::vector<Concept> LoadConcepts(const Txn& txn) {
  std::vector<Concept> out;
  txn.ForEachRecord(RecordTable::kTerms, "", [&](std::string_view, std::string_view value) {
    out.push_back(DecodeConcept(value));
    return true;
  });
  return out;
}

bool LoadConcept(const Txn& txn, const std::string& id, Concept* out) {
  std::string value;
  if (id.empty() || id.size() > 400 || !txn.GetRecord(RecordTable::kTerms, id, &value)) return false;
  *out = DecodeConcept(value);
  return true;
}

uint64_t ConceptCount(const Txn& txn) { return txn.RecordCount(RecordTable::kTerms); }

TermImportStats StoreConcepts(Store& store, const std::vector<Concept>& concepts) {
  for (const Concept& c : concepts) {
    if (!c.id.empty()) RecordKey(c.id);  // check every id before writing anything
  }
  TermImportStats stats;
  store.Write([&](WriteTxn& t) {
    stats = {};
    uint64_t next = t.RecordCount(RecordTable::kTerms) + 1;
    std::string old;
    for (const Concept& given : concepts) {
      Concept c = given;
      if (c.id.empty()) c.id = FreshId(t, &next);
      stats.terms += c.terms.size();
      if (t.GetRecord(RecordTable::kTerms, c.id, &old)) {
        if (SameConcept(DecodeConcept(old), c)) {
          ++stats.unchanged;
          continue;
        }
        ++stats.updated;
      } else {
        ++stats.added;
      }
      t.PutRecord(RecordTable::kTerms, c.id, EncodeConcept(c));
    }
  });
  return stats;
}

std::string AddTerm(Store& store, const std::string& id, const Term& term) {
  if (term.text.empty()) ThrowUsage("a term needs its text");
  if (!id.empty()) RecordKey(id);
  std::string result;
  store.Write([&](WriteTxn& t) {
    Concept c;
    std::string old;
    if (!id.empty() && t.GetRecord(RecordTable::kTerms, id, &old)) {
      c = DecodeConcept(old);
    } else {
      uint64_t next = t.RecordCount(RecordTable::kTerms) + 1;
      c.id = id.empty() ? FreshId(t, &next) : id;
    }
    c.terms.push_back(term);
    t.PutRecord(RecordTable::kTerms, c.id, EncodeConcept(c));
    result = c.id;
  });
  return result;
}

namespace {

// Levenshtein distance over code points, stopping early beyond max.
size_t CharDistance(const std::u32string& a, const std::u32string& b, size_t max) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > max) return max + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max) return max + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(static_cast<char32_t>(c < 0 ? 0xFFFD : c));
  }
  return out;
}

}  // namespace

std::vector<TermSearchHit> SearchTerms(const std::vector<Concept>& concepts, const std::string& word,
                                       const std::string& lang, size_t limit) {
  std::string folded = FoldForMatch(word);
  std::u32string w = ToU32(folded);
  // Short words allow one edit, longer ones about one in four characters.
  size_t max_edits = w.size() <= 4 ? 1 : std::max<size_t>(1, w.size() / 4);
  std::vector<TermSearchHit> hits;
  for (const Concept& c : concepts) {
    for (size_t i = 0; i < c.terms.size(); ++i) {
      const Term& t = c.terms[i];
      if (!lang.empty() && t.lang.compare(0, lang.size(), lang) != 0) continue;
      std::string ft = FoldForMatch(t.text);
      double score = 0;
      if (ft.compare(0, folded.size(), folded) == 0) {
        score = 100;
      } else {
        // Like a word of the term (or the whole term) within a few edits.
        std::u32string whole = ToU32(ft);
        size_t best = CharDistance(w, whole, max_edits);
        size_t start = 0;
        for (size_t k = 0; k <= whole.size(); ++k) {
          if (k == whole.size() || whole[k] == U' ') {
            if (k > start) {
              std::u32string part = whole.substr(start, k - start);
              best = std::min(best, CharDistance(w, part.substr(0, std::min(part.size(), w.size() + max_edits)), max_edits));
              if (part.size() >= w.size()) best = std::min(best, CharDistance(w, part.substr(0, w.size()), max_edits));
            }
            start = k + 1;
          }
        }
        if (best > max_edits) continue;
        score = std::floor(1000.0 * (1.0 - static_cast<double>(best) / static_cast<double>(std::max<size_t>(w.size(), 1)))) / 10.0;
      }
      hits.push_back({&c, i, score});
    }
  }
  std::stable_sort(hits.begin(), hits.end(), [](const TermSearchHit& a, const TermSearchHit& b) { return a.score > b.score; });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace tmkit
