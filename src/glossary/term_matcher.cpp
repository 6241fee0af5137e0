#include "glossary/term_matcher.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <unordered_map>

#include "text/fold.h"
#include "text/korean.h"
#include "text/lang_match.h"
#include "text/lang_tag.h"
#include "util/error.h"

namespace tmkit {

namespace {

// How a character takes part in boundaries.
enum CharClass : uint8_t {
  kNone,      // punctuation, symbols, spaces: always a boundary
  kWord,      // letters, digits and marks of scripts written with spaces
  kHangul,    // Hangul syllables and jamo
  kUnspaced,  // Han, kana and other scripts written without spaces: no boundaries
};

CharClass ClassOf(UChar32 c) {
  if (c < 0x80) {
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') ? kWord : kNone;
  }
  if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F)) {
    return kUnspaced;  // kana, with ー and the voicing marks (script Common or Inherited)
  }
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  bool letter = u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC) ||
                u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK;
  if (!letter) return kNone;
  switch (script) {
    case USCRIPT_HANGUL:
      return kHangul;
    case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: case USCRIPT_BOPOMOFO:
    case USCRIPT_YI: case USCRIPT_THAI: case USCRIPT_LAO: case USCRIPT_KHMER:
    case USCRIPT_MYANMAR: case USCRIPT_TIBETAN:
      return kUnspaced;
    default:
      return kWord;
  }
}

bool IsSpace(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(c);
}

// The code point at byte i of s (valid or not: U+FFFD), and the byte after it in *next.
UChar32 CodePointAt(std::string_view s, size_t i, size_t* next) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  if (p[i] < 0x80) {
    *next = i + 1;
    return p[i];
  }
  UChar32 c;
  U8_NEXT(p, i, s.size(), c);
  *next = i;
  return c < 0 ? 0xFFFD : c;
}

// The code point before byte i (> 0) of s.
UChar32 CodePointBefore(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  if (p[i - 1] < 0x80) return p[i - 1];
  size_t b = i - 1;
  while (b > 0 && i - b < 4 && (p[b] & 0xC0) == 0x80) --b;
  size_t next;
  UChar32 c = CodePointAt(s, b, &next);
  return next == i ? c : 0xFFFD;
}

const icu::Normalizer2& Normalizer(bool casefold) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = casefold ? icu::Normalizer2::getNFKCCasefoldInstance(status)
                                       : icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw Error(Error::Kind::kIo, "ICU NFKC data is not available");
  return *n;
}

// NFKC of utf8 (no case folding) with FoldForMatch's quote and dash unification.
std::string FoldKeepCase(std::string_view utf8) {
  std::string nfkc;
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&nfkc, static_cast<int32_t>(utf8.size()));
  Normalizer(false).normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())),
                                  sink, nullptr, status);
  if (U_FAILURE(status)) nfkc.assign(utf8);
  std::string out;
  for (size_t i = 0; i < nfkc.size();) {
    size_t next;
    UChar32 c = CodePointAt(nfkc, i, &next);
    switch (c) {
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
        out.push_back('\'');
        break;
      case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
      case 0x2033: case 0x301D: case 0x301E:
        out.push_back('"');
        break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
      case 0x2212: case 0xFE58: case 0xFE63:
        out.push_back('-');
        break;
      default:
        out.append(nfkc, i, next - i);
    }
    i = next;
  }
  return out;
}

// FoldForMatch of one code point, remembered: most text repeats a small set of characters.
const std::string& FoldCodePoint(UChar32 c) {
  thread_local std::unordered_map<UChar32, std::string> cache;
  auto it = cache.find(c);
  if (it != cache.end()) return it->second;
  char buf[4];
  size_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  return cache.emplace(c, FoldForMatch(std::string_view(buf, len))).first->second;
}

// Whether a white space run between code points a and b is dropped: Korean spacing varies.
bool JoinsAcrossSpace(UChar32 a, UChar32 b) {
  CharClass ca = ClassOf(a), cb = ClassOf(b);
  return (ca == kHangul && (cb == kHangul || cb == kWord)) || (cb == kHangul && ca == kWord);
}

size_t ApostropheAt(std::string_view s, size_t i) {
  if (i < s.size() && s[i] == '\'') return 1;
  if (s.substr(i, 3) == "\u2019") return 3;
  return 0;
}

}  // namespace

// The matching form of a text, and for each of its bytes the original bytes it came from
// (a normalisation segment: a character with the combining marks that follow it, or a white
// space run). Only whole segments can be matched.
struct TermMatcher::Folded {
  std::string text;
  std::vector<uint32_t> begin, end;  // empty unless with_map
};

struct TermMatcher::Candidate {
  size_t begin, end, particle_end;
  uint32_t term;
};

