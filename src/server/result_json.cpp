#include "server/result_json.h"

namespace tmkit {

nlohmann::json LookupMatchJson(const LookupMatch& m) {
  nlohmann::json j = {{"score", m.score},          {"source", m.source},
                      {"target", m.target},        {"source_lang", m.source_lang},
                      {"target_lang", m.target_lang}, {"unit", m.unit},
                      {"changedate", m.changedate}, {"adapted", m.adapted},
                      {"source_seg", m.source_seg}, {"target_seg", m.target_seg}};
  if (!m.tuid.empty()) j["tuid"] = m.tuid;
  return j;
}

nlohmann::json ConcordanceHitJson(const ConcordanceHit& h) {
  nlohmann::json j = {{"unit", h.unit}, {"lang", h.lang}, {"text", h.text},
                      {"match", {{"begin", h.begin}, {"end", h.end}}}};
  if (!h.tuid.empty()) j["tuid"] = h.tuid;
  j["variants"] = nlohmann::json::array();
  for (const auto& [lang, text] : h.others) j["variants"].push_back({{"lang", lang}, {"text", text}});
  return j;
}

nlohmann::json TermJson(const Term& t) {
  nlohmann::json j = {{"lang", t.lang}, {"text", t.text}, {"status", std::string(TermStatusName(t.status))}};
  if (!t.part_of_speech.empty()) j["pos"] = t.part_of_speech;
  if (!t.term_type.empty()) j["type"] = t.term_type;
  if (t.case_sensitive) j["case_sensitive"] = true;
  if (!t.usage_note.empty()) j["note"] = t.usage_note;
  return j;
}

nlohmann::json ConceptJson(const Concept& c) {
  nlohmann::json j = {{"id", c.id}, {"terms", nlohmann::json::array()}};
  if (!c.subject.empty()) j["subject"] = c.subject;
  if (!c.definition.empty()) j["definition"] = c.definition;
  if (!c.note.empty()) j["note"] = c.note;
  for (const Term& t : c.terms) j["terms"].push_back(TermJson(t));
  return j;
}

nlohmann::json TermFoundJson(const TermFound& f, std::string_view text) {
  nlohmann::json j = {{"concept", f.entry->id},
                      {"found", std::string(text.substr(f.begin, f.end - f.begin))},
                      {"begin", f.begin},
                      {"end", f.end},
                      {"term", TermJson(*f.term)},
                      {"renderings", nlohmann::json::array()}};
  if (f.particle_end > f.end) j["particle"] = std::string(text.substr(f.end, f.particle_end - f.end));
  for (const Term* t : f.renderings) j["renderings"].push_back(TermJson(*t));
  return j;
}

nlohmann::json FindingJson(const Finding& f) {
  nlohmann::json j = {{"unit", f.unit},
                      {"lang", f.lang},
                      {"kind", FindingKindName(f.kind)},
                      {"severity", SeverityName(f.severity)},
                      {"concept", f.concept_id},
                      {"source_term", f.source_term},
                      {"source_offset", f.source_offset},
                      {"expected", f.expected},
                      {"found", f.found},
                      {"offset", f.offset}};
  if (!f.note.empty()) j["note"] = f.note;
  return j;
}

nlohmann::json CheckReportJson(const DocumentCheckResult& result, const std::string& fix_output) {
  nlohmann::json list = nlohmann::json::array();
  for (const Finding& f : result.findings) list.push_back(FindingJson(f));
  nlohmann::json summary = {{"units", result.units},       {"checked", result.checked},
                            {"skipped", result.skipped},   {"concepts", result.concepts},
                            {"errors", result.errors},     {"warnings", result.warnings},
                            {"by_kind", result.by_kind}};
  if (!fix_output.empty()) {
    nlohmann::json unfixed = nlohmann::json::array();
    for (const Finding& f : result.unfixed) unfixed.push_back(FindingJson(f));
    summary["fix"] = {{"output", fix_output}, {"replacements", result.replacements}, {"unfixed", unfixed}};
  }
  return {{"findings", list}, {"summary", summary}};
}

}  // namespace tmkit
