#include "glossary/tbx_reader.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>

#include "text/encoding.h"
#include "text/lang_tag.h"
#include "util/error.h"

namespace tmkit {

namespace {

// The part of an element name after its namespace prefix.
std::string_view LocalName(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(name);
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void AppendText(pugi::xml_node node, std::string* out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out->append(c.value());
    } else if (c.type() == pugi::node_element) {
      AppendText(c, out);
    }
  }
}

// The character data of node and its descendants, white space collapsed and trimmed.
std::string CollapsedText(pugi::xml_node node) {
  std::string raw;
  AppendText(node, &raw);
  std::string out;
  bool space = false;
  for (char c : raw) {
    if (IsXmlSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

void AppendLine(std::string* field, const std::string& text) {
  if (text.empty()) return;
  if (!field->empty()) field->push_back('\n');
  field->append(text);
}

class Parser {
 public:
  Parser(std::string_view xml, const std::string& file) : xml_(xml), file_(file) {}

  std::vector<Concept> Parse(TbxVersion* version) {
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_buffer(xml_.data(), xml_.size(), pugi::parse_default,
                                               pugi::encoding_utf8);
    if (!r) {
      ThrowInput(std::string("malformed XML: ") + r.description(),
                 At(static_cast<size_t>(r.offset)));
    }
    pugi::xml_node root = doc.document_element();
    if (!root) ThrowInput("no root element: not a TBX document", Location{file_, 1, 1});
    std::string_view root_name = LocalName(root.name());
    bool v3 = root_name == "tbx";
    if (!v3 && root_name != "martif") {
      ThrowInput("not a TBX document: the root element is <" + std::string(root.name()) +
                     ">, not <martif> (TBX v2) or <tbx> (TBX v3)",
                 At(root));
    }
    if (version) *version = v3 ? TbxVersion::kV3 : TbxVersion::kV2;
    std::vector<Concept> concepts;
    pugi::xml_node text = Child(root, "text");
    pugi::xml_node body = text ? Child(text, "body") : pugi::xml_node();
    if (!body) ThrowInput("no <text><body> in the TBX document", At(root));
    for (pugi::xml_node entry : body.children()) {
      if (entry.type() != pugi::node_element) continue;
      std::string_view name = LocalName(entry.name());
      if (name != "termEntry" && name != "conceptEntry") continue;
      Concept c = ReadEntry(entry);
      if (!c.terms.empty()) concepts.push_back(std::move(c));
    }
    return concepts;
  }

 private:
  static pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_node c : node.children()) {
      if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
    }
    return {};
  }

  // The data category an element carries: its type attribute for the DCA container elements,
  // else its own name (DCT style, and note).
  static std::string Category(pugi::xml_node node) {
    std::string_view name = LocalName(node.name());
    if (name == "descrip" || name == "termNote" || name == "admin") {
      return node.attribute("type").value();
    }
    return std::string(name);
  }

  Location At(size_t offset) const {
    LineCounter counter;
    counter.Advance(xml_.data(), std::min(offset, xml_.size()));
    return Location{file_, counter.line(), counter.column()};
  }
  Location At(pugi::xml_node node) const {
    // pugixml gives the offset of the element's name; point at its '<'.
    ptrdiff_t off = node.offset_debug();
    if (off < 0) return Location{file_, 0, 0};
    auto at = static_cast<size_t>(off);
    if (at > 0 && at <= xml_.size() && xml_[at - 1] == '<') --at;
    return At(at);
  }

  // The language in scope at node (its own xml:lang or an ancestor's), canonical, or "".
  std::string LangInScope(pugi::xml_node node) const {
    for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
      pugi::xml_attribute a = n.attribute("xml:lang");
      if (a) return Canonical(a.value(), n);
    }
    return "";
  }

  std::string Canonical(const char* tag, pugi::xml_node where) const {
    if (!*tag) return "";
    std::optional<std::string> canonical = CanonicalLangTag(tag);
    if (!canonical || *canonical == "*all*") {
      ThrowInput("invalid language tag \"" + std::string(tag) + "\"", At(where));
    }
    if (!IsKnownLanguage(*canonical)) {
      ThrowInput("unknown language \"" + std::string(tag) + "\"", At(where));
    }
    return *canonical;
  }

  void TakeDefinition(pugi::xml_node node, Concept* c) const {
    if (!c->definition.empty()) return;
    c->definition = CollapsedText(node);
    if (!c->definition.empty()) c->definition_lang = LangInScope(node);
  }

  // Entry-level information, also inside descripGrp.
  void ReadEntryInfo(pugi::xml_node node, Concept* c) const {
    std::string_view name = LocalName(node.name());
    if (name == "descripGrp") {
      for (pugi::xml_node k : node.children()) {
        if (k.type() == pugi::node_element) ReadEntryInfo(k, c);
      }
      return;
    }
    std::string category = Category(node);
    if (category == "subjectField") {
      AppendLine(&c->subject, CollapsedText(node));
    } else if (category == "definition") {
      TakeDefinition(node, c);
    } else if (category == "note") {
      AppendLine(&c->note, CollapsedText(node));
    }
  }

  Concept ReadEntry(pugi::xml_node entry) const {
    Concept c;
    c.id = entry.attribute("id").value();
    for (pugi::xml_node child : entry.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string_view name = LocalName(child.name());
      if (name == "langSet" || name == "langSec") {
        ReadLangSet(child, &c);
      } else {
        ReadEntryInfo(child, &c);
      }
    }
    return c;
  }

  void ReadLangSet(pugi::xml_node set, Concept* c) const {
    pugi::xml_attribute lang_attr = set.attribute("xml:lang");
    if (!lang_attr || !*lang_attr.value()) {
      ThrowInput("<" + std::string(set.name()) + "> without xml:lang", At(set));
    }
    std::string lang = Canonical(lang_attr.value(), set);
    size_t first_term = c->terms.size();
    std::string set_note;
    for (pugi::xml_node child : set.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string_view name = LocalName(child.name());
      if (name == "tig" || name == "ntig" || name == "termSec") {
        Term t;
        t.lang = lang;
        bool has_term = false;
        ReadTermLevel(child, &t, &has_term);
        if (!has_term) ThrowInput("<" + std::string(child.name()) + "> without <term>", At(child));
        if (!t.text.empty()) c->terms.push_back(std::move(t));
      } else if (name == "descripGrp") {
        for (pugi::xml_node k : child.children()) {
          if (k.type() == pugi::node_element && Category(k) == "definition") TakeDefinition(k, c);
        }
      } else {
        std::string category = Category(child);
        if (category == "definition") {
          TakeDefinition(child, c);
        } else if (category == "note") {
          AppendLine(&set_note, CollapsedText(child));
        }
      }
    }
    if (!set_note.empty()) {
      for (size_t i = first_term; i < c->terms.size(); ++i) AppendLine(&c->terms[i].usage_note, set_note);
    }
  }

  // The children of tig, ntig or termSec, and of termGrp, termNoteGrp and descripGrp in them.
  void ReadTermLevel(pugi::xml_node node, Term* t, bool* has_term) const {
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string_view name = LocalName(child.name());
      if (name == "term") {
        if (!*has_term) t->text = CollapsedText(child);
        *has_term = true;
        continue;
      }
      if (name == "termGrp" || name == "termNoteGrp" || name == "descripGrp") {
        ReadTermLevel(child, t, has_term);
        continue;
      }
      std::string category = Category(child);
      if (category == "administrativeStatus" || category == "normativeAuthorization") {
        std::string value = CollapsedText(child);
        TermStatus status;
        if (!ParseTermStatus(value, &status)) {
          ThrowInput("unknown " + category + " \"" + value + "\"", At(child));
        }
        if (t->status == TermStatus::kUnspecified) t->status = status;
      } else if (category == "partOfSpeech") {
        if (t->part_of_speech.empty()) t->part_of_speech = CollapsedText(child);
      } else if (category == "termType") {
        if (t->term_type.empty()) t->term_type = CollapsedText(child);
      } else if (category == "x-caseSensitive" || category == "caseSensitive") {
        std::string value = CollapsedText(child);
        for (char& ch : value) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (value == "yes" || value == "true" || value == "1") {
          t->case_sensitive = true;
        } else if (value == "no" || value == "false" || value == "0") {
          t->case_sensitive = false;
        } else {
          ThrowInput(category + " must be yes or no, not \"" + value + "\"", At(child));
        }
      } else if (category == "note" || category == "usageNote") {
        AppendLine(&t->usage_note, CollapsedText(child));
      }
    }
  }

