#include "tmx/tmx_reader.h"

#include <pugixml.hpp>

#include <cstring>

#include "text/encoding.h"
#include "text/lang_tag.h"
#include "tmx/seg.h"
#include "tmx/xml_scanner.h"

namespace tmkit {

namespace {

constexpr size_t kWindowUnits = 512;
constexpr size_t kWindowBytes = 4 << 20;

constexpr unsigned kParseFlags = pugi::parse_fragment | pugi::parse_ws_pcdata |
                                 pugi::parse_escapes | pugi::parse_cdata | pugi::parse_eol |
                                 pugi::parse_wconv_attribute;

bool IsBlank(const char* s) {
  for (; *s; ++s) {
    if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) return false;
  }
  return true;
}

// Element n of *v, added when v has only n: converting a unit into the vectors of the one
// before reuses their strings' buffers (the caller trims v to its count at the end).
template <typename T>
T& Slot(std::vector<T>* v, size_t n) {
  if (n == v->size()) v->emplace_back();
  return (*v)[n];
}

void SetAttrSlot(Attrs* attrs, size_t n, const char* name, const char* value) {
  Attr& a = Slot(attrs, n);
  a.name.assign(name);
  a.value.assign(value);
}

void AssignAttrs(pugi::xml_node node, Attrs* attrs) {
  size_t n = 0;
  for (pugi::xml_attribute a : node.attributes()) SetAttrSlot(attrs, n++, a.name(), a.value());
  attrs->resize(n);
}

void AssignAnnotation(pugi::xml_node node, Annotation::Kind kind, Annotation* out) {
  out->kind = kind;
  AssignAttrs(node, &out->attrs);
  out->text.clear();
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out->text += c.value();
  }
}

Annotation AnnotationOf(pugi::xml_node node, Annotation::Kind kind) {
  Annotation a;
  AssignAnnotation(node, kind, &a);
  return a;
}

bool Is(pugi::xml_node node, const char* name) { return std::strcmp(node.name(), name) == 0; }

// "message; consequence", without doubling the ';' that ends an entity reference ("&x;").
std::string Then(const std::string& message, const char* consequence) {
  return message + (!message.empty() && message.back() == ';' ? " " : "; ") + consequence;
}

}  // namespace

struct TmxReader::Window {
  // Where a unit begins in the file (a Location without its file name, which every unit
  // would otherwise copy).
  struct Place {
    uint64_t line, column;
  };
  std::string text;        // the units' XML, each followed by a line break
  std::string parse_copy;  // text, parsed in place by doc
  std::vector<uint64_t> starts;  // where each unit begins in text
  std::vector<Place> places;
  pugi::xml_document doc;
  std::vector<std::unique_ptr<pugi::xml_document>> docs;  // the units, when parsed one at a time
  std::vector<pugi::xml_node> tus;  // the parsed units; a null node for one that failed
  bool one_at_a_time = false;
  size_t next = 0;  // the next unit for Next to convert
};

TmxReader::TmxReader(const std::string& path, Options options)
    : path_(path), options_(options) {
  source_ = std::make_unique<Utf8Source>(path, /*sniff_xml_declaration=*/true);
  warnings_ = source_->warnings();
  scanner_ = std::make_unique<XmlScanner>(source_.get(), /*expand_declared_entities=*/true);
  window_ = std::make_unique<Window>();
  ReadProlog();
}

TmxReader::~TmxReader() = default;

const std::string& TmxReader::encoding() const { return source_->encoding(); }
uint64_t TmxReader::bytes_read() const { return source_->bytes_read(); }
uint64_t TmxReader::file_size() const { return source_->file_size(); }

