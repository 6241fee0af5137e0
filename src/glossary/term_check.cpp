#include "glossary/term_check.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "text/fold.h"
#include "text/korean.h"
#include "text/lang_tag.h"
#include "text/normalize.h"
#include "tmx/seg.h"

namespace tmkit {

namespace {

// Code points in text[0, bytes).
size_t CodePoints(std::string_view text, size_t bytes) {
  size_t n = 0;
  for (size_t i = 0; i < bytes && i < text.size(); ++i) {
    n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  }
  return n;
}

// Preferred and unspecified first, then admitted; deprecated, superseded, forbidden last.
int StatusRank(TermStatus s) {
  switch (s) {
    case TermStatus::kPreferred:
    case TermStatus::kUnspecified:
      return 0;
    case TermStatus::kAdmitted:
      return 1;
    case TermStatus::kDeprecated:
    case TermStatus::kSuperseded:
      return 2;
    case TermStatus::kForbidden:
      return 3;
  }
  return 3;
}

bool IsCodeElement(const char* name) {
  return std::strcmp(name, "bpt") == 0 || std::strcmp(name, "ept") == 0 ||
         std::strcmp(name, "it") == 0 || std::strcmp(name, "ph") == 0 ||
         std::strcmp(name, "ut") == 0 || std::strcmp(name, "sub") == 0;
}

// The text nodes of a segment that make up its plain text (as SegPlainText collects them),
// each with where it starts in the plain text.
struct TextNode {
  pugi::xml_node node;
  size_t begin;
  std::string value;
};

void CollectTextNodes(pugi::xml_node node, std::vector<TextNode>* out, size_t* at) {
  for (pugi::xml_node child : node.children()) {
    switch (child.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata: {
        std::string value = child.value();
        size_t length = value.size();
        out->push_back({child, *at, std::move(value)});
        *at += length;
        break;
      }
      case pugi::node_element:
        if (!IsCodeElement(child.name())) CollectTextNodes(child, out, at);
        break;
      default:
        break;
    }
  }
}

// Korean copy glosses a word with its Hanja or original spelling in brackets right after it:
// 상감령(上甘嶺) 정신, 항미원조(抗美援朝) 전쟁. Such glosses (brackets right after a Hangul
// syllable, holding no Hangul, at most 64 bytes) are taken out of the text terms are matched
// in, so that the words around them are read as one term.
struct Projection {
  std::string text;                // without the glosses
  std::vector<size_t> to_original;  // byte i of text is byte to_original[i] of the original
};

Projection StripGlosses(const std::string& text) {
  Projection p;
  p.to_original.reserve(text.size() + 1);
  auto code_point_before = [&text](size_t at) -> char32_t {
    if (at == 0) return 0;
    size_t b = at - 1;
    while (b > 0 && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) --b;
    if (at - b != 3) return 0;  // Hangul syllables are three bytes
    auto u = [&text](size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[i])); };
    return ((u(b) & 0x0F) << 12) | ((u(b + 1) & 0x3F) << 6) | (u(b + 2) & 0x3F);
  };
  static constexpr std::string_view kOpen[] = {"(", "\xEF\xBC\x88"};   // ( and （
  static constexpr std::string_view kClose[] = {")", "\xEF\xBC\x89"};  // ) and ）
  for (size_t i = 0; i < text.size();) {
    size_t gloss_end = 0;
    for (size_t k = 0; k < 2 && !gloss_end; ++k) {
      if (text.compare(i, kOpen[k].size(), kOpen[k]) != 0) continue;
      if (!IsHangulSyllable(code_point_before(i))) break;
      size_t close = text.find(kClose[k], i + kOpen[k].size());
      if (close == std::string::npos || close - i > 64 || close == i + kOpen[k].size()) break;
      std::string_view inside(text.data() + i + kOpen[k].size(), close - i - kOpen[k].size());
      bool clean = inside.find_first_of("()") == std::string_view::npos;
      for (size_t j = 0; clean && j + 3 <= inside.size(); ++j) {
        // A Hangul syllable is EA B0 80 .. ED 9E A3; any lead byte EA-ED followed by the
        // continuation bytes of that range is close enough (no Hangul wanted inside).
        unsigned char c = static_cast<unsigned char>(inside[j]);
        if (c >= 0xEA && c <= 0xED) {
          char32_t cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(inside[j + 1]) & 0x3F) << 6) |
                        (static_cast<unsigned char>(inside[j + 2]) & 0x3F);
          if (IsHangulSyllable(cp)) clean = false;
        }
      }
      if (clean) gloss_end = close + kClose[k].size();
    }
    if (gloss_end) {
      i = gloss_end;
      continue;
    }
    p.text.push_back(text[i]);
    p.to_original.push_back(i);
    ++i;
  }
  p.to_original.push_back(text.size());
  return p;
}

