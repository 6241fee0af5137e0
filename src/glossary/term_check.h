// Glossary enforcement: finds the source terms of a term base in translation units and checks
// how each target renders them (missing, deprecated, forbidden, merely admitted), gathers
// renderings across units for consistency, and fixes deprecated and forbidden renderings.
// Nothing here prints; findings are values. A TermChecker is not safe for concurrent use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "glossary/term_matcher.h"
#include "glossary/term_model.h"
#include "text/lang_match.h"
#include "tmx/unit.h"

namespace tmkit {

enum class FindingKind {
  kMissing,       // no acceptable rendering of a source term's concept in the target
  kDeprecated,    // a deprecated or superseded rendering in the target
  kForbidden,     // a forbidden rendering in the target
  kAdmitted,      // (strict) only an admitted rendering, where a preferred one exists
  kInconsistent,  // the same source rendered differently in different units
};
enum class Severity { kError, kWarning };

// "missing", "deprecated", "forbidden", "admitted", "inconsistent"; "error", "warning".
std::string_view FindingKindName(FindingKind kind);
std::string_view SeverityName(Severity severity);

struct Finding;
// One line for people: "UNIT LANG: error: deprecated: 韩战 at 12 renders "Korean War" (c006);
// use 朝鲜战争".
std::string FindingLine(const Finding& finding);

struct Finding {
  std::string unit;  // the unit's name as given to CheckUnit (its tuid, or its position)
  std::string lang;  // the target variant's language, as in the unit
  FindingKind kind = FindingKind::kMissing;
  Severity severity = Severity::kError;
  std::string concept_id;   // the concept's id ("" for glossary-less consistency findings)
  std::string source_term;  // the source text found (the whole segment for identical-segment
                            // consistency findings)
  size_t source_offset = 0;  // where source_term starts in the source's plain text
  // Acceptable renderings, the replacement first (preferred and unspecified, then admitted);
  // for kAdmitted the preferred ones; for kInconsistent the most common rendering.
  std::vector<std::string> expected;
  std::string found;  // the rendering found in the target (term proper: with an English
                      // plural, without a particle); "" for missing
  // Where found starts in the target's plain text; for kMissing, where source_term starts in
  // the source's plain text. Offsets count Unicode code points (not bytes) of the plain text
  // (SegPlainText: inline codes removed), so that text[offset:] works in most languages.
  size_t offset = 0;
  std::string note;  // kInconsistent: which units rendered it otherwise, and how
};

struct TermCheckOptions {
  // The source language: a variant matching it (LangRequest) is the source. Empty: the
  // unit's srclang, else default_from.
  std::string from;
  std::string default_from = "en";
  // Target languages (canonical tags, matched with LangRequest). Empty: every variant whose
  // language differs from the source's.
  std::vector<std::string> to;
  bool strict = false;       // warn (kAdmitted) when only admitted renderings are used
  bool consistency = false;  // gather renderings for ConsistencyFindings
};

// The result of fixing one unit.
struct TermFix {
  Unit unit;                 // the unit with replacements made (a copy when none were)
  size_t replacements = 0;   // deprecated or forbidden renderings replaced
  // Findings that could not be fixed: a rendering spanning an inline code, or a concept with
  // no acceptable term in the target language to put in its place.
  std::vector<Finding> unfixed;
};

// Checks units against a term base. A source term is found with one TermMatcher over every
// term of the base (leftmost-longest, so "Battle of Shangganling" hides "Shangganling"); its
// concept's renderings in a target are found with a TermMatcher over that concept's terms
// (Korean particles and spacing, English plurals and possessives count), except hits inside
// a longer term of another concept found in the target (朝鲜 in 朝鲜战争 does not render North
// Korea), and reading through a bracketed gloss right after a Hangul word (상감령(上甘嶺) 정신
// renders 상감령 정신). Per unit, target variant and concept found in the source:
//  - each deprecated/superseded or forbidden rendering in the target is an error;
//  - when the target has no acceptable rendering (preferred, admitted or unspecified) and no
//    deprecated or forbidden one, kMissing (an error), once, at the first source occurrence;
//  - with strict, when the acceptable renderings are all admitted and the concept has a
//    preferred (or unspecified) term there, a kAdmitted warning.
// A concept without any term in the target language yields nothing. Renderings of concepts
// whose source term is not in the source are not reported.
class TermChecker {
 public:
  TermChecker(std::vector<Concept> concepts, TermCheckOptions options);
  ~TermChecker();
  TermChecker(const TermChecker&) = delete;
  TermChecker& operator=(const TermChecker&) = delete;