void TmxReader::ReadProlog() {
  XmlScanner& s = *scanner_;
  XmlScanner::Token t = s.SkipMisc(/*allow_doctype=*/true);
  if (t == XmlScanner::Token::kEof) {
    if (source_->file_size() == 0) ThrowInput("empty file: not a TMX document", Location{path_, 1, 1});
    s.FailAt(s.offset(), "no root element: not a TMX document");
  }
  if (t != XmlScanner::Token::kStartTag) {
    s.FailAt(s.offset(), "not an XML document: expected '<' but found text");
  }
  tmx_opened_at_ = s.offset();
  std::string name;
  Attrs attrs;
  bool self_closing = false;
  s.ReadStartTag(&name, &attrs, &self_closing);
  if (name != "tmx") {
    s.FailAt(tmx_opened_at_, "not a TMX file: the root element is <" + name + ">, not <tmx>");
  }
  if (const std::string* v = FindAttr(attrs, "version")) header_.version = *v;
  if (self_closing) s.FailAt(tmx_opened_at_, "<tmx> has no <header> and no <body>");
  bool seen_header = false;
  while (true) {
    t = s.SkipMisc(false);
    if (t == XmlScanner::Token::kEof) {
      s.FailAt(tmx_opened_at_, "<tmx> is never closed: the file ends early (truncated?)");
    }
    if (t == XmlScanner::Token::kText) s.FailAt(s.offset(), "unexpected text inside <tmx>");
    if (t == XmlScanner::Token::kEndTag) {
      s.ReadEndTag("tmx", tmx_opened_at_);
      done_ = true;  // a TMX with no body: no units
      warnings_.push_back(path_ + ": <tmx> has no <body>");
      return;
    }
    uint64_t at = s.offset();
    std::string tag = s.PeekTagName();
    if (tag == "header") {
      std::string xml;
      s.ReadElement(&xml);
      ParseHeader(xml, at);
      seen_header = true;
    } else if (tag == "body") {
      if (!seen_header) warnings_.push_back(path_ + ": <body> without a <header> before it");
      body_opened_at_ = at;
      s.ReadStartTag(&name, &attrs, &self_closing);
      in_body_ = !self_closing;
      if (self_closing) {
        // <body/>: expect </tmx> next.
        t = s.SkipMisc(false);
        if (t != XmlScanner::Token::kEndTag) s.FailAt(s.offset(), "expected </tmx> after <body/>");
        s.ReadEndTag("tmx", tmx_opened_at_);
        done_ = true;
      }
      return;
    } else {
      s.FailAt(at, "unexpected <" + tag + "> inside <tmx>: only <header> and <body> may be there");
    }
  }
}

void TmxReader::ParseHeader(const std::string& xml, uint64_t at) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), kParseFlags, pugi::encoding_utf8);
  if (!r) scanner_->FailAt(at, std::string("malformed <header>: ") + r.description());
  pugi::xml_node h = doc.child("header");
  AssignAttrs(h, &header_.attrs);
  for (pugi::xml_node c : h.children()) {
    if (c.type() != pugi::node_element) continue;
    if (Is(c, "prop")) header_.annotations.push_back(AnnotationOf(c, Annotation::Kind::kProp));
    if (Is(c, "note")) header_.annotations.push_back(AnnotationOf(c, Annotation::Kind::kNote));
  }
  if (const std::string* dt = FindAttr(header_.attrs, "datatype")) {
    if (*dt != "plaintext" && *dt != "unknown" && !dt->empty()) header_.datatype = *dt;
  }
  if (const std::string* src = FindAttr(header_.attrs, "srclang")) {
    if (auto canon = CanonicalLangTag(*src)) {
      header_.srclang = *canon;
    } else {
      warnings_.push_back(path_ + ": the header's srclang \"" + *src + "\" is not a language tag");
    }
  }
}

void TmxReader::ReadWindow() {
  XmlScanner& s = *scanner_;
  Window& w = *window_;
  std::string& window = w.text;
  std::vector<uint64_t>& starts = w.starts;
  std::vector<Window::Place>& places = w.places;
  window.clear();
  starts.clear();
  places.clear();
  w.tus.clear();
  w.docs.clear();
  w.next = 0;
  try {
    while (starts.size() < kWindowUnits && window.size() < kWindowBytes) {
      XmlScanner::Token t = s.SkipMisc(false);
      if (t == XmlScanner::Token::kEof) {
        s.FailAt(body_opened_at_, "<body> is never closed: the file ends early (truncated?)");
      }
      if (t == XmlScanner::Token::kText) s.FailAt(s.offset(), "unexpected text inside <body>");
      if (t == XmlScanner::Token::kEndTag) {
        s.ReadEndTag("body", body_opened_at_);
        t = s.SkipMisc(false);
        if (t != XmlScanner::Token::kEndTag) {
          s.FailAt(s.offset(), "expected </tmx> after </body>");
        }
        s.ReadEndTag("tmx", tmx_opened_at_);
        if (s.SkipMisc(false) != XmlScanner::Token::kEof) {
          s.FailAt(s.offset(), "unexpected content after the end of <tmx>");
        }
        done_ = true;
        break;
      }
      uint64_t at = s.offset();
      LineCounter counter = s.CounterAt(at);
      std::string tag = s.PeekTagName();
      if (tag != "tu") {
        std::string ignored;
        s.ReadElement(&ignored);
        problems_.push_back(TmxProblem{Location{s.file(), counter.line(), counter.column()},
                                       "unexpected <" + tag + "> inside <body>: skipped"});
        continue;
      }
      size_t start = window.size();
      s.ReadElement(&window);  // appends nothing when it throws
      starts.push_back(start);
      places.push_back(Window::Place{counter.line(), counter.column()});
      window.push_back('\n');
    }
  } catch (const Error& e) {
    if (!options_.skip_invalid || e.kind() != Error::Kind::kInput) throw;
    problems_.push_back(TmxProblem{e.where(), Then(e.message(), "the rest of the file is skipped")});
    truncated_ = true;
    done_ = true;
  }
  if (!starts.empty()) ParseWindow();
}

