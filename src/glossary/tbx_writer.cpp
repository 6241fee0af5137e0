#include "glossary/tbx_writer.h"

#include <cstdio>
#include <set>
#include <string_view>

#include "util/error.h"
#include "util/output_file.h"

namespace tmkit {

namespace {

constexpr const char* kDocLang = "en";

class Writer {
 public:
  explicit Writer(TbxVersion version) : v3_(version == TbxVersion::kV3) {}

  std::string Document(const std::vector<Concept>& concepts) {
    out_.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (v3_) {
      out_.append(
          "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" "
          "xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
          "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n"
          "        <p>Written by tmkit</p>\n"
          "      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n");
    } else {
      out_.append(
          "<martif type=\"TBX-Basic\" xml:lang=\"en\">\n"
          "  <martifHeader>\n    <fileDesc>\n      <sourceDesc>\n"
          "        <p>Written by tmkit</p>\n"
          "      </sourceDesc>\n    </fileDesc>\n"
          "    <encodingDesc>\n      <p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>\n"
          "    </encodingDesc>\n  </martifHeader>\n");
    }
    out_.append("  <text>\n    <body>\n");
    std::set<std::string> used;
    for (const Concept& c : concepts) used.insert(c.id);
    size_t next = 1;
    for (const Concept& c : concepts) {
      if (c.terms.empty()) continue;
      std::string id = c.id;
      if (id.empty() && v3_) {
        do {
          id = "c" + std::to_string(next++);
        } while (used.count(id));
        used.insert(id);
      }
      WriteEntry(c, id);
    }
    out_.append("    </body>\n  </text>\n");
    out_.append(v3_ ? "</tbx>\n" : "</martif>\n");
    return std::move(out_);
  }

 private:
  void Escaped(std::string_view text, bool attr) {
    for (char ch : text) {
      auto u = static_cast<unsigned char>(ch);
      if (u < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
        char code[8];
        std::snprintf(code, sizeof code, "%04X", u);
        ThrowInput("concept \"" + concept_id_ + "\": text holds control character U+" + code +
                   ", which XML cannot represent");
      }
      switch (ch) {
        case '&': out_.append("&amp;"); break;
        case '<': out_.append("&lt;"); break;
        case '>': out_.append("&gt;"); break;
        case '"': out_.append(attr ? "&quot;" : "\""); break;
        case '\r': out_.append("&#13;"); break;
        case '\t': out_.append(attr ? "&#9;" : "\t"); break;
        case '\n': out_.append(attr ? "&#10;" : "\n"); break;
        default: out_.push_back(ch);
      }
    }
  }

  // <tag type="type" xml:lang="lang">text</tag> on a line of its own.
  void Element(const char* indent, const char* tag, const char* type, std::string_view text,
               const std::string* lang = nullptr) {
    out_.append(indent);
    out_.push_back('<');
    out_.append(tag);
    if (type) {
      out_.append(" type=\"");
      out_.append(type);
      out_.push_back('"');
    }
    if (lang) {
      out_.append(" xml:lang=\"");
      Escaped(*lang, true);
      out_.push_back('"');
    }
    out_.push_back('>');
    Escaped(text, false);
    out_.append("</");
    out_.append(tag);
    out_.append(">\n");
  }

  // One element per line of text (the readers join repeated elements with '\n').
  void Lines(const char* indent, const char* tag, const char* type, const std::string& text) {
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      if (end > start) Element(indent, tag, type, std::string_view(text).substr(start, end - start));
      start = end + 1;
    }
  }

  void WriteEntry(const Concept& c, const std::string& id) {
    concept_id_ = c.id;
    const char* entry_tag = v3_ ? "conceptEntry" : "termEntry";
    const char* set_tag = v3_ ? "langSec" : "langSet";
    const char* term_tag = v3_ ? "termSec" : "tig";
    for (const Term& t : c.terms) {
      if (t.lang.empty()) ThrowInput("concept \"" + c.id + "\": the term \"" + t.text + "\" has no language");
    }
    // Where the definition goes: entry level, or the first langSet of its language.
    bool has_set = false;
    for (const Term& t : c.terms) has_set = has_set || t.lang == c.definition_lang;
    bool entry_definition = !c.definition.empty() &&
                            (c.definition_lang.empty() || !has_set ||
                             (!v3_ && c.definition_lang == kDocLang));
    bool set_definition_pending = !c.definition.empty() && !entry_definition;

    out_.append("      <");
    out_.append(entry_tag);
    if (!id.empty()) {
      out_.append(" id=\"");
      Escaped(id, true);
      out_.push_back('"');
    }
    out_.append(">\n");
    Lines("        ", "descrip", "subjectField", c.subject);
    if (entry_definition) {
      bool needs_lang = c.definition_lang != kDocLang;
      Element("        ", "descrip", "definition", c.definition, needs_lang ? &c.definition_lang : nullptr);
    }
    Lines("        ", "note", nullptr, c.note);
    size_t i = 0;
    while (i < c.terms.size()) {
      const std::string& lang = c.terms[i].lang;
      out_.append("        <");
      out_.append(set_tag);
      out_.append(" xml:lang=\"");
      Escaped(lang, true);
      out_.append("\">\n");
      if (set_definition_pending && lang == c.definition_lang) {
        Element("          ", "descrip", "definition", c.definition);
        set_definition_pending = false;
      }
      for (; i < c.terms.size() && c.terms[i].lang == lang; ++i) {
        const Term& t = c.terms[i];
        out_.append("          <");
        out_.append(term_tag);
        out_.append(">\n");
        Element("            ", "term", nullptr, t.text);
        if (!t.part_of_speech.empty()) {
          Element("            ", "termNote", "partOfSpeech", t.part_of_speech);
        }
        if (t.status != TermStatus::kUnspecified) {
          std::string value = std::string(TermStatusName(t.status)) + "Term-admn-sts";
          Element("            ", "termNote", "administrativeStatus", value);
        }
        if (!t.term_type.empty()) Element("            ", "termNote", "termType", t.term_type);
        if (t.case_sensitive) Element("            ", "termNote", "x-caseSensitive", "yes");
        Lines("            ", "note", nullptr, t.usage_note);
        out_.append("          </");
        out_.append(term_tag);
        out_.append(">\n");
      }
      out_.append("        </");
      out_.append(set_tag);
      out_.append(">\n");
    }
    out_.append("      </");
    out_.append(entry_tag);
    out_.append(">\n");
  }

  bool v3_;
  std::string out_;
  std::string concept_id_;
};

}  // namespace

std::string TbxDocument(const std::vector<Concept>& concepts, TbxVersion version) {
  Writer writer(version);
  return writer.Document(concepts);
}

void WriteTbx(const std::string& path, const std::vector<Concept>& concepts, TbxVersion version) {
  WriteOutputFile(path, TbxDocument(concepts, version));
}

}  // namespace tmkit