  // The findings of one unit, in target-variant order, then source order. name is the unit's
  // name in the findings. With options.consistency, also records the unit's renderings (and
  // its source and targets) for ConsistencyFindings. Returns no findings for a unit without a
  // variant in the source language (see skipped()).
  std::vector<Finding> CheckUnit(const Unit& unit, const std::string& name);

  // kInconsistent warnings over every unit checked so far, in the order the units came:
  //  - with a term base, a concept rendered by different terms of the same target language in
  //    different units (spacing variants that are distinct terms, such as 한국 전쟁 and
  //    한국전쟁, count as different): each unit that does not use the most common one
  //    (ties: the one seen first) gets a warning for each other rendering it uses;
  //  - with or without a term base, identical source segments (ExactKey of the plain text)
  //    whose targets in a language differ (ExactKey): each unit whose target is not the most
  //    common one gets a warning.
  // Deprecated and forbidden renderings are left out (they are errors already).
  std::vector<Finding> ConsistencyFindings() const;

  // unit with every deprecated and forbidden rendering that CheckUnit reports replaced by the
  // concept's first preferred (or unspecified) term in that language, else its first admitted
  // one, and a Korean particle after it changed to fit the new word (AdjustParticle: 가 -> 이
  // after a consonant...). Replacements are made in the text nodes of the segment XML, so
  // inline codes stay; a rendering that spans a code or a bracketed gloss is left alone and
  // listed in unfixed.
  // Segments without markup are changed byte for byte; others are written again canonically
  // (AppendInlineXml). Does not record anything for consistency.
  TermFix FixUnit(const Unit& unit, const std::string& name);

  size_t units_checked() const { return checked_; }
  size_t units_skipped() const { return skipped_; }  // no variant in the source language
  size_t concept_count() const { return concepts_.size(); }

 private:
  struct Rendering;
  struct TargetCheck;
  struct SourceContext;
  const TermMatcher& ConceptMatcher(size_t cpt);
  const LangRequest& Request(const std::string& canonical_tag);
  bool Applies(const std::string& term_lang, const std::string& text_lang);
  const Variant* PickSource(const Unit& unit);
  std::vector<const Variant*> PickTargets(const Unit& unit, const Variant* source) const;
  std::vector<TargetCheck> Analyze(const Unit& unit, const std::string& name,
                                   std::vector<Finding>* findings);

  std::vector<Concept> concepts_;
  TermCheckOptions options_;
  std::vector<LangRequest> to_;
  std::vector<std::pair<uint32_t, uint32_t>> refs_;  // matcher ref -> (concept, term)
  TermMatcher all_terms_;
  std::vector<std::unique_ptr<TermMatcher>> concept_matchers_;  // built on first use
  std::map<std::string, std::unique_ptr<LangRequest>, std::less<>> requests_;
  std::map<std::pair<std::string, std::string>, bool> applies_;
  size_t checked_ = 0;
  size_t skipped_ = 0;
  bool record_ = false;  // Analyze records renderings in seen_.back()

  // Consistency: per unit checked, in order.
  struct Seen {
    std::string name;
    std::string source_lang, source_key, source_text;
    std::vector<std::pair<std::string, std::string>> targets;  // (lang, ExactKey)
    // (concept, target lang) -> (term used, offset, source term, source offset)
    struct Use {
      uint32_t cpt, term;
      std::string lang;
      size_t offset;
      std::string found, source_term;
      size_t source_offset;
    };
    std::vector<Use> uses;
  };
  std::vector<Seen> seen_;
};

}  // namespace tmkit