namespace {

Location Advance(const Location& start, const std::string& text, size_t from, size_t to) {
  LineCounter c(start.line, start.column);
  c.Advance(text.data() + from, to - from);
  return Location{start.file, c.line(), c.column()};
}

// Where a parsed <tu> is: in the file, in the window, and in the buffer pugixml parsed it from
// (which begins at window offset buffer_start), so that its nodes can be placed in the file.
struct UnitSpot {
  const std::string& file;
  const std::string& window;
  size_t buffer_start;
  size_t start;  // window offset of the unit's '<tu'
  uint64_t line, column;

  // Line and column of an element of the unit (counted only for a problem).
  Location Of(pugi::xml_node element) const {
    ptrdiff_t name_at = element.offset_debug();  // its name, just after its '<'
    Location tu{file, line, column};
    if (name_at < 1 || buffer_start + static_cast<size_t>(name_at) <= start) return tu;
    return Advance(tu, window, start, buffer_start + static_cast<size_t>(name_at) - 1);
  }
};

// Converts one <tu> into *unit, reusing the buffers it holds. Returns false and appends
// problems when it is not valid TMX.
bool ConvertTu(pugi::xml_node tu, const TmxHeader& header, const UnitSpot& spot, Unit* unit,
               std::vector<TmxProblem>* problems) {
  size_t problems_before = problems->size();
  auto problem = [&](const std::string& message) {
    problems->push_back(TmxProblem{Location{spot.file, spot.line, spot.column}, message});
  };
  std::vector<InlineProblem> inline_problems;  // stays empty (unallocated) for valid markup
  unit->id = 0;
  AssignAttrs(tu, &unit->attrs);
  for (Attr& a : unit->attrs) {
    if (a.name != "srclang" || a.value == "*all*") continue;
    if (auto canon = CanonicalLangTag(a.value)) {
      a.value = *canon;
    } else {
      problem("<tu> has srclang=\"" + a.value + "\", which is not a language tag");
    }
  }
  if (!unit->attr("srclang") && !header.srclang.empty() && header.srclang != "*all*") {
    SetAttr(&unit->attrs, "srclang", header.srclang);
  }
  // The header's datatype is the unit's default: the unit keeps it, since the header is not
  // stored (plain text and "unknown", which mean no markup to tmkit, are not copied).
  if (!header.datatype.empty() && !unit->attr("datatype")) SetAttr(&unit->attrs, "datatype", header.datatype);
  size_t annotations = 0, variants = 0;
  for (pugi::xml_node c : tu.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      if (!IsBlank(c.value())) problem("text directly inside <tu>");
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    if (Is(c, "prop")) {
      AssignAnnotation(c, Annotation::Kind::kProp, &Slot(&unit->annotations, annotations++));
    } else if (Is(c, "note")) {
      AssignAnnotation(c, Annotation::Kind::kNote, &Slot(&unit->annotations, annotations++));
    } else if (Is(c, "tuv")) {
      Variant& v = Slot(&unit->variants, variants++);
      v.lang.clear();
      const char* lang = "";
      size_t attrs = 0;
      for (pugi::xml_attribute a : c.attributes()) {
        if (std::strcmp(a.name(), "xml:lang") == 0 || std::strcmp(a.name(), "lang") == 0) {
          if (!*lang || std::strcmp(a.name(), "xml:lang") == 0) lang = a.value();
        } else {
          SetAttrSlot(&v.attrs, attrs++, a.name(), a.value());
        }
      }
      v.attrs.resize(attrs);
      if (!*lang) {
        problem("<tuv> without a language (xml:lang, or lang in TMX 1.1)");
      } else if (auto canon = CanonicalLangTag(lang); canon && *canon != "*all*") {
        v.lang = *canon;
      } else {
        problem("<tuv> has xml:lang=\"" + std::string(lang) + "\", which is not a language tag");
      }
      int segs = 0;
      size_t variant_annotations = 0;
      v.seg.clear();
      for (pugi::xml_node t : c.children()) {
        if (t.type() == pugi::node_pcdata || t.type() == pugi::node_cdata) {
          if (!IsBlank(t.value())) problem("text directly inside <tuv>");
          continue;
        }
        if (t.type() != pugi::node_element) continue;
        if (Is(t, "prop")) {
          AssignAnnotation(t, Annotation::Kind::kProp, &Slot(&v.annotations, variant_annotations++));
        } else if (Is(t, "note")) {
          AssignAnnotation(t, Annotation::Kind::kNote, &Slot(&v.annotations, variant_annotations++));
        } else if (Is(t, "seg")) {
          ++segs;
          AppendSegXml(t, &v.seg, &inline_problems);
          for (InlineProblem& p : inline_problems) {
            problems->push_back(TmxProblem{spot.Of(p.node), std::move(p.message)});
          }
          inline_problems.clear();
        } else {
          problem("unexpected <" + std::string(t.name()) + "> inside <tuv>");
        }
      }
      v.annotations.resize(variant_annotations);
      if (segs == 0) problem("<tuv xml:lang=\"" + std::string(lang) + "\"> has no <seg>");
      if (segs > 1) problem("<tuv xml:lang=\"" + std::string(lang) + "\"> has more than one <seg>");
    } else {
      problem("unexpected <" + std::string(c.name()) + "> inside <tu>");
    }
  }
  unit->annotations.resize(annotations);
  unit->variants.resize(variants);
  if (unit->variants.empty()) problem("<tu> without any <tuv>");
  return problems->size() == problems_before;
}

}  // namespace

