#include "glossary/term_lookup.h"

#include <algorithm>
#include <cstdint>

#include "text/lang_match.h"

namespace tmkit {

TermLookup::TermLookup(std::vector<Concept> concepts) : concepts_(std::move(concepts)) {
  for (size_t c = 0; c < concepts_.size(); ++c) {
    for (size_t t = 0; t < concepts_[c].terms.size(); ++t) {
      const Term& term = concepts_[c].terms[t];
      matcher_.Add(static_cast<uint32_t>(refs_.size()), term.lang, term.text, term.case_sensitive);
      refs_.emplace_back(c, t);
    }
  }
  matcher_.Build();
}

std::vector<TermFound> TermLookup::Find(std::string_view text, const std::string& lang,
                                        const std::vector<std::string>& to) const {
  std::vector<LangRequest> wanted;
  for (const std::string& l : to) wanted.emplace_back(l);
  LangRequest own(lang);
  std::vector<TermFound> out;
  size_t last_concept = SIZE_MAX, last_begin = SIZE_MAX;
  for (const TermMatcher::Hit& hit : matcher_.Find(text, lang)) {
    auto [c, t] = refs_[hit.ref];
    if (c == last_concept && hit.begin == last_begin) continue;
    last_concept = c;
    last_begin = hit.begin;
    const Concept& entry = concepts_[c];
    TermFound f{&entry, &entry.terms[t], hit.begin, hit.end, hit.particle_end, {}};
    for (const Term& r : entry.terms) {
      if (&r == f.term) continue;
      bool take = wanted.empty() ? !own.Matches(r.lang)
                                 : std::any_of(wanted.begin(), wanted.end(),
                                               [&](const LangRequest& w) { return w.Matches(r.lang); });
      if (take) f.renderings.push_back(&r);
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace tmkit
