#include "match/lookup.h"

#include <algorithm>
#include <cctype>

#include "match/fuzzy_candidates.h"
#include "match/similarity.h"
#include "text/lang_match.h"
#include "tmx/seg.h"

namespace tmkit {

namespace {

// Replaces the only occurrence of from in s by to (as a whole number); false when from is
// not there exactly once.
bool ReplaceOnce(std::string* s, const std::string& from, const std::string& to) {
  size_t count = 0, at = std::string::npos;
  for (size_t p = s->find(from); p != std::string::npos; p = s->find(from, p + 1)) {
    bool left = p == 0 || !std::isdigit(static_cast<unsigned char>((*s)[p - 1]));
    size_t e = p + from.size();
    bool right = e >= s->size() || !std::isdigit(static_cast<unsigned char>((*s)[e]));
    if (left && right) {
      ++count;
      at = p;
    }
  }
  if (count != 1) return false;
  s->replace(at, from.size(), to);
  return true;
}

}  // namespace

bool AdaptNumbers(const std::string& query, LookupMatch* m) {
  MatchText q = AnalyzeText(query), src = AnalyzeText(m->source);
  if (q.tokens.size() != src.tokens.size()) return false;
  std::vector<std::pair<std::string, std::string>> changes;  // stored number -> query number
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    if (q.tokens[i].folded == src.tokens[i].folded) continue;
    if (q.tokens[i].kind != Token::Kind::kNumber || src.tokens[i].kind != Token::Kind::kNumber) {
      return false;
    }
    changes.emplace_back(m->source.substr(src.tokens[i].begin, src.tokens[i].end - src.tokens[i].begin),
                         query.substr(q.tokens[i].begin, q.tokens[i].end - q.tokens[i].begin));
  }
  if (changes.empty()) return false;
  std::string target = m->target, seg = m->target_seg;
  for (const auto& [from, to] : changes) {
    if (!ReplaceOnce(&target, from, to) || !ReplaceOnce(&seg, from, to)) return false;
  }
  m->target = target;
  m->target_seg = seg;
  m->adapted = true;
  return true;
}

namespace {

// A unit that matches, with what ranks it; the rest of its LookupMatch is made only for the
// matches kept (Describe).
struct Scored {
  double score = 0;
  std::string changedate;  // of the unit, or of its target variant; may be empty
  Unit unit;
  size_t src = 0, tgt = 0;  // its variants answering from and to
  MatchText analyzed;       // of the source variant
};

// Best first, then most recent, then lowest id.
bool Better(const Scored& a, const Scored& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.changedate != b.changedate) return a.changedate > b.changedate;
  return a.unit.id < b.unit.id;
}

// The match a unit gives: its first variant answering from, with a variant answering to,
// that scores at least the minimum. False when none does.
bool ScoreUnit(const Unit& unit, const MatchText& q, const LangRequest& from, const LangRequest& to,
               double min_score, Scored* out) {
  for (size_t s = 0; s < unit.variants.size(); ++s) {
    const Variant& src = unit.variants[s];
    if (!from.Matches(src.lang)) continue;
    size_t t = 0;
    while (t < unit.variants.size() && (t == s || !to.Matches(unit.variants[t].lang))) ++t;
    if (t == unit.variants.size()) continue;
    MatchText c = AnalyzeSegment(src.seg);
    double score = Similarity(q, c);
    if (score < min_score) continue;
    const Variant& tgt = unit.variants[t];
    const std::string* date = FindAttr(tgt.attrs, "changedate");
    if (!date) date = unit.attr("changedate");
    if (!date) date = FindAttr(tgt.attrs, "creationdate");
    if (!date) date = unit.attr("creationdate");
    out->score = score;
    out->changedate = date ? *date : std::string();
    out->src = s;
    out->tgt = t;
    out->analyzed = std::move(c);
    return true;
  }
  return false;
}

LookupMatch Describe(Scored& s, const std::string& query, const MatchText& q) {
  const Variant& src = s.unit.variants[s.src];
  const Variant& tgt = s.unit.variants[s.tgt];
  LookupMatch m;
  m.score = s.score;
  m.unit = s.unit.id;
  if (const std::string* t = s.unit.attr("tuid")) m.tuid = *t;
  m.changedate = std::move(s.changedate);
  m.source_lang = src.lang;
  m.target_lang = tgt.lang;
  m.source = s.analyzed.plain;
  m.target = SegPlainText(tgt.seg);
  m.source_seg = src.seg;
  m.target_seg = tgt.seg;
  m.source_token_matched = MatchedTokens(q.tokens, s.analyzed.tokens);
  if (m.score < 100) AdaptNumbers(query, &m);
  return m;
}

}  // namespace

std::vector<LookupMatch> Lookup(const Txn& snapshot, const std::string& query,
                                const LookupOptions& options) {
  LangRequest from(options.from, options.any_variant), to(options.to, options.any_variant);
  MatchText q = AnalyzeText(query);
  // The best options.limit matches, kept by selection whenever twice as many have come:
  // memory stays bounded when a scan matches most of the store.
  const size_t limit = options.limit;
  std::vector<Scored> best;
  Scored next;
  auto keep = [&](Unit&& unit) {
    next.unit = std::move(unit);
    best.push_back(std::move(next));
    next = Scored{};
    if (best.size() >= 2 * limit + 16) {
      std::nth_element(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(limit), best.end(), Better);
      best.resize(limit);
    }
  };
  std::vector<uint64_t> ids;
  if (options.use_index && FuzzyCandidates(snapshot, q.tokens, from, options.min_score, &ids)) {
    Unit unit;
    for (uint64_t id : ids) {
      if (snapshot.GetUnit(id, &unit) && ScoreUnit(unit, q, from, to, options.min_score, &next)) {
        keep(std::move(unit));
      }
    }
  } else {
    snapshot.ForEachUnit([&](const Unit& unit) {
      if (ScoreUnit(unit, q, from, to, options.min_score, &next)) keep(Unit(unit));
      return true;
    });
  }
  std::sort(best.begin(), best.end(), Better);
  if (best.size() > limit) best.resize(limit);
  std::vector<LookupMatch> matches;
  matches.reserve(best.size());
  for (Scored& s : best) matches.push_back(Describe(s, query, q));
  return matches;
}

}  // namespace tmkit
