// Inline codes of XLIFF segments mapped to TMX segment content and back: 1.2 g x bx ex ph bpt
// ept it mrk, 2.x pc sc ec ph cp mrk (sm, em dropped) <-> TMX bpt ept it ph hi, with x linking.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace tmkit {

// The XLIFF generation of a document: 1 for 1.0-1.2, 2 for 2.x.
enum class XliffFamily : uint8_t { kV1 = 1, kV2 = 2 };

// One TMX-level code of an XLIFF segment: a TMX bpt, ept, it or ph, and the file element it
// stands for. A wrapping element (1.2 g, 2.x pc) gives two codes, its start and its end.
struct XliffCode {
  enum class Role : uint8_t { kBegin, kEnd, kIsolated, kStandalone };
  Role role = Role::kStandalone;
  bool wrapper = false;  // g or pc: kBegin and kEnd are the two ends of node
  pugi::xml_node node;   // the element in the file
  std::string key;       // identity shared by a source code and its target counterpart
  int x = 0;             // TMX x; for kEnd, the x of its kBegin
};

// What the conversions need to know about the document and the unit.
struct InlineContext {
  XliffFamily family = XliffFamily::kV1;
  std::string core_ns;        // namespace URI of XLIFF core elements ("" for 1.0 without one)
  std::string prefix;         // prefix of core elements in this file, with its colon, or ""
  pugi::xml_node original_data;  // 2.x: the unit's <originalData>, or null
};

// The local name of an element (without prefix) and its namespace URI, resolved over the
// xmlns declarations of it and its ancestors.
std::string_view LocalName(pugi::xml_node node);
std::string NamespaceOf(pugi::xml_node node);

// Converts the content of container (a source, target or segment mrk) into TMX seg inner XML.
// codes receives the TMX-level codes in order. key_to_x maps identities to TMX x values: pass
// the source's map when converting a target so that counterparts share x; new keys are added
// with numbers above those present. Throws Error (kInput) with message only (the caller adds
// the location) for a 2.x data reference missing from originalData.
std::string XliffToTmx(pugi::xml_node container, const InlineContext& ctx,
                       std::vector<XliffCode>* codes, std::map<std::string, int>* key_to_x);

// Appends to parent the XLIFF form of TMX content tm_seg, whose codes are mapped onto the
// file's codes: through tm_source_seg (the TM unit's source, whose codes must line up one to
// one, in order and kind, with file_codes) and the x (else i, else order) that link a TMX
// target's codes to its source's. Every file code must be used exactly once and wrappers must
// nest. Returns false, leaving parent unchanged, when that cannot be done safely.
bool TmxToXliffMapped(std::string_view tm_seg, std::string_view tm_source_seg,
                      const std::vector<XliffCode>& file_codes, const InlineContext& ctx,
                      pugi::xml_node parent);

// Appends to parent the XLIFF form of TMX content with the TM's own codes rendered as
// generic XLIFF codes (1.2 bpt ept it ph with their native data; 2.x sc ec ph without data),
// ids prefixed with "tm". For alternative translations whose codes cannot be mapped.
void TmxToXliffGeneric(std::string_view tm_seg, const InlineContext& ctx, pugi::xml_node parent);

// Whether an element has no content worth keeping: no element child and only white space.
bool IsBlank(pugi::xml_node node);

}  // namespace tmkit