  std::string_view xml_;
  std::string file_;
};

// The local name of the root element of the XML text s, or "" when s does not reach it yet.
// *bad is set when s cannot be XML.
std::string RootName(const std::string& s, bool* bad) {
  size_t i = 0;
  while (true) {
    while (i < s.size() && IsXmlSpace(s[i])) ++i;
    if (i >= s.size()) return "";
    if (s[i] != '<') {
      *bad = true;
      return "";
    }
    if (s.compare(i, 4, "<!--") == 0) {
      size_t j = s.find("-->", i + 4);
      if (j == std::string::npos) return "";
      i = j + 3;
    } else if (s.compare(i, 2, "<?") == 0) {
      size_t j = s.find("?>", i + 2);
      if (j == std::string::npos) return "";
      i = j + 2;
    } else if (s.compare(i, 2, "<!") == 0) {  // DOCTYPE, perhaps with an internal subset
      int depth = 0;
      size_t j = i + 2;
      for (; j < s.size(); ++j) {
        if (s[j] == '[') ++depth;
        if (s[j] == ']') --depth;
        if (s[j] == '>' && depth <= 0) break;
      }
      if (j >= s.size()) return "";
      i = j + 1;
    } else {
      size_t j = i + 1;
      while (j < s.size() && !IsXmlSpace(s[j]) && s[j] != '>' && s[j] != '/') ++j;
      if (j >= s.size()) return "";
      std::string name = s.substr(i + 1, j - i - 1);
      size_t colon = name.rfind(':');
      return colon == std::string::npos ? name : name.substr(colon + 1);
    }
  }
}

}  // namespace

