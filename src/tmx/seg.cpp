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

namespace {

// The inline elements of TMX, and kOther for any other name.
enum class Tag { kOther, kBpt, kEpt, kIt, kPh, kUt, kHi, kSub };

Tag TagOf(const char* n) {
  Tag t = Tag::kOther;
  switch (n[0]) {
    case 'b': t = Tag::kBpt; break;
    case 'e': t = Tag::kEpt; break;
    case 'i': t = Tag::kIt; break;
    case 'p': t = Tag::kPh; break;
    case 'u': t = Tag::kUt; break;
    case 'h': t = Tag::kHi; break;
    case 's': t = Tag::kSub; break;
    default: return Tag::kOther;
  }
  static constexpr const char* kNames[] = {"", "bpt", "ept", "it", "ph", "ut", "hi", "sub"};
  return std::strcmp(n, kNames[static_cast<int>(t)]) == 0 ? t : Tag::kOther;
}

// A code (bpt, ept, it, ph, ut) holds only text and sub; seg, hi and sub hold the codes and hi.
bool IsCodeTag(Tag t) { return t >= Tag::kBpt && t <= Tag::kUt; }

// What a problem message calls an element: "<name>".
std::string Named(pugi::xml_node node) { return "<" + std::string(node.name()) + ">"; }

// Serializes the children of node; with problems, also checks them against the content
// model (holds_codes: node is a seg, hi or sub). The check reads only what serializing reads.
void AppendChildren(pugi::xml_node node, bool holds_codes, std::string* out,
                    std::vector<InlineProblem>* problems) {
  for (pugi::xml_node child : node.children()) {
    switch (child.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        AppendEscapedText(out, child.value());
        break;
      case pugi::node_element: {
        Tag tag = problems ? TagOf(child.name()) : Tag::kOther;
        bool has_i = false;
        const char* pos = nullptr;
        out->push_back('<');
        out->append(child.name());
        for (pugi::xml_attribute a : child.attributes()) {
          const char* name = a.name();
          if (name[0] == 'i' && name[1] == 0) has_i = true;
          if (std::strcmp(name, "pos") == 0) pos = a.value();
          out->push_back(' ');
          out->append(name);
          out->append("=\"");
          AppendEscapedAttr(out, a.value());
          out->push_back('"');
        }
        if (problems) {
          if (holds_codes ? !(IsCodeTag(tag) || tag == Tag::kHi) : tag != Tag::kSub) {
            problems->push_back(
                {child, Named(child) + " inside " + Named(node) + " is not TMX markup: " +
                            Named(node) +
                            (holds_codes ? " may hold only text, <bpt>, <ept>, <it>, <ph>, "
                                           "<hi> and <ut>"
                                         : " may hold only text and <sub>")});
          } else if ((tag == Tag::kBpt || tag == Tag::kEpt) && !has_i) {
            problems->push_back({child, Named(child) + " without the attribute i, which TMX requires"});
          } else if (tag == Tag::kIt && !pos) {
            problems->push_back({child, "<it> without the attribute pos, which TMX requires"});
          } else if (tag == Tag::kIt && std::strcmp(pos, "begin") != 0 && std::strcmp(pos, "end") != 0) {
            problems->push_back({child, "<it> with pos=\"" + std::string(pos) +
                                            "\": TMX allows only pos=\"begin\" or pos=\"end\""});
          }
        }
        if (!child.first_child()) {
          out->append("/>");
        } else {
          out->push_back('>');
          AppendChildren(child, !IsCodeTag(tag), out, problems);
          out->append("</");
          out->append(child.name());
          out->push_back('>');
        }
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

void AppendInlineXml(pugi::xml_node node, std::string* out) {
  AppendChildren(node, true, out, nullptr);
}

void AppendSegXml(pugi::xml_node seg, std::string* out, std::vector<InlineProblem>* problems) {
  AppendChildren(seg, true, out, problems);
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
