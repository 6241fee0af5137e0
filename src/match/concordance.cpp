#include "match/concordance.h"

#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bit>

#include "store/fuzzy_index.h"
#include "text/fold.h"
#include "text/lang_match.h"
#include "text/lang_tag.h"
#include "text/match_tokens.h"
#include "tmx/seg.h"

namespace tmkit {

bool FindFolded(const std::string& text, const std::string& needle, size_t* begin, size_t* end) {
  if (needle.empty()) return false;
  // Fold a segment at a time, remembering where each folded byte came from. A segment is a
  // character with the combining ones after it (those without a normalization boundary
  // before them), which folding may compose ("e" + U+0301, decomposed Hangul): folded so, the
  // text is FoldForMatch of the whole text.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) nfkc_cf = nullptr;
  std::string folded;
  std::vector<std::pair<size_t, size_t>> origin;  // per folded byte: its segment in text
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    for (int32_t j = i; j < n && nfkc_cf && p[j] >= 0x80;) {  // the combining characters that follow
      UChar32 d;
      int32_t k = j;
      U8_NEXT(p, k, n, d);
      if (d < 0 || IsSelfFoldingCjk(static_cast<char32_t>(d)) || nfkc_cf->hasBoundaryBefore(d)) {
        break;  // (Han ideographs and Hangul syllables begin segments: asked first, as most are)
      }
      i = j = k;
    }
    const auto first = static_cast<unsigned char>(text[static_cast<size_t>(start)]);
    std::string f = i - start == 1 && first < 0x80
                        ? std::string(1, static_cast<char>(std::tolower(first)))
                        : FoldForMatch(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    folded += f;
    origin.insert(origin.end(), f.size(), {static_cast<size_t>(start), static_cast<size_t>(i)});
  }
  size_t at = folded.find(needle);
  if (at == std::string::npos) return false;
  *begin = origin[at].first;
  *end = origin[at + needle.size() - 1].second;  // the end of the last byte's segment
  return true;
}

namespace {

// The tokens of text that any text holding it holds whole: Han, kana and Hangul characters
// are tokens by themselves wherever they stand; a word or number is cut the same way in any
// text when white space stands on both sides of it (a word at either end of text may be a
// piece of a longer one: "volunteer" in "volunteers").
// *all: whether every token of text is whole.
std::vector<Token> WholeTokens(const std::string& text, bool* all) {
  auto space = [&](size_t i) { return text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'; };
  std::vector<Token> out;
  *all = true;
  for (Token& t : MatchTokens(text)) {
    bool whole = t.kind == Token::Kind::kHan || t.kind == Token::Kind::kKana || t.kind == Token::Kind::kHangul;
    if (t.kind == Token::Kind::kWord || t.kind == Token::Kind::kNumber) {
      whole = t.begin > 0 && space(t.begin - 1) && t.end < text.size() && space(t.end);
    }
    *all = *all && whole;
    if (!whole) continue;
    bool seen = false;
    for (const Token& o : out) seen = seen || o.folded == t.folded;
    if (!seen) out.push_back(std::move(t));
  }
  return out;
}

// Below this many candidates, reading the units beats reading more posting lists.
constexpr size_t kFewCandidates = 256;
// What reading a unit costs (decoding, folding, searching it) against reading a posting
// (about 3 us against 50 ns at 1M units, page faults included).
constexpr double kUnitCost = 60;

}  // namespace

bool ConcordanceCandidates(const Txn& txn, const std::string& text, const LangRequest& want, size_t limit,
                           std::vector<uint64_t>* ids) {
  ids->clear();
  if (!txn.IndexComplete()) return false;
  // The tokens of the text as it is searched, folded: a text holding it folded holds them
  // whole, and, unless it is irregular (listed apart), so do its own tokens.
  bool all_whole = false;
  std::vector<Token> tokens = WholeTokens(FoldForMatch(text), &all_whole);
  if (tokens.empty()) return false;
  // Each token's records, over the languages asked for and the index's batches.
  struct Lists {
    uint64_t total = 0;
    std::vector<std::string_view> records;
    void Add(std::string_view rec) {
      if (rec.empty()) return;
      records.push_back(rec);
      total += PostingTotal(rec);
    }
  };
  std::vector<Lists> lists(tokens.size());
  Lists irregular;
  const std::vector<uint64_t> batches = txn.GramBatches();
  for (const LanguageCount& lc : txn.Languages()) {
    if (!want.Matches(lc.lang)) continue;
    FuzzyVariant v = MakeFuzzyVariant(lc.lang, tokens);  // distinct tokens: first occurrences
    for (uint64_t batch : batches) {
      for (size_t i = 0; i < tokens.size(); ++i) lists[i].Add(txn.GramRecord(batch, v.grams[i]));
      irregular.Add(txn.GramRecord(batch, IrregularGram(v.lang)));
    }
  }
  std::sort(lists.begin(), lists.end(), [](const Lists& a, const Lists& b) { return a.total < b.total; });
  // A text of one token is found in about as many units as its list names: when they are
  // many, reading units in order meets the first limit of them sooner than the list is read
  // (limit x units / total units read against total postings).
  const auto total = static_cast<double>(lists[0].total);
  if (all_whole && tokens.size() == 1 &&
      total * total >= kUnitCost * static_cast<double>(limit) * static_cast<double>(txn.UnitCount())) {
    return false;
  }
  // Candidates as a bitmap over unit ids (a list is in length order, not id order: sorting
  // a common character's million ids cost more than scanning units until the first hits).
  auto mark = [](const Lists& l, std::vector<uint64_t>* bits) {
    for (std::string_view rec : l.records) {
      ForEachPosting(rec, [&](uint64_t id, uint32_t) {
        if (id / 64 >= bits->size()) bits->resize(id / 64 + 1, 0);
        (*bits)[id / 64] |= uint64_t{1} << (id % 64);
      });
    }
  };
  auto count = [](const std::vector<uint64_t>& bits) {
    size_t n = 0;
    for (uint64_t w : bits) n += static_cast<size_t>(std::popcount(w));
    return n;
  };
  std::vector<uint64_t> bits, next;
  mark(lists[0], &bits);  // the rarest token
  for (size_t i = 1; i < lists.size() && count(bits) > kFewCandidates; ++i) {
    next.assign(bits.size(), 0);
    mark(lists[i], &next);
    for (size_t w = 0; w < bits.size(); ++w) bits[w] &= next[w];
  }
  next.assign(bits.size(), 0);
  mark(irregular, &next);  // may hold the text without holding its tokens
  if (next.size() > bits.size()) bits.resize(next.size(), 0);
  for (size_t w = 0; w < next.size(); ++w) bits[w] |= next[w];
  for (size_t w = 0; w < bits.size(); ++w) {
    for (uint64_t x = bits[w]; x != 0; x &= x - 1) ids->push_back(w * 64 + static_cast<uint64_t>(std::countr_zero(x)));
  }
  return true;
}

std::vector<ConcordanceHit> Concordance(const Txn& snapshot, const std::string& text,
                                        const ConcordanceOptions& options) {
  std::vector<ConcordanceHit> hits;
  if (options.limit == 0) return hits;
  LangRequest want(options.lang, options.any_variant);
  std::string needle = FoldForMatch(text);
  auto consider = [&](const Unit& unit) {
    const Variant* source = unit.SourceVariant();
    for (const Variant& v : unit.variants) {
      if (!want.Matches(v.lang)) continue;
      bool is_source = &v == source;
      if ((options.in_source && !is_source) || (options.in_target && is_source)) continue;
      std::string plain = SegPlainText(v.seg);
      size_t b, e;
      if (!FindFolded(plain, needle, &b, &e)) continue;
      ConcordanceHit h;
      h.unit = unit.id;
      if (const std::string* t = unit.attr("tuid")) h.tuid = *t;
      h.lang = v.lang;
      h.text = plain;
      h.begin = b;
      h.end = e;
      for (const Variant& o : unit.variants) {
        if (&o != &v) h.others.emplace_back(o.lang, SegPlainText(o.seg));
      }
      hits.push_back(std::move(h));
      break;
    }
    return hits.size() < options.limit;
  };
  std::vector<uint64_t> ids;
  if (!options.scan && ConcordanceCandidates(snapshot, text, want, options.limit, &ids)) {
    Unit unit;
    for (uint64_t id : ids) {
      if (snapshot.GetUnit(id, &unit) && !consider(unit)) break;
    }
  } else {
    snapshot.ForEachUnit(consider);
  }
  return hits;
}

}  // namespace tmkit