std::vector<Concept> ParseTbx(std::string_view xml, const std::string& file, TbxVersion* version) {
  Parser parser(xml, file);
  return parser.Parse(version);
}

std::vector<Concept> ReadTbx(const std::string& path, const std::string& encoding,
                             TbxVersion* version, std::vector<std::string>* warnings) {
  Utf8Source source(path, /*sniff_xml_declaration=*/true, encoding);
  std::string xml;
  while (source.Read(&xml, 1 << 20)) {
  }
  if (warnings) warnings->insert(warnings->end(), source.warnings().begin(), source.warnings().end());
  return ParseTbx(xml, path, version);
}

TbxVersion DetectTbxVersion(const std::string& path, const std::string& encoding) {
  Utf8Source source(path, /*sniff_xml_declaration=*/true, encoding);
  std::string head;
  bool bad = false;
  std::string root;
  while (true) {
    bool more = source.Read(&head, 1 << 16);
    root = RootName(head, &bad);
    if (!root.empty() || bad || !more) break;
  }
  if (root == "martif") return TbxVersion::kV2;
  if (root == "tbx") return TbxVersion::kV3;
  ThrowInput(root.empty() ? std::string("not a TBX document: no root element found")
                          : "not a TBX document: the root element is <" + root +
                                ">, not <martif> (TBX v2) or <tbx> (TBX v3)",
             Location{path, 0, 0});
}

}  // namespace tmkit