// A hit in the projection, in bytes of the original text.
TermMatcher::Hit ToOriginal(const TermMatcher::Hit& h, const Projection& p) {
  auto end_of = [&p](size_t begin, size_t end) {
    return end > begin ? p.to_original[end - 1] + 1 : p.to_original[begin];
  };
  TermMatcher::Hit o = h;
  o.begin = p.to_original[h.begin];
  o.end = end_of(h.begin, h.end);
  o.particle_end = h.particle_end > h.end ? end_of(h.end, h.particle_end) : o.end;
  return o;
}

}  // namespace

std::string_view FindingKindName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kMissing:
      return "missing";
    case FindingKind::kDeprecated:
      return "deprecated";
    case FindingKind::kForbidden:
      return "forbidden";
    case FindingKind::kAdmitted:
      return "admitted";
    case FindingKind::kInconsistent:
      return "inconsistent";
  }
  return "";
}

std::string_view SeverityName(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

// A deprecated or forbidden rendering in a target, in bytes of its plain text.
struct TermChecker::Rendering {
  uint32_t cpt;
  uint32_t term;
  size_t begin, end, particle_end;
  bool spans_gloss;  // a bracketed gloss lies inside it (StripGlosses)
  Finding finding;   // the finding it was reported as
};

struct TermChecker::TargetCheck {
  size_t variant;  // index in unit.variants
  std::string text;
  std::vector<Rendering> bad;
};

TermChecker::TermChecker(std::vector<Concept> concepts, TermCheckOptions options)
    : concepts_(std::move(concepts)), options_(std::move(options)) {
  for (const std::string& tag : options_.to) to_.emplace_back(tag);
  for (uint32_t c = 0; c < concepts_.size(); ++c) {
    for (uint32_t t = 0; t < concepts_[c].terms.size(); ++t) {
      const Term& term = concepts_[c].terms[t];
      all_terms_.Add(static_cast<uint32_t>(refs_.size()), term.lang, term.text, term.case_sensitive);
      refs_.emplace_back(c, t);
    }
  }
  all_terms_.Build();
  concept_matchers_.resize(concepts_.size());
}

TermChecker::~TermChecker() = default;

const TermMatcher& TermChecker::ConceptMatcher(size_t cpt) {
  std::unique_ptr<TermMatcher>& m = concept_matchers_[cpt];
  if (!m) {
    m = std::make_unique<TermMatcher>();
    const std::vector<Term>& terms = concepts_[cpt].terms;
    for (uint32_t t = 0; t < terms.size(); ++t) {
      m->Add(t, terms[t].lang, terms[t].text, terms[t].case_sensitive);
    }
    m->Build();
  }
  return *m;
}

const LangRequest& TermChecker::Request(const std::string& canonical_tag) {
  auto r = requests_.find(canonical_tag);
  if (r == requests_.end()) {
    r = requests_.emplace(canonical_tag, std::make_unique<LangRequest>(canonical_tag)).first;
  }
  return *r->second;
}

bool TermChecker::Applies(const std::string& term_lang, const std::string& text_lang) {
  auto key = std::make_pair(term_lang, text_lang);
  auto it = applies_.find(key);
  if (it != applies_.end()) return it->second;
  bool applies = Request(term_lang).Matches(text_lang);
  applies_.emplace(key, applies);
  return applies;
}

const Variant* TermChecker::PickSource(const Unit& unit) {
  auto first_matching = [this, &unit](const std::string& tag) -> const Variant* {
    auto canon = CanonicalLangTag(tag);
    if (!canon || *canon == "*all*") return nullptr;
    if (const Variant* v = unit.FindVariant(*canon)) return v;
    const LangRequest& request = Request(*canon);
    for (const Variant& v : unit.variants) {
      if (request.Matches(v.lang)) return &v;
    }
    return nullptr;
  };
  if (!options_.from.empty()) return first_matching(options_.from);
  if (const std::string* srclang = unit.attr("srclang"); srclang && *srclang != "*all*") {
    if (const Variant* v = first_matching(*srclang)) return v;
  }
  return first_matching(options_.default_from);
}

std::vector<const Variant*> TermChecker::PickTargets(const Unit& unit, const Variant* source) const {
  std::vector<const Variant*> out;
  for (const Variant& v : unit.variants) {
    if (&v == source) continue;
    if (to_.empty()) {
      if (!LangTagEquals(v.lang, source->lang)) out.push_back(&v);
    } else if (std::any_of(to_.begin(), to_.end(),
                           [&v](const LangRequest& r) { return r.Matches(v.lang); })) {
      out.push_back(&v);
    }
  }
  return out;
}

std::vector<TermChecker::TargetCheck> TermChecker::Analyze(const Unit& unit, const std::string& name,
                                                           std::vector<Finding>* findings) {
  std::vector<TargetCheck> out;
  const Variant* source = PickSource(unit);
  if (!source) return out;
  std::string source_text = SegPlainText(source->seg);

  // The concepts found in the source, in order of first occurrence, with that occurrence.
  struct SourceHit {
    uint32_t cpt;
    std::string text;
    size_t offset;
  };
  std::vector<SourceHit> source_hits;
  if (!refs_.empty()) {
    for (const TermMatcher::Hit& h : all_terms_.Find(source_text, source->lang)) {
      uint32_t c = refs_[h.ref].first;
      if (std::any_of(source_hits.begin(), source_hits.end(),
                      [c](const SourceHit& s) { return s.cpt == c; })) {
        continue;
      }
      source_hits.push_back(
          {c, source_text.substr(h.begin, h.end - h.begin), CodePoints(source_text, h.begin)});
    }
  }

  for (const Variant* target : PickTargets(unit, source)) {
    TargetCheck check;
    check.variant = static_cast<size_t>(target - unit.variants.data());
    check.text = SegPlainText(target->seg);
    const std::string& text = check.text;
    Projection projection;
    if (!source_hits.empty()) projection = StripGlosses(text);
    const std::string& matched = projection.text;  // what terms are found in
    std::vector<TermMatcher::Hit> others;  // every term of the base in the target, for masking
    if (!source_hits.empty()) others = all_terms_.Find(matched, target->lang);

    // Words of the source that are a term of several concepts ("ceasefire": the armistice
    // or a truce) are rendered when any of those concepts is: missing findings wait until
    // all the concepts found at their place have been looked at.
    std::vector<std::pair<size_t, Finding>> missing;  // source offset, finding
    std::vector<size_t> rendered;                     // source offsets of rendered concepts
    for (const SourceHit& sh : source_hits) {
      const Concept& entry = concepts_[sh.cpt];
      // The concept's acceptable terms in the target's language, the replacement first.
      std::vector<std::pair<int, uint32_t>> acceptable;  // (rank, term)
      bool any_term = false;
      for (uint32_t t = 0; t < entry.terms.size(); ++t) {
        if (!Applies(entry.terms[t].lang, target->lang)) continue;
        any_term = true;
        if (IsAcceptable(entry.terms[t].status)) {
          acceptable.emplace_back(StatusRank(entry.terms[t].status), t);
        }
      }
      if (!any_term) continue;  // the glossary says nothing about this language
      std::stable_sort(acceptable.begin(), acceptable.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<std::string> expected;
      for (const auto& [rank, t] : acceptable) {
        const std::string& term_text = entry.terms[t].text;
        if (std::find(expected.begin(), expected.end(), term_text) == expected.end()) {
          expected.push_back(term_text);
        }
      }
      bool has_preferred = !acceptable.empty() && acceptable.front().first == 0;

      // The concept's renderings: one per span, the term written exactly so if there is one
      // (한국전쟁 rather than 한국 전쟁 for the text 한국전쟁), else the most acceptable.
      std::vector<TermMatcher::Hit> hits = ConceptMatcher(sh.cpt).Find(matched, target->lang);
      std::vector<TermMatcher::Hit> chosen;  // in bytes of text
      std::vector<bool> spans_gloss;
      for (size_t i = 0; i < hits.size();) {
        size_t j = i;
        while (j < hits.size() && hits[j].begin == hits[i].begin && hits[j].end == hits[i].end) ++j;
        std::string surface = FoldForMatch(matched.substr(hits[i].begin, hits[i].end - hits[i].begin));
        size_t best = i;
        bool exact = false;
        for (size_t k = i; k < j; ++k) {
          const Term& term = entry.terms[hits[k].ref];
          bool is_exact = FoldForMatch(term.text) == surface;
          const Term& best_term = entry.terms[hits[best].ref];
          if ((is_exact && !exact) ||
              (is_exact == exact && StatusRank(term.status) < StatusRank(best_term.status))) {
            best = k;
            exact = is_exact;
          }
        }
        // A hit strictly inside a longer term of another concept is part of that term.
        const TermMatcher::Hit& h = hits[best];
        bool masked = std::any_of(others.begin(), others.end(), [&](const TermMatcher::Hit& o) {
          return refs_[o.ref].first != sh.cpt && o.begin <= h.begin && h.end <= o.end &&
                 o.end - o.begin > h.end - h.begin;
        });
        if (!masked) {
          chosen.push_back(ToOriginal(h, projection));
          spans_gloss.push_back(chosen.back().particle_end - chosen.back().begin !=
                                h.particle_end - h.begin);
        }
        i = j;
      }

      Finding base;
      base.unit = name;
      base.lang = target->lang;
      base.concept_id = entry.id;
      base.source_term = sh.text;
      base.source_offset = sh.offset;
      base.expected = expected;

      bool acceptable_found = false, preferred_found = false, bad_found = false;
      const TermMatcher::Hit* first_admitted = nullptr;
      for (size_t n = 0; n < chosen.size(); ++n) {
        const TermMatcher::Hit& h = chosen[n];
        const Term& term = entry.terms[h.ref];
        std::string found = text.substr(h.begin, h.end - h.begin);
        if (IsAcceptable(term.status)) {
          acceptable_found = true;
          if (StatusRank(term.status) == 0) preferred_found = true;
          else if (!first_admitted) first_admitted = &h;
          if (options_.consistency && record_) {
            auto& uses = seen_.back().uses;
            bool dup = std::any_of(uses.begin(), uses.end(), [&](const Seen::Use& u) {
              return u.cpt == sh.cpt && u.term == h.ref && u.lang == target->lang;
            });
            if (!dup) {
              uses.push_back({sh.cpt, h.ref, target->lang, CodePoints(text, h.begin), found,
                              sh.text, sh.offset});
            }
          }
          continue;
        }
        bad_found = true;
        Finding f = base;
        f.kind = term.status == TermStatus::kForbidden ? FindingKind::kForbidden
                                                       : FindingKind::kDeprecated;
        f.severity = Severity::kError;
        f.found = found;
        f.offset = CodePoints(text, h.begin);
        check.bad.push_back({sh.cpt, h.ref, h.begin, h.end, h.particle_end, spans_gloss[n], f});
        if (findings) findings->push_back(std::move(f));
      }
      if (acceptable_found || bad_found) rendered.push_back(sh.offset);
      if (!acceptable_found && !bad_found && !expected.empty()) {
        Finding f = base;
        f.kind = FindingKind::kMissing;
        f.severity = Severity::kError;
        f.offset = sh.offset;
        missing.emplace_back(sh.offset, std::move(f));
      } else if (options_.strict && acceptable_found && !preferred_found && has_preferred) {
        Finding f = base;
        f.kind = FindingKind::kAdmitted;
        f.severity = Severity::kWarning;
        f.expected.clear();  // the preferred terms only
        for (const auto& [rank, t] : acceptable) {
          const std::string& term_text = entry.terms[t].text;
          if (rank == 0 && std::find(f.expected.begin(), f.expected.end(), term_text) == f.expected.end()) {
            f.expected.push_back(term_text);
          }
        }
        f.found = text.substr(first_admitted->begin, first_admitted->end - first_admitted->begin);
        f.offset = CodePoints(text, first_admitted->begin);
        if (findings) findings->push_back(std::move(f));
      }
    }
    for (auto& [offset, f] : missing) {
      if (findings && std::find(rendered.begin(), rendered.end(), offset) == rendered.end()) {
        findings->push_back(std::move(f));
      }
    }
    out.push_back(std::move(check));
  }
  return out;
}

std::vector<Finding> TermChecker::CheckUnit(const Unit& unit, const std::string& name) {
  std::vector<Finding> findings;
  const Variant* source = PickSource(unit);
  if (!source) {
    ++skipped_;
    return findings;
  }
  ++checked_;
  record_ = options_.consistency;
  if (record_) {
    Seen seen;
    seen.name = name;
    seen.source_lang = source->lang;
    seen.source_text = SegPlainText(source->seg);
    seen.source_key = ExactKey(seen.source_text);
    for (const Variant* t : PickTargets(unit, source)) {
      seen.targets.push_back({t->lang, SegPlainText(t->seg)});
    }
    seen_.push_back(std::move(seen));
  }
  Analyze(unit, name, &findings);
  record_ = false;
  return findings;
}

std::vector<Finding> TermChecker::ConsistencyFindings() const {
  // Each finding with the index of the unit it belongs to, to sort them into unit order.
  std::vector<std::pair<size_t, Finding>> out;
  auto list_units = [this](const std::vector<size_t>& units) {
    std::string s;
    size_t shown = 0;
    for (size_t u : units) {
      if (shown == 5) {
        s += ", ...";
        break;
      }
      s += (shown++ ? ", " : "") + seen_[u].name;
    }
    return s;
  };

  // Glossary: (concept, lang) -> term -> units using it, in first-seen order.
  struct TermUse {
    uint32_t term;
    std::vector<size_t> units;
    std::vector<const Seen::Use*> uses;
  };
  std::map<std::pair<uint32_t, std::string>, std::vector<TermUse>> by_concept;
  for (size_t u = 0; u < seen_.size(); ++u) {
    for (const Seen::Use& use : seen_[u].uses) {
      auto& terms = by_concept[{use.cpt, use.lang}];
      auto it = std::find_if(terms.begin(), terms.end(),
                             [&use](const TermUse& t) { return t.term == use.term; });
      if (it == terms.end()) it = terms.insert(terms.end(), TermUse{use.term, {}, {}});
      it->units.push_back(u);
      it->uses.push_back(&use);
    }
  }
  for (const auto& [key, terms] : by_concept) {
    if (terms.size() < 2) continue;
    size_t major = 0;
    for (size_t i = 1; i < terms.size(); ++i) {
      if (terms[i].units.size() > terms[major].units.size()) major = i;
    }
    const Concept& entry = concepts_[key.first];
    const std::string& major_text = entry.terms[terms[major].term].text;
    const std::vector<size_t>& major_units = terms[major].units;
    for (size_t i = 0; i < terms.size(); ++i) {
      if (i == major) continue;
      for (size_t k = 0; k < terms[i].units.size(); ++k) {
        // A unit that also uses the common rendering (a full name with its abbreviation)
        // is not inconsistent.
        if (std::find(major_units.begin(), major_units.end(), terms[i].units[k]) != major_units.end()) {
          continue;
        }
        const Seen::Use& use = *terms[i].uses[k];
        Finding f;
        f.unit = seen_[terms[i].units[k]].name;
        f.lang = key.second;
        f.kind = FindingKind::kInconsistent;
        f.severity = Severity::kWarning;
        f.concept_id = entry.id;
        f.source_term = use.source_term;
        f.source_offset = use.source_offset;
        f.expected = {major_text};
        f.found = use.found;
        f.offset = use.offset;
        f.note = "rendered " + major_text + " in " + list_units(terms[major].units);
        out.emplace_back(terms[i].units[k], std::move(f));
      }
    }
  }

  // Identical source segments: (source lang, key) -> units.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> by_source;
  for (size_t u = 0; u < seen_.size(); ++u) {
    if (seen_[u].source_key.empty()) continue;
    by_source[{seen_[u].source_lang, seen_[u].source_key}].push_back(u);
  }
  for (const auto& [key, units] : by_source) {
    if (units.size() < 2) continue;
    // target lang -> distinct targets (key, text, units), in first-seen order
    struct Target {
      std::string key, text;
      std::vector<size_t> units;
    };
    std::map<std::string, std::vector<Target>> by_lang;
    for (size_t u : units) {
      for (const auto& [lang, text] : seen_[u].targets) {
        auto& targets = by_lang[lang];
        std::string k = ExactKey(text);
        auto it = std::find_if(targets.begin(), targets.end(),
                               [&k](const Target& t) { return t.key == k; });
        if (it == targets.end()) it = targets.insert(targets.end(), Target{k, text, {}});
        if (it->units.empty() || it->units.back() != u) it->units.push_back(u);
      }
    }
    for (const auto& [lang, targets] : by_lang) {
      if (targets.size() < 2) continue;
      size_t major = 0;
      for (size_t i = 1; i < targets.size(); ++i) {
        if (targets[i].units.size() > targets[major].units.size()) major = i;
      }
      for (size_t i = 0; i < targets.size(); ++i) {
        if (i == major) continue;
        for (size_t u : targets[i].units) {
          Finding f;
          f.unit = seen_[u].name;
          f.lang = lang;
          f.kind = FindingKind::kInconsistent;
          f.severity = Severity::kWarning;
          f.source_term = seen_[u].source_text;
          f.expected = {targets[major].text};
          f.found = targets[i].text;
          f.note = "the same source segment is translated otherwise in " +
                   list_units(targets[major].units);
          out.emplace_back(u, std::move(f));
        }
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Finding> findings;
  findings.reserve(out.size());
  for (auto& [u, f] : out) findings.push_back(std::move(f));
  return findings;
}

TermFix TermChecker::FixUnit(const Unit& unit, const std::string& name) {
  TermFix fix;
  fix.unit = unit;
  bool saved = record_;
  record_ = false;
  std::vector<TargetCheck> checks = Analyze(unit, name, nullptr);
  record_ = saved;
  for (TargetCheck& check : checks) {
    if (check.bad.empty()) continue;
    Variant& variant = fix.unit.variants[check.variant];
    // From the end, so that earlier offsets stay valid; overlapping renderings (of different
    // concepts) are left to the first one replaced.
    std::sort(check.bad.begin(), check.bad.end(),
              [](const Rendering& a, const Rendering& b) { return a.begin > b.begin; });
    struct Edit {
      size_t begin, end;
      std::string text;  // plain text
    };
    std::vector<Edit> edits;
    size_t limit = std::string::npos;
    for (const Rendering& r : check.bad) {
      if (r.particle_end > limit) continue;
      if (r.finding.expected.empty() || r.spans_gloss) {
        Finding f = r.finding;
        f.note = r.spans_gloss ? "a bracketed gloss lies inside the rendering"
                               : "no acceptable term in this language to replace it with";
        fix.unfixed.push_back(std::move(f));
        continue;
      }
      const std::string& replacement = r.finding.expected.front();
      std::string particle = check.text.substr(r.end, r.particle_end - r.end);
      edits.push_back({r.begin, r.particle_end, replacement + AdjustParticle(replacement, particle)});
      limit = r.begin;
    }
    if (edits.empty()) continue;

    const std::string& seg = variant.seg;
    if (seg.find_first_of("<&") == std::string::npos) {  // the segment is its plain text
      std::string out = seg;
      for (const Edit& e : edits) {
        std::string escaped;
        AppendEscapedText(&escaped, e.text);
        out.replace(e.begin, e.end - e.begin, escaped);
      }
      variant.seg = std::move(out);
      fix.replacements += edits.size();
      continue;
    }
    pugi::xml_document doc;
    unsigned flags = pugi::parse_fragment | pugi::parse_ws_pcdata | pugi::parse_escapes |
                     pugi::parse_cdata | pugi::parse_eol;
    if (!doc.load_buffer(seg.data(), seg.size(), flags, pugi::encoding_utf8)) continue;
    std::vector<TextNode> nodes;
    size_t at = 0;
    CollectTextNodes(doc, &nodes, &at);
    size_t done = 0;
    for (const Edit& e : edits) {
      auto node = std::find_if(nodes.begin(), nodes.end(), [&e](const TextNode& n) {
        return n.begin <= e.begin && e.end <= n.begin + n.value.size();
      });
      if (node == nodes.end()) {
        for (const Rendering& r : check.bad) {
          if (r.begin == e.begin) {
            Finding f = r.finding;
            f.note = "the rendering spans an inline code";
            fix.unfixed.push_back(std::move(f));
          }
        }
        continue;
      }
      node->value.replace(e.begin - node->begin, e.end - e.begin, e.text);
      ++done;
    }
    if (done == 0) continue;
    for (TextNode& n : nodes) n.node.set_value(n.value.c_str());
    std::string out;
    AppendInlineXml(doc, &out);
    variant.seg = std::move(out);
    fix.replacements += done;
  }
  return fix;
}

std::string FindingLine(const Finding& f) {
  std::string head = f.unit + " " + f.lang + ": " + std::string(SeverityName(f.severity)) + ": " +
                     std::string(FindingKindName(f.kind)) + ": ";
  std::string concept_ref = f.concept_id.empty() ? "" : " (" + f.concept_id + ")";
  std::string expected;
  for (const std::string& e : f.expected) expected += (expected.empty() ? "" : " / ") + e;
  switch (f.kind) {
    case FindingKind::kMissing:
      return head + "\"" + f.source_term + "\"" + concept_ref + " at " +
             std::to_string(f.offset) + " in the source is not rendered; expected " + expected;
    case FindingKind::kDeprecated:
    case FindingKind::kForbidden:
      return head + f.found + " at " + std::to_string(f.offset) + " renders \"" + f.source_term +
             "\"" + concept_ref + (expected.empty() ? "" : "; use " + expected);
    case FindingKind::kAdmitted:
      return head + f.found + " at " + std::to_string(f.offset) + " renders \"" + f.source_term +
             "\"" + concept_ref + " with an admitted term; preferred: " + expected;
    case FindingKind::kInconsistent:
      if (f.concept_id.empty()) {
        return head + "\"" + f.found + "\" translates \"" + f.source_term + "\"; " + f.note +
               " as \"" + expected + "\"";
      }
      return head + "\"" + f.source_term + "\"" + concept_ref + " rendered " + f.found + " at " +
             std::to_string(f.offset) + "; " + f.note;
  }
  return head;
}

}  // namespace tmkit
