// Segment content: the inner XML of a TMX <seg> (text plus inline codes bpt, ept, it, ph, ut
// and hi, sub). Helpers to get its plain text and to escape text for XML output.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace tmkit {

// The translatable text of a segment: its character data, with the native code inside
// bpt/ept/it/ph/ut (and their sub) removed; text inside hi is kept.
std::string SegPlainText(std::string_view seg_xml);
// The same into *out (replacing what it held; seg_xml must not be in it).
void SegPlainText(std::string_view seg_xml, std::string* out);

// Appends the children of node (a <seg> or inline element) as canonical XML: text escaped
// with AppendEscapedText, CDATA as text, empty elements self-closed, comments dropped.
void AppendInlineXml(pugi::xml_node node, std::string* out);

// Escapes &, < and > (and CR, which a parser would drop) for character data.
void AppendEscapedText(std::string* out, std::string_view text);
// Escapes &, <, > and " for a double-quoted attribute value; also tab, CR and LF, which an
// XML parser would otherwise normalise to spaces.
void AppendEscapedAttr(std::string* out, std::string_view value);

}  // namespace tmkit
