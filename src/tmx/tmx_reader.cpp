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

Attrs AttrsOf(pugi::xml_node node) {
  Attrs attrs;
  for (pugi::xml_attribute a : node.attributes()) attrs.push_back(Attr{a.name(), a.value()});
  return attrs;
}

std::string TextOf(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
  }
  return text;
}

Annotation AnnotationOf(pugi::xml_node node, Annotation::Kind kind) {
  return Annotation{kind, AttrsOf(node), TextOf(node)};
}

bool Is(pugi::xml_node node, const char* name) { return std::strcmp(node.name(), name) == 0; }

// "message; consequence", without doubling the ';' that ends an entity reference ("&x;").
std::string Then(const std::string& message, const char* consequence) {
  return message + (!message.empty() && message.back() == ';' ? " " : "; ") + consequence;
}

}  // namespace

TmxReader::TmxReader(const std::string& path, Options options)
    : path_(path), options_(options) {
  source_ = std::make_unique<Utf8Source>(path, /*sniff_xml_declaration=*/true);
  warnings_ = source_->warnings();
  scanner_ = std::make_unique<XmlScanner>(source_.get(), /*expand_declared_entities=*/true);
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
  header_.attrs = AttrsOf(h);
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

bool TmxReader::Next(Unit* unit, Location* where) {
  while (pending_.empty()) {
    if (done_ || !ReadWindow()) return false;
  }
  *unit = std::move(pending_.front().first);
  where->file = scanner_->file();
  where->line = pending_.front().second.line;
  where->column = pending_.front().second.column;
  pending_.pop_front();
  return true;
}

bool TmxReader::ReadWindow() {
  XmlScanner& s = *scanner_;
  std::string window;
  std::vector<uint64_t> starts;
  std::vector<Place> places;
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
      places.push_back(Place{counter.line(), counter.column()});
      window.push_back('\n');
    }
  } catch (const Error& e) {
    if (!options_.skip_invalid || e.kind() != Error::Kind::kInput) throw;
    problems_.push_back(TmxProblem{e.where(), Then(e.message(), "the rest of the file is skipped")});
    truncated_ = true;
    done_ = true;
  }
  if (!starts.empty()) ParseWindow(window, starts, places);
  return !done_ || !pending_.empty();
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

// Converts one <tu>. Returns false and appends problems when it is not valid TMX.
bool ConvertTu(pugi::xml_node tu, const TmxHeader& header, const UnitSpot& spot, Unit* unit,
               std::vector<TmxProblem>* problems) {
  size_t problems_before = problems->size();
  auto problem = [&](const std::string& message) {
    problems->push_back(TmxProblem{Location{spot.file, spot.line, spot.column}, message});
  };
  std::vector<InlineProblem> inline_problems;  // stays empty (unallocated) for valid markup
  unit->attrs = AttrsOf(tu);
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
  size_t tuvs = 0;
  for (pugi::xml_node c : tu.children("tuv")) tuvs += static_cast<bool>(c);
  unit->variants.reserve(tuvs);
  for (pugi::xml_node c : tu.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      if (!IsBlank(c.value())) problem("text directly inside <tu>");
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    if (Is(c, "prop")) {
      unit->annotations.push_back(AnnotationOf(c, Annotation::Kind::kProp));
    } else if (Is(c, "note")) {
      unit->annotations.push_back(AnnotationOf(c, Annotation::Kind::kNote));
    } else if (Is(c, "tuv")) {
      Variant v;
      std::string lang;
      for (pugi::xml_attribute a : c.attributes()) {
        if (std::strcmp(a.name(), "xml:lang") == 0 || std::strcmp(a.name(), "lang") == 0) {
          if (lang.empty() || std::strcmp(a.name(), "xml:lang") == 0) lang = a.value();
        } else {
          v.attrs.push_back(Attr{a.name(), a.value()});
        }
      }
      if (lang.empty()) {
        problem("<tuv> without a language (xml:lang, or lang in TMX 1.1)");
      } else if (auto canon = CanonicalLangTag(lang); canon && *canon != "*all*") {
        v.lang = *canon;
      } else {
        problem("<tuv> has xml:lang=\"" + lang + "\", which is not a language tag");
      }
      int segs = 0;
      for (pugi::xml_node t : c.children()) {
        if (t.type() == pugi::node_pcdata || t.type() == pugi::node_cdata) {
          if (!IsBlank(t.value())) problem("text directly inside <tuv>");
          continue;
        }
        if (t.type() != pugi::node_element) continue;
        if (Is(t, "prop")) {
          v.annotations.push_back(AnnotationOf(t, Annotation::Kind::kProp));
        } else if (Is(t, "note")) {
          v.annotations.push_back(AnnotationOf(t, Annotation::Kind::kNote));
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
      if (segs == 0) problem("<tuv xml:lang=\"" + lang + "\"> has no <seg>");
      if (segs > 1) problem("<tuv xml:lang=\"" + lang + "\"> has more than one <seg>");
      unit->variants.push_back(std::move(v));
    } else {
      problem("unexpected <" + std::string(c.name()) + "> inside <tu>");
    }
  }
  if (unit->variants.empty()) problem("<tu> without any <tuv>");
  return problems->size() == problems_before;
}

}  // namespace

void TmxReader::ParseWindow(const std::string& window, const std::vector<uint64_t>& starts,
                            const std::vector<Place>& places) {
  pugi::xml_document doc;
  // Parsed in a copy, in place: the window itself is needed again if a unit fails.
  parse_copy_.assign(window);
  pugi::xml_parse_result r = doc.load_buffer_inplace(parse_copy_.data(), parse_copy_.size(),
                                                     kParseFlags, pugi::encoding_utf8);
  std::vector<pugi::xml_node> tus;  // a null node for a unit that failed
  if (r) {
    for (pugi::xml_node n : doc.children("tu")) tus.push_back(n);
  }
  std::vector<std::unique_ptr<pugi::xml_document>> docs;  // hold tus when parsed one at a time
  bool one_at_a_time = !r || tus.size() != starts.size();
  if (one_at_a_time) {
    // Find the unit that failed: parse one at a time.
    tus.clear();
    for (size_t i = 0; i < starts.size(); ++i) {
      size_t end = i + 1 < starts.size() ? starts[i + 1] : window.size();
      auto d = std::make_unique<pugi::xml_document>();
      pugi::xml_parse_result ri =
          d->load_buffer(window.data() + starts[i], end - starts[i], kParseFlags, pugi::encoding_utf8);
      if (!ri) {
        Location at = Advance(Location{scanner_->file(), places[i].line, places[i].column}, window, starts[i],
                              starts[i] + static_cast<size_t>(ri.offset));
        std::string message = std::string("malformed XML: ") + ri.description();
        if (!options_.skip_invalid) ThrowInput(message, at);
        problems_.push_back(TmxProblem{at, Then(message, "unit skipped")});
        tus.push_back(pugi::xml_node());
      } else {
        tus.push_back(d->child("tu"));
      }
      docs.push_back(std::move(d));
    }
  }
  for (size_t i = 0; i < tus.size(); ++i) {
    if (!tus[i]) continue;
    Unit unit;
    UnitSpot spot{scanner_->file(), window, one_at_a_time ? starts[i] : 0, starts[i],
                  places[i].line, places[i].column};
    if (ConvertTu(tus[i], header_, spot, &unit, &problems_)) {
      pending_.emplace_back(std::move(unit), places[i]);
    }
  }
}

}  // namespace tmkit
