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

// The match a unit gives: its first variant answering from, with a variant answering to,
// that scores at least the minimum. False when none does.
bool MatchUnit(const Unit& unit, const std::string& query, const MatchText& q, const LangRequest& from,
               const LangRequest& to, double min_score, LookupMatch* m) {
  for (const Variant& src : unit.variants) {
    if (!from.Matches(src.lang)) continue;
    const Variant* tgt = nullptr;
    for (const Variant& v : unit.variants) {
      if (&v != &src && to.Matches(v.lang)) {
        tgt = &v;
        break;
      }
    }
    if (!tgt) continue;
    MatchText c = AnalyzeSegment(src.seg);
    double score = Similarity(q, c);
    if (score < min_score) continue;
    *m = LookupMatch{};
    m->score = score;
    m->unit = unit.id;
    if (const std::string* t = unit.attr("tuid")) m->tuid = *t;
    const std::string* date = FindAttr(tgt->attrs, "changedate");
    if (!date) date = unit.attr("changedate");
    if (!date) date = FindAttr(tgt->attrs, "creationdate");
    if (!date) date = unit.attr("creationdate");
    if (date) m->changedate = *date;
    m->source_lang = src.lang;
    m->target_lang = tgt->lang;
    m->source = c.plain;
    m->target = SegPlainText(tgt->seg);
    m->source_seg = src.seg;
    m->target_seg = tgt->seg;
    m->source_token_matched = MatchedTokens(q.tokens, c.tokens);
    if (score < 100) AdaptNumbers(query, m);
    return true;
  }
  return false;
}

}  // namespace

std::vector<LookupMatch> Lookup(const Txn& snapshot, const std::string& query,
                                const LookupOptions& options) {
  LangRequest from(options.from, options.any_variant), to(options.to, options.any_variant);
  MatchText q = AnalyzeText(query);
  std::vector<LookupMatch> matches;
  LookupMatch m;
  std::vector<uint64_t> ids;
  if (options.use_index && FuzzyCandidates(snapshot, q.tokens, from, options.min_score, &ids)) {
    Unit unit;
    for (uint64_t id : ids) {
      if (snapshot.GetUnit(id, &unit) && MatchUnit(unit, query, q, from, to, options.min_score, &m)) {
        matches.push_back(std::move(m));
      }
    }
  } else {
    snapshot.ForEachUnit([&](const Unit& unit) {
      if (MatchUnit(unit, query, q, from, to, options.min_score, &m)) matches.push_back(std::move(m));
      return true;
    });
  }
  std::sort(matches.begin(), matches.end(), [](const LookupMatch& a, const LookupMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.changedate != b.changedate) return a.changedate > b.changedate;
    return a.unit < b.unit;
  });
  if (matches.size() > options.limit) matches.resize(options.limit);
  return matches;
}

}  // namespace tmkit
