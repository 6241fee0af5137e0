#include "align/bead_aligner.h"

#include <unicode/uloc.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "text/fold.h"
#include "text/name_forms.h"
#include "text/sentence_shape.h"
#include "text/transliterator.h"
#include "text/tokenizer.h"

namespace tmkit {

namespace {

struct BeadType {
  int s, t;
  double penalty;  // -log prior
};

// Priors as in Gale-Church, with the wide beads free translations need.
const BeadType kBeads[] = {
    {1, 1, -std::log(0.89)},  {1, 0, -std::log(0.0099)}, {0, 1, -std::log(0.0099)},
    {2, 1, -std::log(0.089)}, {1, 2, -std::log(0.089)},  {2, 2, -std::log(0.011)},
    {3, 1, -std::log(0.005)}, {1, 3, -std::log(0.005)},  {4, 1, -std::log(0.001)},
    {1, 4, -std::log(0.001)},
};

// The prior of a fragment (IsFragment) alone in a bead, instead of 0.0099: in Text+Berg's
// gold 9 of 17 fragments stand alone. Strict F1 there 0.8996 with 0.0099, 0.9003 with 0.1,
// 0.9004 with 0.15, 0.8975 with 0.2; the other sets unchanged.
const double kFragmentPenalty = -std::log(0.1);

size_t CharCount(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 && c != ' ';
  return n;
}

// A Latin-script word without its accents (Latin-ASCII), or "" for other scripts.
std::string AsciiLatin(const std::string& word) {
  bool plain = std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (plain) return word;
  thread_local CachedTransliterator latin_ascii("Latin-ASCII");
  return latin_ascii(word);
}

// The script a language is written in by default (ICU's likely subtags), as far as anchors
// care.
enum class Script { kLatin, kHan, kHangul, kOther };
Script ScriptOf(const std::string& lang) {
  UErrorCode status = U_ZERO_ERROR;
  char full[ULOC_FULLNAME_CAPACITY], script[ULOC_SCRIPT_CAPACITY];
  uloc_addLikelySubtags(lang.c_str(), full, sizeof full, &status);
  uloc_getScript(full, script, sizeof script, &status);
  if (U_FAILURE(status)) return Script::kOther;
  std::string_view s(script);
  if (s == "Latn") return Script::kLatin;
  if (s == "Hans" || s == "Hant" || s == "Hani") return Script::kHan;
  if (s == "Kore" || s == "Hang") return Script::kHangul;
  return Script::kOther;
}

// Anchors of a sentence: numbers, and words of four letters or more written in Latin script
// without their accents (names and cognates shared by the two texts). Between two languages
// written in Latin script, cognates are words with the same first five letters, as in
// Simard, Foster and Isabelle (1992), who took four (Text+Berg de-fr, strict F1: exact words
// 0.866, four letters 0.885, five 0.890; between English and Korean, whose Latin words are
// few and mostly names, prefixes only add noise: 0.931 -> 0.898). Only anchors found on
// both sides of the document count.
std::vector<std::string> Anchors(const std::vector<Token>& tokens, bool cognates) {
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    if (t.kind == Token::Kind::kNumber) {
      std::string digits;
      for (char c : t.folded) {
        if (c >= '0' && c <= '9') digits.push_back(c);
      }
      if (!digits.empty()) out.push_back("#" + digits);
    } else if (t.kind == Token::Kind::kWord && t.folded.size() >= 4) {
      std::string ascii = AsciiLatin(t.folded);
      bool latin = !ascii.empty() && std::all_of(ascii.begin(), ascii.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '-' || c == '\'';
      });
      if (latin && ascii.size() >= 4) out.push_back(cognates && ascii.size() > 5 ? ascii.substr(0, 5) : ascii);
    } else if (t.kind == Token::Kind::kPunct &&
               (t.folded == "?" || t.folded == "!" || t.folded == "？" || t.folded == "！")) {
      out.push_back(t.folded == "？" ? "?" : t.folded == "！" ? "!" : t.folded);
    }
  }
  return out;
}

// Names across scripts, in the form the other side writes them, for the runs of Han or
// Hangul characters (no space between them) and the words of a sentence:
// - Han, other side Latin: the pinyin of 2 to 4 characters (上甘岭 -> shangganling, 习近平
//   -> xijinping), matching the Latin side's words and pairs of words;
// - Han, other side Hangul: their Sino-Korean reading (上甘岭 -> 상감령, also with the
//   initial-sound rule: 李 -> 리 and 이), matching the Hangul side's word beginnings;
// - Hangul: the first 2 to 4 syllables of each word (상감령은 -> 상감, 상감령, 상감령은),
//   romanized when the other side is Latin (서울에서 -> seoul);
// - Latin, other side Han or Hangul: two words written together (Xi Jinping -> xijinping,
//   Jong-un -> jongun).
// Only the forms found on both sides of a document count, like every anchor; a Han run has
// a form for every 2 to 4 characters, so for Han the other side's anchors are given (known)
// and a form is extended only while it begins one of them.
struct KnownAnchors {
  // Hashes of the anchors and of their beginnings: a false match only adds an anchor that is
  // then dropped as not found on the other side.
  std::unordered_set<uint64_t> whole, prefixes;
  explicit KnownAnchors(const std::vector<std::vector<std::string>>& anchors) {
    for (const auto& sentence : anchors) {
      for (const std::string& a : sentence) {
        if (!whole.insert(Hash(a)).second) continue;
        for (size_t n = 1; n <= a.size(); ++n) prefixes.insert(Hash(std::string_view(a).substr(0, n)));
      }
    }
  }
  static uint64_t Hash(std::string_view s) { return std::hash<std::string_view>()(s); }
  bool Begins(std::string_view s) const { return prefixes.count(Hash(s)) > 0; }
  bool Has(std::string_view s) const { return whole.count(Hash(s)) > 0; }
};

