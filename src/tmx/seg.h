// Segment content: the inner XML of a TMX <seg> (text plus inline codes bpt, ept, it, ph, ut
// and hi, sub). Helpers to get its plain text and to escape text for XML output.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tmkit {

// The translatable text of a segment: its character data, with the native code inside
// bpt/ept/it/ph/ut (and their sub) removed; text inside hi is kept.
std::string SegPlainText(std::string_view seg_xml);
// The same into *out (replacing what it held; seg_xml must not be in it).
void SegPlainText(std::string_view seg_xml, std::string* out);

// Appends the children of node (a <seg> or inline element) as canonical XML: text escaped
// with AppendEscapedText, CDATA as text, empty elements self-closed, comments dropped.
void AppendInlineXml(pugi::xml_node node, std::string* out);

// Inline markup that breaks the TMX content model: the offending element and what is wrong.
struct InlineProblem {
  pugi::xml_node node;
  std::string message;
};
// AppendInlineXml for a <seg>, checking on the way what the TMX 1.4b DTD allows (TMX 1.1 to
// 1.3 use the same inline elements): seg, hi and sub hold text, bpt, ept, it, ph, hi and ut;
// bpt, ept, it, ph and ut hold text and sub; bpt and ept need i, it needs pos (begin or
// end). Each violation is appended to *problems; the content is appended whatever it holds.
void AppendSegXml(pugi::xml_node seg, std::string* out, std::vector<InlineProblem>* problems);

// Escapes &, < and > (and CR, which a parser would drop) for character data.
void AppendEscapedText(std::string* out, std::string_view text);
// Escapes &, <, > and " for a double-quoted attribute value; also tab, CR and LF, which an
// XML parser would otherwise normalise to spaces.
void AppendEscapedAttr(std::string* out, std::string_view value);

}  // namespace tmkit
