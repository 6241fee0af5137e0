// The term base model: concepts, each with terms in several languages. Every data category
// tmkit reads from TBX, CSV and TSV has a field here, so that a round trip keeps it.
// Language tags are canonical BCP 47 (CanonicalLangTag); a concept's terms keep file order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tmkit {

// TBX administrativeStatus (TBX-Basic's four values, plus "forbidden" as several tools use
// it). kUnspecified: the file said nothing; it counts as acceptable, like preferred.
enum class TermStatus { kUnspecified, kPreferred, kAdmitted, kDeprecated, kSuperseded, kForbidden };

// "preferred", "admitted", "deprecated", "superseded", "forbidden", "" for unspecified.
std::string_view TermStatusName(TermStatus status);
// Accepts those names and the TBX values ("preferredTerm-admn-sts", "deprecatedTerm-admn-sts",
// "forbiddenTerm-admn-sts", also TBX-Default's "standardizedTerm-admn-sts" and
// "legalTerm-admn-sts" -> preferred, "regulatedTerm-admn-sts" -> admitted; also without the
// "-admn-sts" suffix, as TBX-Default writes them), in any case.
// Returns false for anything else.
bool ParseTermStatus(std::string_view text, TermStatus* status);
// Whether a rendering with this status is an acceptable translation (not deprecated,
// superseded or forbidden).
bool IsAcceptable(TermStatus status);

struct Term {
  std::string lang;        // canonical tag: "en", "zh-Hans", "ko"
  std::string text;        // the term as written
  TermStatus status = TermStatus::kUnspecified;
  std::string part_of_speech;  // TBX partOfSpeech: "noun", "properNoun", ... ("" unknown)
  std::string term_type;       // TBX termType: "fullForm", "acronym", "abbreviation", "variant"...
  bool case_sensitive = false; // match case exactly (acronyms: CCTV, UN)
  std::string usage_note;      // note on this term
};

struct Concept {
  std::string id;          // the file's concept id (termEntry/conceptEntry id); may be empty
  std::string subject;     // subjectField
  std::string definition;  // in definition_lang ("" when the file did not say)
  std::string definition_lang;
  std::string note;        // note on the concept
  std::vector<Term> terms;
};

}  // namespace tmkit