void TmxReader::ParseWindow() {
  Window& w = *window_;
  const std::string& window = w.text;
  // Parsed in a copy, in place: the window itself is needed again if a unit fails.
  w.parse_copy.assign(window);
  pugi::xml_parse_result r = w.doc.load_buffer_inplace(w.parse_copy.data(), w.parse_copy.size(),
                                                       kParseFlags, pugi::encoding_utf8);
  if (r) {
    for (pugi::xml_node n : w.doc.children("tu")) w.tus.push_back(n);
  }
  w.one_at_a_time = !r || w.tus.size() != w.starts.size();
  if (!w.one_at_a_time) return;
  // Find the unit that failed: parse one at a time.
  w.tus.clear();
  for (size_t i = 0; i < w.starts.size(); ++i) {
    size_t end = i + 1 < w.starts.size() ? w.starts[i + 1] : window.size();
    auto d = std::make_unique<pugi::xml_document>();
    pugi::xml_parse_result ri = d->load_buffer(window.data() + w.starts[i], end - w.starts[i],
                                               kParseFlags, pugi::encoding_utf8);
    if (!ri) {
      Location at = Advance(Location{scanner_->file(), w.places[i].line, w.places[i].column}, window,
                            w.starts[i], w.starts[i] + static_cast<size_t>(ri.offset));
      std::string message = std::string("malformed XML: ") + ri.description();
      if (!options_.skip_invalid) ThrowInput(message, at);
      problems_.push_back(TmxProblem{at, Then(message, "unit skipped")});
      w.tus.push_back(pugi::xml_node());
    } else {
      w.tus.push_back(d->child("tu"));
    }
    w.docs.push_back(std::move(d));
  }
}

bool TmxReader::Next(Unit* unit, Location* where) {
  Window& w = *window_;
  while (true) {
    while (w.next < w.tus.size()) {
      size_t i = w.next++;
      if (!w.tus[i]) continue;
      UnitSpot spot{scanner_->file(), w.text, w.one_at_a_time ? w.starts[i] : 0, w.starts[i],
                    w.places[i].line, w.places[i].column};
      if (ConvertTu(w.tus[i], header_, spot, unit, &problems_)) {
        where->file = scanner_->file();
        where->line = w.places[i].line;
        where->column = w.places[i].column;
        return true;
      }
    }
    if (done_) return false;
    ReadWindow();
  }
}

}  // namespace tmkit