// names (when given) receives the forms a Han side may match: the Latin side's capitalized
// words and pairs, a Hangul side's word beginnings.
void AddNameAnchors(std::string_view text, const std::vector<Token>& tokens, Script own, Script other,
                    const KnownAnchors* known, std::vector<std::string>* out, std::vector<std::string>* names) {
  if (own == other || own == Script::kOther || other == Script::kOther) return;
  auto code_point = [](const Token& t) -> char32_t {
    int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(t.folded.data()), i, static_cast<int32_t>(t.folded.size()), c);
    return c < 0 ? 0 : static_cast<char32_t>(c);
  };
  constexpr size_t kMin = 2, kMax = 4;  // characters or syllables of a name
  const Token::Kind kind = own == Script::kHan ? Token::Kind::kHan : Token::Kind::kHangul;
  if (own == Script::kLatin) {
    // Names are capitalized: such a word alone (already an anchor), or with the next word
    // after nothing or a hyphen.
    auto capitalized = [&](const Token& t) {
      int32_t at = static_cast<int32_t>(t.begin);
      UChar32 c = 0;
      U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), at, static_cast<int32_t>(text.size()), c);
      return c >= 0 && u_isupper(c);
    };
    auto letters = [](const std::string& w) {
      return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    };
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].kind != Token::Kind::kWord || !capitalized(tokens[i])) continue;
      std::string a = AsciiLatin(tokens[i].folded);
      if (!letters(a)) continue;
      if (names && a.size() >= 4) names->push_back(a);
      size_t j = i + 1;
      if (j + 1 < tokens.size() && tokens[j].folded == "-" && tokens[j].begin == tokens[i].end &&
          tokens[j + 1].begin == tokens[j].end)
        ++j;
      if (j >= tokens.size() || tokens[j].kind != Token::Kind::kWord) continue;
      std::string b = AsciiLatin(tokens[j].folded);
      if (!letters(b) || a.size() + b.size() < 4) continue;
      out->push_back(a + b);
      if (names) names->push_back(a + b);
    }
    return;
  }
  const std::string ns = other == Script::kLatin ? "" : "h:";  // Hangul forms apart
  const bool readings = own == Script::kHan && other == Script::kHangul;  // Sino-Korean
  for (size_t i = 0; i < tokens.size();) {
    if (tokens[i].kind != kind) {
      ++i;
      continue;
    }
    size_t end = i + 1;  // the run [i, end)
    while (end < tokens.size() && tokens[end].kind == kind && tokens[end].begin == tokens[end - 1].end) ++end;
    // Each start of a Han run; only the start of a Hangul word (a name takes particles).
    const size_t last_start = own == Script::kHan ? end : i + 1;
    for (size_t a = i; a < last_start; ++a) {
      // The form, and for Sino-Korean readings the form after the initial-sound rule.
      std::string form = ns, initial = ns;
      for (size_t b = a; b < end && b - a < kMax; ++b) {
        char32_t c = code_point(tokens[b]);
        std::string_view part;
        if (own == Script::kHan && other == Script::kLatin) {
          part = HanPinyin(c);
        } else if (own == Script::kHan) {
          part = SinoKoreanReading(c);
        } else if (other == Script::kLatin) {
          part = HangulLatin(c);
        } else {
          part = tokens[b].folded;
        }
        if (part.empty()) break;
        form += part;
        initial = !readings ? "" : b == a ? ns + InitialSoundRule(part) : initial + std::string(part);
        if (known && !known->Begins(form) && !(readings && known->Begins(initial))) break;
        if (b + 1 - a < kMin || form.size() < ns.size() + 4 * (other == Script::kLatin)) continue;
        for (const std::string* f : {&form, &initial}) {
          if (f->empty() || (f == &initial && initial == form)) continue;
          if (known && !known->Has(*f)) continue;
          out->push_back(*f);
          if (names) names->push_back(*f);
        }
      }
    }
    i = end;
  }
}

double NormalTail(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

// -log of the probability of a length difference z (in standard deviations) or larger. A
// mixture: 90 % Gale and Church's normal model, 10 % one three times as wide, for the pairs
// that real translations (and news) rephrase freely; without the wide part such a pair costs
// more than a deletion and an insertion and is torn apart. Measured (strict F1, against the
// normal model alone): ko-en news 0.897 -> 0.932, with merges 0.828 -> 0.845, Text+Berg
// 0.857 -> 0.865, Bible en-zh 0.935 -> 0.934. (A per-document variance estimated from the
// first pass's 1-1 beads did worse on the Korean sets: 0.914 and 0.842.)
double ExactLengthCost(double z) {
  constexpr double kWide = 0.1, kWidth = 3;
  double p = (1 - kWide) * NormalTail(z) + kWide * NormalTail(z / kWidth);
  return p > 1e-300 ? -std::log(p) : 690.0;
}

// The length cost ExactLengthCost(z), from a table with linear
// interpolation (steps of 1/256; the error is below 2e-6, as the curve bends by about 1):
// erfc and log for every bead tried took 45 % of the aligner's time.
double LengthCost(double z) {
  constexpr double kSteps = 256, kMax = 40;
  static const std::vector<double> table = [] {
    std::vector<double> t(static_cast<size_t>(kMax * kSteps) + 2);
    for (size_t i = 0; i < t.size(); ++i) t[i] = ExactLengthCost(static_cast<double>(i) / kSteps);
    return t;
  }();
  double x = std::fabs(z) * kSteps;
  if (!(x < kMax * kSteps)) return ExactLengthCost(z);
  auto i = static_cast<size_t>(x);
  double f = x - static_cast<double>(i);
  return table[i] + (table[i + 1] - table[i]) * f;
}

}  // namespace

