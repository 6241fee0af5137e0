#include "tmx/seg.h"

#include <cstring>

namespace tmkit {

namespace {

bool IsCode(const char* name) {
  return std::strcmp(name, "bpt") == 0 || std::strcmp(name, "ept") == 0 ||
         std::strcmp(name, "it") == 0 || std::strcmp(name, "ph") == 0 ||
         std::strcmp(name, "ut") == 0 || std::strcmp(name, "sub") == 0;
}

void Collect(pugi::xml_node node, std::string* out) {
  for (pugi::xml_node child : node.children()) {
    switch (child.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        out->append(child.value());
        break;
      case pugi::node_element:
        if (!IsCode(child.name())) Collect(child, out);
        break;
      default:
        break;
    }
  }
}

}  // namespace

void AppendInlineXml(pugi::xml_node node, std::string* out) {
  for (pugi::xml_node child : node.children()) {
    switch (child.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        AppendEscapedText(out, child.value());
        break;
      case pugi::node_element:
        out->push_back('<');
        out->append(child.name());
        for (pugi::xml_attribute a : child.attributes()) {
          out->push_back(' ');
          out->append(a.name());
          out->append("=\"");
          AppendEscapedAttr(out, a.value());
          out->push_back('"');
        }
        if (!child.first_child()) {
          out->append("/>");
        } else {
          out->push_back('>');
          AppendInlineXml(child, out);
          out->append("</");
          out->append(child.name());
          out->push_back('>');
        }
        break;
      default:
        break;
    }
  }
}

std::string SegPlainText(std::string_view seg_xml) {
  std::string out;
  SegPlainText(seg_xml, &out);
  return out;
}

void SegPlainText(std::string_view seg_xml, std::string* out) {
  if (!std::memchr(seg_xml.data(), '<', seg_xml.size()) &&
      !std::memchr(seg_xml.data(), '&', seg_xml.size())) {
    out->assign(seg_xml);
    return;
  }
  pugi::xml_document doc;
  unsigned flags = pugi::parse_fragment | pugi::parse_ws_pcdata | pugi::parse_escapes |
                   pugi::parse_cdata | pugi::parse_eol;
  out->clear();
  if (!doc.load_buffer(seg_xml.data(), seg_xml.size(), flags, pugi::encoding_utf8)) {
    out->assign(seg_xml);  // not reachable for content the reader produced
    return;
  }
  Collect(doc, out);
}

namespace {

// Bytes that character data must escape: & < > and CR.
struct EscapeTable {
  bool special[256] = {};
  EscapeTable() {
    for (int c : {'&', '<', '>', '\r'}) special[c] = true;
  }
};
const EscapeTable kEscapeTable;

}  // namespace

void AppendEscapedText(std::string* out, std::string_view text) {
  size_t start = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size(); ++i) {
    if (!kEscapeTable.special[p[i]]) continue;
    const char* rep = nullptr;
    switch (text[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '\r': rep = "&#13;"; break;
      default: continue;
    }
    out->append(text.data() + start, i - start);
    out->append(rep);
    start = i + 1;
  }
  out->append(text.data() + start, text.size() - start);
}

void AppendEscapedAttr(std::string* out, std::string_view value) {
  size_t start = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char* rep = nullptr;
    switch (value[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\t': rep = "&#9;"; break;
      case '\n': rep = "&#10;"; break;
      case '\r': rep = "&#13;"; break;
      default: continue;
    }
    out->append(value.data() + start, i - start);
    out->append(rep);
    start = i + 1;
  }
  out->append(value.data() + start, value.size() - start);
}

}  // namespace tmkit
