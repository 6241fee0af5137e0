// The JSON forms of lookup matches and concordance hits, shared by the command line's
// --format json and the HTTP server, so that both always print the same objects.
#pragma once

#include <nlohmann/json.hpp>

#include "glossary/document_check.h"
#include "glossary/term_check.h"
#include "glossary/term_lookup.h"
#include "glossary/term_model.h"
#include "match/concordance.h"
#include "match/lookup.h"

namespace tmkit {

// {"score", "source", "target", "source_lang", "target_lang", "unit", "changedate",
//  "adapted", "source_seg", "target_seg"} and "tuid" when the unit has one.
nlohmann::json LookupMatchJson(const LookupMatch& match);

// {"unit", "lang", "text", "match": {"begin", "end"} (bytes of text), "variants": [{"lang",
//  "text"}]} and "tuid" when the unit has one.
nlohmann::json ConcordanceHitJson(const ConcordanceHit& hit);

// {"lang", "text", "status"} and, when set, "pos", "type", "case_sensitive", "note".
nlohmann::json TermJson(const Term& term);
// {"id", "terms": [TermJson...]} and, when set, "subject", "definition", "note".
nlohmann::json ConceptJson(const Concept& entry);
// {"concept", "found" (the words in text), "begin", "end" (bytes), "term", "renderings"} and
// "particle" when a particle or possessive follows.
nlohmann::json TermFoundJson(const TermFound& found, std::string_view text);

// A finding of tmkit check: {"unit", "lang", "kind", "severity", "concept", "source_term",
// "source_offset", "expected", "found", "offset"} and "note" when there is one.
nlohmann::json FindingJson(const Finding& finding);
// The whole report: {"findings": [FindingJson...], "summary": {"units", "checked", "skipped",
// "concepts", "errors", "warnings", "by_kind"}}, and with fix_output, summary "fix":
// {"output", "replacements", "unfixed": [FindingJson...]}.
nlohmann::json CheckReportJson(const DocumentCheckResult& result, const std::string& fix_output = "");

}  // namespace tmkit