double BeadConfidence(const Bead& bead) {
  // A good 1-1 bead costs about 0.1-3; map cost to (0, 1].
  return std::exp(-std::max(0.0, bead.cost) / 6.0);
}

namespace {

// What the passes share, made once: each sentence's length, anchors and content tokens.
struct Prepared {
  size_t n = 0, m = 0;
  double c = 1;                          // target characters per source character
  std::vector<double> ps, pt;            // prefix sums of the sentences' lengths
  // The anchors of the sentences [x - span, x) as sorted ids, for every span a bead can
  // have: span_s[span][x], span_t[span][x]. The search asks for them for every bead it tries.
  std::vector<std::vector<std::vector<int>>> span_s, span_t;
  // The same without the dictionary's anchors, for the first pass (empty: as span_s, span_t).
  std::vector<std::vector<std::vector<int>>> first_span_s, first_span_t;
  std::vector<std::vector<double>> inv_sd;  // [span][i]: 1 / sd of the target length of [i - span, i)
  double unmatched_cost = 0;             // of an anchor found on one side of a bead only
  // Content tokens (not punctuation or numbers) of each sentence as ids, distinct, sorted.
  std::vector<std::vector<int>> content_s, content_t;
  size_t source_words = 0;               // distinct source content tokens
  // Each sentence's shape (text/sentence_shape.h).
  struct Shape {
    uint8_t end, start;
    bool fragment;
  };
  std::vector<Shape> shape_s, shape_t;
};

Prepared Prepare(const std::vector<std::string>& source, const std::vector<std::string>& target,
                 const AlignOptions& options);

// What a first alignment teaches the second: for each source content token, the target
// tokens it most often goes with; and how the document's beads end and begin.
struct Lexicon {
  std::vector<std::vector<int>> translations;  // source id -> target ids
  bool empty() const { return translations.empty(); }
  // [SentenceEnd of a bead's last source sentence][that of its last target one]: the cost of a
  // bead ending so (-log of how much likelier the pair is in a bead than by chance).
  std::vector<double> end_cost;
  std::vector<double> start_cost;  // the same for the bead's first sentences (SentenceStart)
};

// guide: when not empty, the band follows it (guide[i]: the target position of the path
// at source position i) instead of the diagonal, with a narrower half-width.
std::vector<Bead> AlignPass(const Prepared& doc, const AlignOptions& options, const Lexicon& lex,
                            const std::vector<size_t>& guide);

}  // namespace

