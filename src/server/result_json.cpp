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

}  // namespace tmkit