namespace {

// Folds s for matching (casefold) or for case-sensitive comparison, into *out.
template <typename FoldedT>
void FoldText(std::string_view s, bool casefold, bool with_map, FoldedT* out) {
  const icu::Normalizer2& norm = Normalizer(casefold);
  out->text.clear();
  out->text.reserve(s.size());
  if (with_map) {
    out->begin.clear();
    out->end.clear();
    out->begin.reserve(s.size());
    out->end.reserve(s.size());
  }
  auto map = [&](size_t b, size_t e) {
    if (!with_map) return;
    out->begin.resize(out->text.size(), static_cast<uint32_t>(b));
    out->end.resize(out->text.size(), static_cast<uint32_t>(e));
  };
  UChar32 prev = -1;  // the last character before a pending space run
  bool space = false;
  size_t space_begin = 0, space_end = 0;
  for (size_t i = 0; i < s.size();) {
    size_t next;
    UChar32 c = CodePointAt(s, i, &next);
    if (IsSpace(c)) {
      if (!space) space_begin = i;
      space = true;
      space_end = next;
      i = next;
      continue;
    }
    // The normalisation segment: c and what cannot be normalised apart from it.
    size_t seg_end = next;
    UChar32 last = c;
    while (seg_end < s.size()) {
      size_t after;
      UChar32 d = CodePointAt(s, seg_end, &after);
      if (d < 0x80 || IsSpace(d) || norm.hasBoundaryBefore(d)) break;
      last = d;
      seg_end = after;
    }
    if (space) {
      if (!out->text.empty() && !JoinsAcrossSpace(prev, c)) {
        out->text.push_back(' ');
        map(space_begin, space_end);
      }
      space = false;
    }
    if (seg_end == next && c < 0x80) {
      out->text.push_back(static_cast<char>(casefold && c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if (seg_end == next && casefold) {
      out->text.append(FoldCodePoint(c));
    } else {
      std::string_view seg = s.substr(i, seg_end - i);
      out->text.append(casefold ? FoldForMatch(seg) : FoldKeepCase(seg));
    }
    map(i, seg_end);
    prev = last;
    i = seg_end;
  }
}

struct NoMap {
  std::string text;
  std::vector<uint32_t> begin, end;
};

std::string Fold(std::string_view s, bool casefold) {
  NoMap f;
  FoldText(s, casefold, false, &f);
  return std::move(f.text);
}

}  // namespace

void TermMatcher::Add(uint32_t ref, std::string_view lang, std::string_view text, bool case_sensitive) {
  std::string key = Fold(text, true);
  if (key.empty()) return;
  if (terms_.size() >= std::numeric_limits<uint32_t>::max()) ThrowUsage("too many terms");
  TermInfo t;
  t.ref = ref;
  auto it = std::find(langs_.begin(), langs_.end(), lang);
  if (it == langs_.end()) {
    if (langs_.size() >= std::numeric_limits<uint16_t>::max()) ThrowUsage("too many term languages");
    langs_.emplace_back(lang);
    it = langs_.end() - 1;
  }
  t.lang = static_cast<uint16_t>(it - langs_.begin());
  t.case_sensitive = case_sensitive;
  t.has_ies_plural = false;
  t.english = PrimaryLanguage(lang) == "en";
  char last = key.back();
  t.ends_in_s = last == 's';
  t.sibilant = last == 's' || last == 'x' || last == 'z' || key.ends_with("ch") || key.ends_with("sh");
  size_t next;
  t.first_class = ClassOf(CodePointAt(key, 0, &next));
  t.last_class = ClassOf(CodePointBefore(key, key.size()));
  if (case_sensitive) t.exact = Fold(text, false);
  auto term = static_cast<uint32_t>(terms_.size());
  // -ies plural for a final consonant + y (army -> armies).
  if (t.english && key.size() >= 2 && last == 'y') {
    char before = key[key.size() - 2];
    if (before >= 'a' && before <= 'z' && std::string_view("aeiou").find(before) == std::string_view::npos) {
      std::string plural = key.substr(0, key.size() - 1) + "ies";
      pending_.push_back({plural, Entry{term, static_cast<uint32_t>(plural.size()), true}});
      t.has_ies_plural = true;
    }
  }
  pending_.push_back({key, Entry{term, static_cast<uint32_t>(key.size()), false}});
  terms_.push_back(std::move(t));
  built_ = false;
}

void TermMatcher::Build() {
  std::vector<uint32_t> order(pending_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    int c = pending_[a].first.compare(pending_[b].first);
    return c != 0 ? c < 0 : pending_[a].second.term < pending_[b].second.term;
  });
  auto key = [&](uint32_t i) -> const std::string& { return pending_[order[i]].first; };

  // States in breadth-first order, each with the range of sorted keys it is a prefix of.
  struct Work {
    uint32_t lo, hi, depth;
  };
  // At most one state per key byte: reserving that much keeps the vectors from moving (pages
  // never touched cost nothing).
  size_t max_states = 1;
  for (const auto& p : pending_) max_states += p.first.size();
  std::vector<Work> work;
  work.reserve(max_states);
  work.push_back({0, static_cast<uint32_t>(order.size()), 0});
  states_ = {};
  states_.reserve(max_states);
  states_.assign(1, State{});
  label_ = {};
  label_.reserve(max_states);
  label_.assign(1, 0);
  entries_.clear();
  for (size_t s = 0; s < work.size(); ++s) {
    auto [lo, hi, depth] = work[s];
    State& state = states_[s];
    state.entries_begin = static_cast<uint32_t>(entries_.size());
    while (lo < hi && key(lo).size() == depth) entries_.push_back(pending_[order[lo++]].second);
    if (entries_.size() - state.entries_begin > std::numeric_limits<uint16_t>::max()) {
      ThrowUsage("more than 65535 terms with the same matching form");
    }
    state.entry_count = static_cast<uint16_t>(entries_.size() - state.entries_begin);
    if (work.size() + 256 > std::numeric_limits<uint32_t>::max()) ThrowUsage("term base too large");
    state.first_child = static_cast<uint32_t>(work.size());
    while (lo < hi) {
      uint8_t b = static_cast<uint8_t>(key(lo)[depth]);
      uint32_t k = lo;
      while (k < hi && static_cast<uint8_t>(key(k)[depth]) == b) ++k;
      work.push_back({lo, k, depth + 1});
      label_.push_back(b);
      lo = k;
    }
    // (state may dangle after this resize: set the count through the index)
    states_.resize(work.size());
    states_[s].child_count = static_cast<uint16_t>(work.size() - states_[s].first_child);
  }
  std::fill(std::begin(root_next_), std::end(root_next_), 0u);
  const State& root = states_[0];
  for (uint32_t c = root.first_child; c < root.first_child + root.child_count; ++c) root_next_[label_[c]] = c;

  // Failure links (longest proper suffix that is a state) and dictionary links.
  work = {};
  for (uint32_t s = 0; s < states_.size(); ++s) {
    uint32_t first = states_[s].first_child, count = states_[s].child_count;
    for (uint32_t c = first; c < first + count; ++c) {
      uint32_t f = 0;
      if (s != 0) {
        uint32_t g = states_[s].fail;
        for (;;) {
          f = Child(g, label_[c]);
          if (f || g == 0) break;
          g = states_[g].fail;
        }
      }
      states_[c].fail = f;
      states_[c].dict = states_[f].entry_count ? f : states_[f].dict;
    }
  }
  static std::atomic<uint64_t> builds{0};
  build_id_ = ++builds;
  built_ = true;
}

uint32_t TermMatcher::Child(uint32_t state, uint8_t byte) const {
  if (state == 0) return root_next_[byte];
  uint32_t first = states_[state].first_child, count = states_[state].child_count;
  const uint8_t* labels = label_.data() + first;
  if (count <= 8) {
    for (uint32_t i = 0; i < count; ++i) {
      if (labels[i] == byte) return first + i;
    }
    return 0;
  }
  const uint8_t* it = std::lower_bound(labels, labels + count, byte);
  return it != labels + count && *it == byte ? first + static_cast<uint32_t>(it - labels) : 0;
}

void TermMatcher::Check(std::string_view text, const Folded& folded, size_t fold_end,
                        const Entry& entry, std::vector<Candidate>* out) const {
  const TermInfo& t = terms_[entry.term];
  size_t fold_begin = fold_end - entry.length;
  // Whole segments only (not half of a ligature or of a character with its accents).
  if (fold_begin > 0 && folded.begin[fold_begin] == folded.begin[fold_begin - 1]) return;
  if (fold_end < folded.text.size() && folded.begin[fold_end] == folded.begin[fold_end - 1]) return;
  size_t begin = folded.begin[fold_begin], end = folded.end[fold_end - 1];

  // Left boundary.
  if (begin > 0 && (t.first_class == kWord || t.first_class == kHangul) &&
      ClassOf(CodePointBefore(text, begin)) == t.first_class) {
    return;
  }

  // Right boundary, with an English plural or possessive or Korean particles.
  size_t term_end = end, particle_end = end;
  if (end < text.size() && (t.last_class == kWord || t.last_class == kHangul)) {
    size_t next;
    UChar32 c = CodePointAt(text, end, &next);
    CharClass after = ClassOf(c);
    auto korean_tail = [&]() {
      size_t k = end;
      while (k < text.size()) {
        size_t k2;
        if (!IsHangulSyllable(static_cast<char32_t>(CodePointAt(text, k, &k2)))) break;
        k = k2;
      }
      if (!IsParticleSequence(text.substr(end, k - end))) return false;
      particle_end = k;
      return true;
    };
    if (after == kHangul) {
      if (!korean_tail()) return;
    } else if (t.last_class == kWord && t.english) {
      auto boundary = [&](size_t k) {
        size_t k2;
        return k >= text.size() || ClassOf(CodePointAt(text, k, &k2)) != kWord;
      };
      auto lower = [&](size_t k) { return k < text.size() ? static_cast<char>(text[k] | 0x20) : '\0'; };
      // The term proper ends at q; then maybe a possessive.
      auto finish = [&](size_t q, bool ends_in_s) {
        size_t a = ApostropheAt(text, q);
        if (a == 0) {
          if (!boundary(q)) return false;
          term_end = particle_end = q;
          return true;
        }
        term_end = q;
        if (lower(q + a) == 's' && boundary(q + a + 1)) {
          particle_end = q + a + 1;  // 's
        } else if (boundary(q + a)) {
          particle_end = ends_in_s ? q + a : q;  // s' (or a closing quote)
        } else {
          return false;
        }
        return true;
      };
      bool ok = finish(end, t.ends_in_s || entry.ies_plural);
      if (!ok && !entry.ies_plural) {
        if (t.sibilant && lower(end) == 'e' && lower(end + 1) == 's') ok = finish(end + 2, true);
        if (!ok && !t.ends_in_s && !t.has_ies_plural && lower(end) == 's') ok = finish(end + 1, true);
      }
      if (!ok) return;
    } else if (after == kWord && t.last_class == kWord) {
      return;
    }  // Hangul followed by another script's letters: a change of script is a boundary
  }

  if (t.case_sensitive) {
    size_t stem_end = entry.ies_plural ? folded.end[fold_end - 4] : end;
    std::string_view want = t.exact;
    if (entry.ies_plural) want.remove_suffix(1);
    if (Fold(text.substr(begin, stem_end - begin), false) != want) return;
  }
  out->push_back({begin, term_end, particle_end, entry.term});
}

std::vector<TermMatcher::Hit> TermMatcher::Find(std::string_view text, std::string_view lang) const {
  if (!built_) ThrowUsage("TermMatcher::Find called before Build");
  if (text.size() >= std::numeric_limits<uint32_t>::max()) ThrowUsage("text too long for term matching");
  std::vector<Hit> hits;
  // Which term languages apply to lang, remembered per thread: ICU's likely subtags cost more
  // than scanning a short segment.
  thread_local uint64_t cached_build = 0;
  thread_local std::string cached_lang;
  thread_local std::vector<char> applies;
  if (cached_build != build_id_ || cached_lang != lang) {
    applies.assign(langs_.size(), 1);
    if (!lang.empty()) {
      for (size_t i = 0; i < langs_.size(); ++i) applies[i] = LangRequest(langs_[i]).Matches(lang);
    }
    cached_build = build_id_;
    cached_lang.assign(lang);
  }
  if (std::find(applies.begin(), applies.end(), 1) == applies.end()) return hits;
  if (text.empty() || entries_.empty()) return hits;

  Folded folded;
  FoldText(text, true, true, &folded);
  std::vector<Candidate> candidates;
  const auto* f = reinterpret_cast<const uint8_t*>(folded.text.data());
  uint32_t s = 0;
  for (size_t i = 0; i < folded.text.size(); ++i) {
    for (;;) {
      uint32_t t = Child(s, f[i]);
      if (t) {
        s = t;
        break;
      }
      if (s == 0) break;
      s = states_[s].fail;
    }
    for (uint32_t o = states_[s].entry_count ? s : states_[s].dict; o != 0; o = states_[o].dict) {
      const State& out = states_[o];
      for (uint32_t e = out.entries_begin; e < out.entries_begin + out.entry_count; ++e) {
        if (applies[terms_[entries_[e].term].lang]) Check(text, folded, i + 1, entries_[e], &candidates);
      }
    }
  }

  // Leftmost-longest, no overlaps; equal spans all kept, in the order the terms were added.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    if (a.particle_end != b.particle_end) return a.particle_end > b.particle_end;
    return a.term < b.term;
  });
  size_t free_from = 0;
  for (size_t i = 0; i < candidates.size();) {
    const Candidate& c = candidates[i];
    if (c.begin < free_from) {
      ++i;
      continue;
    }
    size_t j = i;
    for (; j < candidates.size() && candidates[j].begin == c.begin && candidates[j].end == c.end; ++j) {
      hits.push_back({terms_[candidates[j].term].ref, c.begin, c.end, candidates[j].particle_end});
    }
    free_from = c.particle_end;
    i = j;
  }
  return hits;
}

}  // namespace tmkit