// Two passes: the first by length and anchors; a lexicon (IBM Model 1 over its confident
// beads) learned from it; the second, near the first one's path, with the lexicon as well.
namespace {

// Numbers the distinct (source id, target id) pairs in the order they come: open addressing
// with linear probing (a node-based map's allocations took a quarter of the aligner's time).
class PairSlots {
 public:
  // The slot of key (x << 32 | y), and whether it is new.
  std::pair<uint32_t, bool> Insert(uint64_t key) {
    if (2 * (size_ + 1) > table_.size()) Grow();
    const size_t mask = table_.size() - 1;
    for (size_t h = Mix(key) & mask;; h = (h + 1) & mask) {
      if (table_[h].key == kEmpty) {
        table_[h] = {key, size_};
        return {size_++, true};
      }
      if (table_[h].key == key) return {table_[h].slot, false};
    }
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};  // ids are below 2^31: never a key
  struct Entry {
    uint64_t key = kEmpty;
    uint32_t slot = 0;
  };
  static size_t Mix(uint64_t k) {  // MurmurHash3's finalizer
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return static_cast<size_t>(k);
  }
  void Grow() {
    std::vector<Entry> old(std::max<size_t>(1 << 12, table_.size() * 2));
    old.swap(table_);
    const size_t mask = table_.size() - 1;
    for (const Entry& e : old) {
      if (e.key == kEmpty) continue;
      size_t h = Mix(e.key) & mask;
      while (table_[h].key != kEmpty) h = (h + 1) & mask;
      table_[h] = e;
    }
  }
  std::vector<Entry> table_;
  uint32_t size_ = 0;
};

// A lexicon learned from the confident beads of an alignment: for each content token of the
// source, its likeliest translations among the target's tokens (IBM Model 1 probability of
// 0.2 or more, at most 3).
// False when there are too few confident beads to learn from.
bool LearnLexicon(const Prepared& doc, const std::vector<Bead>& beads, Lexicon* out) {
  Lexicon lex;
  // Every (source token, target token) pair met in a confident bead gets a slot; cells
  // lists each bead's |S| x |T| slots, row by row, for EM.
  PairSlots index;
  std::vector<uint64_t> keys;   // by slot
  std::vector<int> seen;        // by slot: the beads the pair occurs in
  std::vector<uint32_t> cells;
  size_t used = 0;
  std::vector<std::pair<std::vector<int>, std::vector<int>>> pairs;  // for EM
  for (const Bead& b : beads) {
    if (b.source.empty() || b.target.empty() || BeadConfidence(b) < 0.5) continue;
    std::vector<int> S, T;
    for (size_t i : b.source) S.insert(S.end(), doc.content_s[i].begin(), doc.content_s[i].end());
    for (size_t j : b.target) T.insert(T.end(), doc.content_t[j].begin(), doc.content_t[j].end());
    std::sort(S.begin(), S.end());
    S.erase(std::unique(S.begin(), S.end()), S.end());
    std::sort(T.begin(), T.end());
    T.erase(std::unique(T.begin(), T.end()), T.end());
    for (int x : S) {
      for (int y : T) {
        uint64_t key = (static_cast<uint64_t>(x) << 32) | static_cast<uint32_t>(y);
        auto [slot, added] = index.Insert(key);
        if (added) {
          keys.push_back(key);
          seen.push_back(0);
        }
        ++seen[slot];
        cells.push_back(slot);
      }
    }
    pairs.emplace_back(std::move(S), std::move(T));
    ++used;
  }
  if (used < 20) return false;  // too little to learn from
  lex.translations.assign(doc.source_words, {});
  std::vector<std::vector<std::pair<double, int>>> best(doc.source_words);
  // IBM Model 1 (target given source, with an empty source word), trained by EM over the
  // confident beads: unlike an association score, it explains each target word by the one
  // source word that best accounts for it, so frequent words stop looking like the
  // translation of everything. Pairs seen in fewer than 2 beads are trained but not kept.
  // t(y | x) and its expected count side by side: EM reads one and adds to the other for
  // the same pair, in an order the memory cannot predict.
  struct Cell {
    double t = 1.0, count = 0.0;
  };
  std::vector<Cell> model(keys.size());
  std::vector<double> total(doc.source_words);
  constexpr double kNullT = 0.05;  // t(y | empty source word), fixed
  for (int iter = 0; iter < 5; ++iter) {
    for (Cell& cell : model) cell.count = 0.0;
    std::fill(total.begin(), total.end(), 0.0);
    size_t at = 0;
    for (const auto& [S, T] : pairs) {
      const size_t cols = T.size();
      for (size_t b = 0; b < cols; ++b) {
        double z = kNullT;
        for (size_t a = 0; a < S.size(); ++a) z += model[cells[at + a * cols + b]].t;
        for (size_t a = 0; a < S.size(); ++a) {
          Cell& cell = model[cells[at + a * cols + b]];
          double f = cell.t / z;
          cell.count += f;
          total[static_cast<size_t>(S[a])] += f;
        }
      }
      at += S.size() * cols;
    }
    for (size_t k = 0; k < keys.size(); ++k) {
      double tx = total[keys[k] >> 32];
      model[k].t = tx > 0 ? model[k].count / tx : 0.0;
    }
  }
  for (size_t k = 0; k < keys.size(); ++k) {
    if (model[k].t < 0.2 || seen[k] < 2) continue;
    best[keys[k] >> 32].emplace_back(model[k].t, static_cast<int>(keys[k] & 0xFFFFFFFFu));
  }
  for (size_t x = 0; x < best.size(); ++x) {
    std::sort(best[x].rbegin(), best[x].rend());
    for (size_t k = 0; k < best[x].size() && k < 3; ++k)
      lex.translations[x].push_back(best[x][k].second);
  }
  *out = std::move(lex);
  return true;
}

// The cost of a pair of classes (SentenceEnd or SentenceStart), one of each side's sentence at a
// bead's boundary, learned from the confident beads of an alignment: weight times minus the
// log of how much more often the pair meets there than two sentences drawn at random from
// the texts (add-one smoothed). Empty when there are fewer than 20 such beads.
// cls(shape) is the class; pick(sentence ids) the bead's sentence at that boundary.
template <typename Class, typename Pick>
std::vector<double> LearnBoundary(const Prepared& doc, const std::vector<Bead>& beads, double weight, Class cls,
                                  Pick pick) {
  constexpr int K = kShapeClasses;
  std::vector<double> joint(K * K, 0.0), ms(K, 1.0), mt(K, 1.0);
  double n = 0;
  for (const Bead& b : beads) {
    if (b.source.empty() || b.target.empty() || BeadConfidence(b) < 0.5) continue;
    joint[cls(doc.shape_s[pick(b.source)]) * K + cls(doc.shape_t[pick(b.target)])] += 1;
    n += 1;
  }
  if (n < 20) return {};
  for (const Prepared::Shape& x : doc.shape_s) ms[cls(x)] += 1;
  for (const Prepared::Shape& x : doc.shape_t) mt[cls(x)] += 1;
  const double ns = static_cast<double>(doc.shape_s.size()) + K, nt = static_cast<double>(doc.shape_t.size()) + K;
  std::vector<double> cost(K * K, 0.0);  // class 0 (no word) costs nothing
  for (int a = 1; a < K; ++a) {
    for (int b = 1; b < K; ++b) {
      double p = (joint[a * K + b] + 1.0) / (n + K * K);
      double chance = (ms[a] / ns) * (mt[b] / nt);
      cost[a * K + b] = -weight * std::log(p / chance);
    }
  }
  return cost;
}

// How beads end and begin, learned from an alignment: between German and French a question
// ends in a question mark on both sides, while an English Bible verse ending in a colon
// often meets a Chinese one ending in a full stop; each document teaches its own. Strict F1
// with the end model (weight 0.5) and the start model (0.3): Text+Berg 0.890 -> 0.8996,
// Bible 0.956 -> 0.957, ko-en news 0.974 -> 0.976, synthmerge 0.933 -> 0.932; weights of
// 0.4-0.6 and 0.2-0.3 give the same, 1.0 costs the Bible 0.004-0.007.
void LearnBoundaries(const Prepared& doc, const std::vector<Bead>& beads, Lexicon* lex) {
  lex->end_cost = LearnBoundary(
      doc, beads, 0.5, [](const Prepared::Shape& x) { return x.end; }, [](const auto& v) { return v.back(); });
  lex->start_cost = LearnBoundary(
      doc, beads, 0.3, [](const Prepared::Shape& x) { return x.start; }, [](const auto& v) { return v.front(); });
}

// For each source position, the target position an alignment's path reaches there.
std::vector<size_t> GuideOf(const std::vector<Bead>& beads, size_t n) {
  const size_t unset = static_cast<size_t>(-1);
  std::vector<size_t> guide(n + 1, unset);
  size_t gi = 0, gj = 0;
  guide[0] = 0;
  for (const Bead& b : beads) {
    gi += b.source.size();
    gj += b.target.size();
    guide[gi] = gj;
  }
  for (size_t i = 1; i <= n; ++i) {
    if (guide[i] == unset) guide[i] = guide[i - 1];  // rows inside a many-to-one bead
  }
  return guide;
}

}  // namespace

std::vector<Bead> AlignSentences(const std::vector<std::string>& source,
                                 const std::vector<std::string>& target,
                                 const AlignOptions& options) {
  const Prepared doc = Prepare(source, target, options);
  Lexicon none;
  std::vector<Bead> beads = AlignPass(doc, options, none, {});
  // Then search near the path found, with a lexicon learned from its confident beads and
  // the dictionary's anchors. (A third pass, learning again from the second, moved strict F1
  // by +0.003 on the Bible pair and -0.001 to -0.008 on the others: one it is.) A text too
  // short to learn from still gets the second pass when there is a dictionary.
  Lexicon lex;
  bool learned = LearnLexicon(doc, beads, &lex);
  if (learned) LearnBoundaries(doc, beads, &lex);
  if (learned || !doc.first_span_s.empty()) beads = AlignPass(doc, options, lex, GuideOf(beads, source.size()));
  return beads;
}

namespace {

Prepared Prepare(const std::vector<std::string>& source, const std::vector<std::string>& target,
                 const AlignOptions& options) {
  Prepared doc;
  const size_t n = doc.n = source.size(), m = doc.m = target.size();
  double total_s = 0, total_t = 0;
  doc.ps.assign(n + 1, 0);
  doc.pt.assign(m + 1, 0);
  for (size_t i = 0; i < n; ++i) total_s += doc.ps[i + 1] = static_cast<double>(CharCount(source[i]));
  for (size_t j = 0; j < m; ++j) total_t += doc.pt[j + 1] = static_cast<double>(CharCount(target[j]));
  for (size_t i = 0; i < n; ++i) doc.ps[i + 1] += doc.ps[i];
  for (size_t j = 0; j < m; ++j) doc.pt[j + 1] += doc.pt[j];
  const double c = doc.c = total_s > 0 ? total_t / total_s : 1.0;

  // Each sentence's tokens, once: its content token ids (distinct, sorted) and its anchors.
  const Script script_s = ScriptOf(options.source_lang), script_t = ScriptOf(options.target_lang);
  const bool cognates = script_s == Script::kLatin && script_t == Script::kLatin;
  auto tokenize = [](const std::vector<std::string>& text, std::vector<std::vector<Token>>* tokens,
                     std::vector<std::vector<int>>* content) {
    std::unordered_map<std::string, int> words;
    tokens->resize(text.size());
    content->resize(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      (*tokens)[i] = Tokenize(text[i]);
      std::vector<int>& ids = (*content)[i];
      for (const Token& t : (*tokens)[i]) {
        if (t.kind == Token::Kind::kPunct || t.kind == Token::Kind::kNumber) continue;
        ids.push_back(words.emplace(t.folded, static_cast<int>(words.size())).first->second);
      }
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    return words.size();
  };
  std::vector<std::vector<Token>> tokens_s, tokens_t;
  doc.source_words = tokenize(source, &tokens_s, &doc.content_s);
  auto shape = [](const std::string& x) {
    return Prepared::Shape{static_cast<uint8_t>(SentenceEnd(x)), static_cast<uint8_t>(SentenceStart(x)), IsFragment(x)};
  };
  for (const std::string& x : source) doc.shape_s.push_back(shape(x));
  for (const std::string& x : target) doc.shape_t.push_back(shape(x));
  tokenize(target, &tokens_t, &doc.content_t);
  auto anchors_of = [&](const std::vector<std::string>& text, const std::vector<std::vector<Token>>& tokens,
                        bool is_source, const KnownAnchors* known, std::vector<std::vector<std::string>>* names) {
    std::vector<std::vector<std::string>> raw(text.size());
    if (names) names->resize(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      raw[i] = Anchors(tokens[i], cognates);
      AddNameAnchors(text[i], tokens[i], is_source ? script_s : script_t, is_source ? script_t : script_s, known,
                     &raw[i], names ? &(*names)[i] : nullptr);
      if (options.extra_anchors) {
        for (std::string& x : options.extra_anchors(text[i], is_source)) raw[i].push_back("g:" + x);
      }
      if (options.lexicon_anchors) {
        for (std::string& x : options.lexicon_anchors(text[i], is_source)) raw[i].push_back("d:" + x);
      }
    }
    return raw;
  };
  // A Han side goes second, reading only the forms the other side has.
  std::vector<std::vector<std::string>> raw_s, raw_t, names;
  std::unique_ptr<KnownAnchors> known;
  if (script_s == Script::kHan && script_t != Script::kHan) {
    raw_t = anchors_of(target, tokens_t, false, nullptr, &names);
    known = std::make_unique<KnownAnchors>(names);
    raw_s = anchors_of(source, tokens_s, true, known.get(), nullptr);
  } else {
    const bool han_target = script_t == Script::kHan && script_s != Script::kHan;
    raw_s = anchors_of(source, tokens_s, true, nullptr, han_target ? &names : nullptr);
    if (han_target) known = std::make_unique<KnownAnchors>(names);
    raw_t = anchors_of(target, tokens_t, false, known.get(), nullptr);
  }
  std::unordered_set<std::string> in_s, in_t;
  for (const auto& r : raw_s) in_s.insert(r.begin(), r.end());
  for (const auto& r : raw_t) in_t.insert(r.begin(), r.end());

  // Anchors as sorted id lists per sentence, keeping those that occur on both sides.
  std::map<std::string, int> ids;
  auto intern = [&](const std::vector<std::string>& raw, const std::unordered_set<std::string>& other) {
    std::vector<int> v;
    for (const std::string& a : raw) {
      if (other.count(a)) v.push_back(ids.emplace(a, static_cast<int>(ids.size())).first->second);
    }
    std::sort(v.begin(), v.end());
    return v;
  };
  std::vector<std::vector<int>> as(n), at(m);
  for (size_t i = 0; i < n; ++i) as[i] = intern(raw_s[i], in_t);
  for (size_t j = 0; j < m; ++j) at[j] = intern(raw_t[j], in_s);

  size_t max_span = 1;
  for (const BeadType& b : kBeads) max_span = std::max<size_t>(max_span, std::max(b.s, b.t));
  auto spans_of = [&](const std::vector<std::vector<int>>& a) {
    std::vector<std::vector<std::vector<int>>> spans(max_span + 1);
    for (size_t span = 1; span <= max_span; ++span) {
      spans[span].resize(a.size() + 1);
      for (size_t x = span; x <= a.size(); ++x) {
        std::vector<int>& v = spans[span][x];
        for (size_t y = x - span; y < x; ++y) v.insert(v.end(), a[y].begin(), a[y].end());
        std::sort(v.begin(), v.end());
      }
    }
    return spans;
  };
  doc.span_s = spans_of(as);
  doc.span_t = spans_of(at);
  if (options.lexicon_anchors) {
    std::vector<bool> from_lexicon(ids.size());
    for (const auto& [anchor, id] : ids) from_lexicon[static_cast<size_t>(id)] = anchor.starts_with("d:");
    auto without = [&](std::vector<std::vector<int>> a) {
      for (auto& v : a) std::erase_if(v, [&](int id) { return from_lexicon[static_cast<size_t>(id)]; });
      return a;
    };
    doc.first_span_s = spans_of(without(as));
    doc.first_span_t = spans_of(without(at));
  }
  // An anchor found on one side of a bead and not the other counts against it only between
  // two Latin-script languages: across scripts, names are transliterated and numbers written
  // otherwise (1,000 / 1천), so its absence says little. Strict F1 with 0.75 across scripts
  // too: ko-en news 0.931 and with merges 0.856, against 0.975 and 0.926 without; Text+Berg
  // de-fr 0.890 with it, 0.877 without; Bible en-zh 0.957 either way.
  doc.unmatched_cost = cognates ? 0.75 : 0.0;
  doc.inv_sd.assign(max_span + 1, std::vector<double>(n + 1, 0.0));
  for (size_t span = 1; span <= max_span; ++span) {
    for (size_t i = span; i <= n; ++i) {
      doc.inv_sd[span][i] = 1.0 / std::sqrt(options.variance * c * std::max(doc.ps[i] - doc.ps[i - span], 1.0));
    }
  }
  return doc;
}

std::vector<Bead> AlignPass(const Prepared& doc, const AlignOptions& options, const Lexicon& lex,
                            const std::vector<size_t>& guide) {
  const size_t n = doc.n, m = doc.m;
  const double c = doc.c, unmatched_cost = doc.unmatched_cost;
  const std::vector<double>&ps = doc.ps, &pt = doc.pt;
  const bool first_pass = guide.empty() && !doc.first_span_s.empty();
  const auto& span_s = first_pass ? doc.first_span_s : doc.span_s;
  const auto& span_t = first_pass ? doc.first_span_t : doc.span_t;
  const auto& inv_sd = doc.inv_sd;
  // The anchor cost of the bead of source sentences [i - bs, i) and target ones [j - bt, j).
  auto anchor_cost = [&](size_t i, size_t bs, size_t j, size_t bt) {
    const std::vector<int>& sa = span_s[bs][i];
    const std::vector<int>& ta = span_t[bt][j];
    if (sa.empty() || ta.empty()) return unmatched_cost * static_cast<double>(sa.size() + ta.size());
    size_t a = 0, b = 0;
    int matched = 0;
    while (a < sa.size() && b < ta.size()) {
      if (sa[a] == ta[b])
        ++matched, ++a, ++b;
      else if (sa[a] < ta[b])
        ++a;
      else
        ++b;
    }
    int unmatched = static_cast<int>(sa.size() + ta.size()) - 2 * matched;
    return -1.5 * matched + unmatched_cost * unmatched;
  };

  const double inf = std::numeric_limits<double>::infinity();
  // A band around the diagonal (or the guide), wide enough for the drift of most documents,
  // and twice as wide again while the best path inside it runs within kEdge cells of its
  // edge (the best one may lie outside) or cannot reach the end. The Bible pair drifts 130
  // verses from the diagonal: its band of 157 holds it (with 105, the path meets the edge
  // and the search runs again with 210; the same beads either way).
  size_t w = options.band    ? options.band
             : guide.empty() ? std::max<size_t>(100, std::max(n, m) / 40)
                             : 24;
  constexpr size_t kEdge = 4;
  // With corners, row i's columns lie between the corners before it and those after it (a
  // cell before a corner in one coordinate and after it in the other cannot be on the path),
  // and a bead from a cell may not go past the next corner not yet reached.
  const auto& corners = options.corners;
  std::vector<size_t> corridor_lo(n + 1, 0), corridor_hi(n + 1, m), first_corner(n + 1, corners.size());
  for (size_t i = 0, k = 0, at = 0; i <= n; ++i) {
    while (k < corners.size() && corners[k].first < i) at = std::max(at, corners[k++].second);
    corridor_lo[i] = at;
    first_corner[i] = k;  // the first corner on row i or after it
  }
  for (size_t i = n + 1, k = corners.size(), at = m; i-- > 0;) {
    while (k > 0 && corners[k - 1].first > i) at = std::min(at, corners[--k].second);
    corridor_hi[i] = std::max(at, corridor_lo[i]);
  }
  // Whether the bead from (i0, j0) to (i1, j1) stays before the next corner or on it.
  auto within = [&](size_t i0, size_t j0, size_t i1, size_t j1) {
    size_t k = first_corner[i0];
    while (k < corners.size() && corners[k].first == i0 && corners[k].second <= j0) ++k;
    return k == corners.size() || (i1 <= corners[k].first && j1 <= corners[k].second);
  };
  for (;;) {
    // Rows of the band: for row i, columns [lo(i), hi(i)].
    auto center = [&](size_t i) {
      if (!guide.empty()) return static_cast<double>(guide[i]);
      return n ? static_cast<double>(i) * static_cast<double>(m) / static_cast<double>(n) : 0.0;
    };
    auto lo = [&](size_t i) {
      return static_cast<size_t>(std::max(0.0, center(i) - static_cast<double>(w)));
    };
    auto hi = [&](size_t i) {
      return static_cast<size_t>(
          std::min(static_cast<double>(m), center(i) + static_cast<double>(w)));
    };
    // Each row's first and last column, computed once (the search asks for them for every
    // bead it tries).
    std::vector<size_t> first_col(n + 1), last_col(n + 1);
    for (size_t i = 0; i <= n; ++i) {
      first_col[i] = std::max(i == 0 ? size_t(0) : lo(i), corridor_lo[i]);
      last_col[i] = std::min(i == n ? m : hi(i), corridor_hi[i]);
      if (first_col[i] > last_col[i]) {  // the band misses the corridor: take the corridor
        first_col[i] = corridor_lo[i];
        last_col[i] = corridor_hi[i];
      }
    }
    std::vector<std::vector<double>> cost(n + 1);
    std::vector<std::vector<signed char>> back(n + 1);
    for (size_t i = 0; i <= n; ++i) {
      size_t width = last_col[i] - first_col[i] + 1;
      cost[i].assign(width, inf);
      back[i].assign(width, -1);
    }
    auto col0 = [&](size_t i) { return first_col[i]; };
    auto col1 = [&](size_t i) { return last_col[i]; };
    auto get = [&](size_t i, size_t j) -> double {
      if (j < first_col[i] || j > last_col[i]) return inf;
      return cost[i][j - first_col[i]];
    };
    // Lexical matches within the band: for sentence pair (i, j), how many content tokens of
    // source sentence i have a translation among the tokens of target sentence j.
    std::vector<std::vector<uint16_t>> lexm(n);
    std::vector<int> translatable(n, 0);
    if (!lex.empty()) {
      // wanted[target id]: positions of this row's source tokens that it translates; the
      // ids touched are listed to clear them for the next row.
      int max_target = 0;
      for (const auto& tr : lex.translations) {
        for (int y : tr) max_target = std::max(max_target, y);
      }
      std::vector<std::vector<int>> wanted(static_cast<size_t>(max_target) + 1);
      std::vector<int> touched, seen;
      for (size_t i = 0; i < n; ++i) {
        for (int y : touched) wanted[y].clear();
        touched.clear();
        const std::vector<int>& toks = doc.content_s[i];
        for (size_t k = 0; k < toks.size(); ++k) {
          const auto& tr = lex.translations[toks[k]];
          if (!tr.empty()) ++translatable[i];
          for (int y : tr) {
            if (wanted[y].empty()) touched.push_back(y);
            wanted[y].push_back(static_cast<int>(k));
          }
        }
        size_t c0 = col0(i), c1 = col1(i);
        lexm[i].assign(c1 - c0 + 1, 0);
        if (touched.empty()) continue;
        seen.assign(toks.size(), -1);
        for (size_t j = c0; j <= c1 && j < m; ++j) {
          int count = 0;
          for (int y : doc.content_t[j]) {
            if (y > max_target) continue;
            for (int k : wanted[y]) {
              if (seen[k] != static_cast<int>(j)) {
                seen[k] = static_cast<int>(j);
                ++count;
              }
            }
          }
          lexm[i][j - c0] = static_cast<uint16_t>(std::min(count, 65535));
        }
      }
    }
    auto lex_cost = [&](size_t i0, size_t i1, size_t j0, size_t j1) {
      if (lex.empty()) return 0.0;
      int total = 0, matched = 0;
      for (size_t i = i0; i < i1; ++i) {
        total += translatable[i];
        int got = 0;
        size_t c0 = col0(i);
        for (size_t j = j0; j < j1; ++j) {
          if (j >= c0 && j - c0 < lexm[i].size()) got += lexm[i][j - c0];
        }
        matched += std::min(got, translatable[i]);
      }
      if (total == 0) return 0.0;
      double q = static_cast<double>(matched) / total;
      return 4.0 * (0.4 - q) * std::min(1.0, total / 4.0);
    };
    // Row by row; within a row, bead type by bead type over the columns (the previous rows
    // read in order), then the insertions (0-1, from the same row) from left to right. On
    // equal costs the bead listed first in kBeads wins.
    for (size_t i = 0; i <= n; ++i) {
      std::vector<double>& row = cost[i];
      std::vector<signed char>& brow = back[i];
      const size_t c0 = col0(i), c1 = col1(i);
      if (i == 0) row[0] = 0;
      for (int k = 0; k < static_cast<int>(std::size(kBeads)); ++k) {
        const BeadType& b = kBeads[k];
        const size_t bs = static_cast<size_t>(b.s), bt = static_cast<size_t>(b.t);
        if (bs == 0 || bs > i) continue;
        const std::vector<double>& prow = cost[i - bs];
        const size_t p0 = col0(i - bs), p1 = col1(i - bs);
        const size_t j0 = std::max(c0, p0 + bt), j1 = std::min(c1, p1 + bt);
        // What depends on the row alone: the source length, and whether the source side
        // has anchors (without any, and with no cost for unmatched ones, anchors cost 0).
        const double expected = c * (ps[i] - ps[i - bs]), scale = inv_sd[bs][i];
        const bool anchors = !span_s[bs][i].empty() || unmatched_cost != 0;
        // The learned costs of how the bead ends and begins, by the target's classes.
        const double* end_cost = lex.end_cost.empty() ? nullptr : &lex.end_cost[doc.shape_s[i - 1].end * kShapeClasses];
        const double* start_cost =
            lex.start_cost.empty() ? nullptr : &lex.start_cost[doc.shape_s[i - bs].start * kShapeClasses];
        for (size_t j = j0; j <= j1; ++j) {
          double v = prow[j - bt - p0];
          if (v == inf) continue;
          if (!corners.empty() && !within(i - bs, j - bt, i, j)) continue;
          v += bt == 0 && doc.shape_s[i - 1].fragment ? kFragmentPenalty : b.penalty;
          if (bt > 0) {
            v += LengthCost((pt[j] - pt[j - bt] - expected) * scale);
            if (anchors) v += anchor_cost(i, bs, j, bt);
            if (!lex.empty()) v += lex_cost(i - bs, i, j - bt, j);
            if (end_cost) v += end_cost[doc.shape_t[j - 1].end] + start_cost[doc.shape_t[j - bt].start];
          }
          if (v < row[j - c0]) {
            row[j - c0] = v;
            brow[j - c0] = static_cast<signed char>(k);
          }
        }
      }
      for (int k = 0; k < static_cast<int>(std::size(kBeads)); ++k) {
        const BeadType& b = kBeads[k];
        if (b.s != 0) continue;
        const size_t bt = static_cast<size_t>(b.t);
        for (size_t j = std::max(c0 + bt, size_t(1)); j <= c1; ++j) {
          if (i == 0 && j == 0) continue;
          double v = row[j - bt - c0];
          if (v == inf) continue;
          v += doc.shape_t[j - 1].fragment ? kFragmentPenalty : b.penalty;
          double& cur = row[j - c0];
          if (v < cur || (v == cur && k < brow[j - c0])) {
            cur = v;
            brow[j - c0] = static_cast<signed char>(k);
          }
        }
      }
    }
    std::vector<Bead> beads;
    size_t i = n, j = m;
    bool at_edge = false;  // the path runs along the band's edge: the best may lie outside
    while (i > 0 || j > 0) {
      int k = back[i][j - col0(i)];
      if (k < 0) break;  // unreachable inside the band; cannot happen with a full band
      // Near the band's own edge, not the corridor's (the path meets paragraph corners).
      if ((col0(i) > corridor_lo[i] && j < col0(i) + kEdge) || (col1(i) < corridor_hi[i] && j + kEdge > col1(i)))
        at_edge = true;
      const BeadType& b = kBeads[k];
      Bead bead;
      for (size_t x = i - b.s; x < i; ++x) bead.source.push_back(x);
      for (size_t y = j - b.t; y < j; ++y) bead.target.push_back(y);
      bead.cost = get(i, j) - get(i - b.s, j - b.t);
      beads.push_back(std::move(bead));
      i -= b.s;
      j -= b.t;
    }
    std::reverse(beads.begin(), beads.end());
    if (i == 0 && j == 0 && (!at_edge || options.band)) return beads;  // a given band is kept
    if (w >= std::max(n, m)) return beads;  // the full band: nothing outside
    w *= 2;
  }
}

}  // namespace

}  // namespace tmkit
