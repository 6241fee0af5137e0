#include "tmx/xml_scanner.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace tmkit {

namespace {

constexpr size_t kChunk = 1 << 20;
// Bounds on the entities of an internal subset, against entity-expansion bombs.
constexpr size_t kMaxEntities = 256;
constexpr size_t kMaxEntityText = 4096;
constexpr size_t kMaxExpansion = 1 << 20;  // bytes added to one element

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsNameStart(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == ':' || u >= 0x80;
}
bool IsNameChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return IsNameStart(c) || (u >= '0' && u <= '9') || u == '-' || u == '.';
}

std::string Excerpt(std::string_view s) {
  std::string e(s.substr(0, 20));
  for (char& c : e) {
    if (IsSpace(c)) c = ' ';
  }
  return e;
}

bool IsPredefined(std::string_view ent) {
  return ent == "lt" || ent == "gt" || ent == "amp" || ent == "quot" || ent == "apos";
}

// Whether ent ("#65", "#x41": a reference without its '&' and ';') names an XML character;
// *cp is the character.
bool IsXmlCharRef(std::string_view ent, uint32_t* cp) {
  if (ent.size() < 2 || ent[0] != '#') return false;
  bool hex = ent[1] == 'x';
  std::string_view digits = ent.substr(hex ? 2 : 1);
  *cp = 0;
  if (digits.empty()) return false;
  for (char c : digits) {
    int v = (c >= '0' && c <= '9') ? c - '0'
            : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
    if (v < 0 || *cp > 0x10FFFF) return false;
    *cp = *cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
  }
  return *cp == 0x9 || *cp == 0xA || *cp == 0xD || (*cp >= 0x20 && *cp <= 0xD7FF) ||
         (*cp >= 0xE000 && *cp <= 0xFFFD) || (*cp >= 0x10000 && *cp <= 0x10FFFF);
}

// The replacement text of an entity's literal as it can stand in content or in an attribute
// value (quotes escaped; references kept, the parser expands them as XML would). False when
// it is not plain text: markup, a reference to an entity that is not predefined or to '<' or
// '&' (which would be markup once replaced), or longer than kMaxEntityText.
bool PlainEntityText(std::string_view literal, std::string* text) {
  if (literal.size() > kMaxEntityText) return false;
  for (size_t k = 0; k < literal.size(); ++k) {
    char c = literal[k];
    if (c == '<' || c == '%') return false;
    if (c == '"' || c == '\'') {
      text->append(c == '"' ? "&quot;" : "&apos;");
    } else if (c == '&') {
      size_t semi = literal.find(';', k);
      if (semi == std::string_view::npos) return false;
      std::string_view ref = literal.substr(k + 1, semi - k - 1);
      uint32_t cp = 0;
      if (!IsPredefined(ref) && !(IsXmlCharRef(ref, &cp) && cp != '<' && cp != '&')) return false;
      text->append(literal.substr(k, semi - k + 1));
      k = semi;
    } else {
      text->push_back(c);
    }
  }
  return true;
}

}  // namespace

XmlScanner::XmlScanner(Utf8Source* source, bool expand_declared_entities)
    : source_(source), expand_entities_(expand_declared_entities) {}

bool XmlScanner::Fill() {
  if (eof_) return false;
  size_t before = buf_.size();
  while (buf_.size() == before) {
    if (!source_->Read(&buf_, kChunk)) {
      eof_ = true;
      return false;
    }
  }
  return true;
}

bool XmlScanner::Ensure(size_t index) {
  while (index >= buf_.size()) {
    if (!Fill()) return false;
  }
  return true;
}

void XmlScanner::Compact() {
  if (pos_ < kChunk) return;
  uint64_t cut = base_ + pos_;
  if (counted_ < cut) {
    counter_.Advance(buf_.data() + (counted_ - base_), cut - counted_);
    counted_ = cut;
  }
  buf_.erase(0, pos_);
  base_ += pos_;
  pos_ = 0;
}

size_t XmlScanner::Find(size_t from, const char* needle) {
  size_t n = std::strlen(needle);
  while (true) {
    size_t hit = buf_.find(needle, from, n);
    if (hit != std::string::npos) return hit;
    from = buf_.size() >= n ? buf_.size() - n + 1 : 0;
    if (!Fill()) return std::string::npos;
  }
}

LineCounter XmlScanner::CounterAt(uint64_t abs) {
  if (abs > counted_) {
    counter_.Advance(buf_.data() + (counted_ - base_), abs - counted_);
    counted_ = abs;
  }
  return counter_;
}

Location XmlScanner::LocationAt(uint64_t abs) {
  LineCounter c = CounterAt(abs);
  return Location{file(), c.line(), c.column()};
}

void XmlScanner::FailAt(uint64_t abs, const std::string& message) {
  if (abs < counted_) abs = counted_;
  ThrowInput(message, LocationAt(abs));
}

void XmlScanner::SkipPast(const char* needle, const char* what) {
  size_t end = Find(pos_, needle);
  if (end == std::string::npos) FailAt(offset(), std::string("unterminated ") + what);
  pos_ = end + std::strlen(needle);
}

void XmlScanner::SkipDoctype() {
  // <!DOCTYPE name (SYSTEM|PUBLIC ...)? ([ internal subset ])? >
  size_t i = pos_ + 9;
  char quote = 0;
  int bracket = 0;
  while (true) {
    if (!Ensure(i)) FailAt(base_ + pos_, "unterminated DOCTYPE declaration");
    char c = buf_[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++bracket;
    } else if (c == ']') {
      --bracket;
    } else if (c == '>' && bracket <= 0) {
      pos_ = i + 1;
      return;
    } else if (c == '<' && bracket > 0) {
      Ensure(i + 8);
      if (buf_.compare(i, 4, "<!--") == 0) {  // its quotes and brackets are text
        size_t end = Find(i + 4, "-->");
        if (end == std::string::npos) FailAt(base_ + i, "unterminated comment");
        i = end + 3;
        continue;
      }
      if (buf_.compare(i, 8, "<!ENTITY") == 0) {
        i = DeclareEntity(i + 8);
        continue;
      }
    }
    ++i;
  }
}

size_t XmlScanner::DeclareEntity(size_t i) {
  size_t at = i - 8;
  while (Ensure(i) && IsSpace(buf_[i])) ++i;
  if (!Ensure(i) || buf_[i] == '%') return i;  // a parameter entity: for the DTD only
  size_t name_end = ScanName(i);
  Entity e{buf_.substr(i, name_end - i), {}, false};  // not plain: an external entity
  i = name_end;
  while (Ensure(i) && IsSpace(buf_[i])) ++i;
  if (Ensure(i) && (buf_[i] == '"' || buf_[i] == '\'')) {
    size_t close = Find(i + 1, buf_[i] == '"' ? "\"" : "'");
    if (close == std::string::npos) FailAt(base_ + at, "unterminated entity declaration");
    e.plain = PlainEntityText(std::string_view(buf_).substr(i + 1, close - i - 1), &e.text);
  }
  if (FindEntity(e.name)) return i;  // the first declaration binds
  if (entities_.size() == kMaxEntities) {
    FailAt(base_ + at, "more than " + std::to_string(kMaxEntities) + " entity declarations");
  }
  max_reference_ = std::max(max_reference_, e.name.size() + 2);
  entities_.push_back(std::move(e));
  return i;  // the literal or external identifier is skipped as the DOCTYPE's text
}

const XmlScanner::Entity* XmlScanner::FindEntity(std::string_view name) const {
  for (const Entity& e : entities_) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

XmlScanner::Token XmlScanner::SkipMisc(bool allow_doctype) {
  Compact();
  while (true) {
    if (!Ensure(pos_)) return Token::kEof;
    char c = buf_[pos_];
    if (IsSpace(c)) {
      ++pos_;
      continue;
    }
    if (c != '<') return Token::kText;
    if (!Ensure(pos_ + 1)) FailAt(offset(), "unexpected end of file after '<'");
    char d = buf_[pos_ + 1];
    if (d == '?') {
      SkipPast("?>", "processing instruction");
    } else if (d == '!') {
      Ensure(pos_ + 9);
      if (buf_.compare(pos_, 4, "<!--") == 0) {
        pos_ += 4;
        SkipPast("-->", "comment");
      } else if (buf_.compare(pos_, 9, "<!DOCTYPE") == 0) {
        if (!allow_doctype) FailAt(offset(), "DOCTYPE declaration in the wrong place");
        SkipDoctype();
      } else {
        FailAt(offset(), "unexpected markup '" + Excerpt(std::string_view(buf_).substr(pos_)) + "'");
      }
    } else if (d == '/') {
      return Token::kEndTag;
    } else {
      return Token::kStartTag;
    }
  }
}

size_t XmlScanner::ScanName(size_t at) {
  if (!Ensure(at) || !IsNameStart(buf_[at])) FailAt(base_ + at, "expected an element name");
  size_t i = at + 1;
  while (Ensure(i) && IsNameChar(buf_[i])) ++i;
  return i;
}

std::string XmlScanner::PeekTagName() {
  size_t at = pos_ + (buf_[pos_ + 1] == '/' ? 2 : 1);
  size_t end = ScanName(at);
  return buf_.substr(at, end - at);
}

// Scans the start tag at buf_[at] ('<'); returns the index just past its '>'.
size_t XmlScanner::ScanTag(size_t at, std::string* name, Attrs* attrs, bool* self_closing) {
  size_t name_end = ScanName(at + 1);
  if (name) name->assign(buf_, at + 1, name_end - at - 1);
  size_t i = name_end;
  while (true) {
    bool had_space = false;
    while (Ensure(i) && IsSpace(buf_[i])) ++i, had_space = true;
    if (!Ensure(i)) FailAt(base_ + at, "unexpected end of file inside a tag");
    char c = buf_[i];
    if (c == '>') {
      *self_closing = false;
      return i + 1;
    }
    if (c == '/') {
      if (!Ensure(i + 1) || buf_[i + 1] != '>') FailAt(base_ + i, "expected '>' after '/'");
      *self_closing = true;
      return i + 2;
    }
    if (!had_space) FailAt(base_ + i, "expected white space, '>' or '/>' in a tag");
    size_t an_end = ScanName(i);
    std::string attr_name = attrs ? buf_.substr(i, an_end - i) : std::string();
    i = an_end;
    while (Ensure(i) && IsSpace(buf_[i])) ++i;
    if (!Ensure(i) || buf_[i] != '=') FailAt(base_ + i, "expected '=' after an attribute name");
    ++i;
    while (Ensure(i) && IsSpace(buf_[i])) ++i;
    if (!Ensure(i) || (buf_[i] != '"' && buf_[i] != '\'')) {
      FailAt(base_ + i, "expected a quoted attribute value");
    }
    char quote = buf_[i];
    size_t vstart = i + 1, j = vstart;
    while (true) {
      if (!Ensure(j)) FailAt(base_ + i, "unterminated attribute value");
      if (buf_[j] == quote) break;
      if (buf_[j] == '<') FailAt(base_ + j, "'<' inside an attribute value");
      ++j;
    }
    CheckEntities(vstart, j);
    if (attrs) {
      // Start tags read this way are only the root and container elements: their attribute
      // values are plain (entities in them are rare); decode the predefined ones.
      std::string raw = buf_.substr(vstart, j - vstart), value;
      for (size_t k = 0; k < raw.size(); ++k) {
        if (raw[k] == '&') {
          size_t semi = raw.find(';', k);
          std::string ent = raw.substr(k + 1, semi - k - 1);
          if (ent == "lt") value += '<';
          else if (ent == "gt") value += '>';
          else if (ent == "amp") value += '&';
          else if (ent == "quot") value += '"';
          else if (ent == "apos") value += '\'';
          else value += raw.substr(k, semi - k + 1);
          k = semi;
        } else {
          value += raw[k];
        }
      }
      attrs->push_back(Attr{attr_name, value});
    }
    i = j + 1;
  }
}

void XmlScanner::ReadStartTag(std::string* name, Attrs* attrs, bool* self_closing) {
  pos_ = ScanTag(pos_, name, attrs, self_closing);
}

void XmlScanner::ReadEndTag(const std::string& expected, uint64_t opened_at) {
  uint64_t at = offset();
  size_t name_end = ScanName(pos_ + 2);
  std::string name = buf_.substr(pos_ + 2, name_end - pos_ - 2);
  size_t i = name_end;
  while (Ensure(i) && IsSpace(buf_[i])) ++i;
  if (!Ensure(i) || buf_[i] != '>') FailAt(base_ + i, "expected '>' to end </" + name + ">");
  if (name != expected) {
    Location opened = LocationAt(opened_at);
    FailAt(at, "mismatched end tag </" + name + ">: expected </" + expected + "> (opened at line " +
                   std::to_string(opened.line) + ")");
  }
  pos_ = i + 1;
}

void XmlScanner::CheckEntities(size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    const char* amp = static_cast<const char*>(std::memchr(buf_.data() + i, '&', to - i));
    if (!amp) return;
    i = static_cast<size_t>(amp - buf_.data());
    const char* end =
        static_cast<const char*>(std::memchr(amp, ';', std::min<size_t>(to - i, max_reference_)));
    size_t semi = end ? static_cast<size_t>(end - buf_.data()) : std::string::npos;
    if (semi == std::string::npos) {
      FailAt(base_ + i, "'&' that does not start an entity reference (write &amp;)");
    }
    std::string_view ent(buf_.data() + i + 1, semi - i - 1);
    if (!IsPredefined(ent)) CheckReference(i, ent);
    i = semi;
  }
}

void XmlScanner::CheckReference(size_t at, std::string_view ent) {
  uint32_t cp = 0;
  if (ent.size() >= 2 && ent[0] == '#') {
    if (IsXmlCharRef(ent, &cp)) return;
    FailAt(base_ + at, "character reference &" + std::string(ent) + "; is not an XML character");
  }
  const Entity* e = FindEntity(ent);
  if (!e) FailAt(base_ + at, "undefined entity &" + std::string(ent) + ";");
  if (!e->plain || !expand_entities_) {
    FailAt(base_ + at, "entity &" + e->name + "; is declared in the DOCTYPE, but tmkit does not " +
                           (expand_entities_ ? "expand it: it expands only internal entities of "
                                               "plain text (no markup, no references to other "
                                               "entities, at most 4 KB)"
                                             : "expand entities in this kind of file"));
  }
  expansion_ += e->text.size();
  if (expansion_ > kMaxExpansion) {
    FailAt(base_ + at, "entity references add more than 1 MB to one element; not expanded");
  }
  references_.emplace_back(at, static_cast<size_t>(e - entities_.data()));
}

void XmlScanner::AppendExpanded(size_t from, size_t to, std::string* out) {
  for (auto [at, e] : references_) {
    out->append(buf_, from, at - from);
    out->append(entities_[e].text);
    from = at + entities_[e].name.size() + 2;
  }
  out->append(buf_, from, to - from);
}

void XmlScanner::ReadElement(std::string* out) {
  size_t start = pos_;
  references_.clear();
  expansion_ = 0;
  std::vector<std::pair<std::string, size_t>>& open = open_;  // name, index of its '<'
  open.clear();
  std::string name;
  bool self_closing = false;
  size_t i = ScanTag(pos_, &name, nullptr, &self_closing);
  if (!self_closing) open.emplace_back(name, start);
  while (!open.empty()) {
    size_t lt = buf_.find('<', i);
    while (lt == std::string::npos) {
      size_t scanned = buf_.size();
      if (!Fill()) {
        FailAt(base_ + open.back().second,
               "<" + open.back().first + "> is never closed: the file ends inside it (truncated?)");
      }
      lt = buf_.find('<', scanned);
    }
    CheckEntities(i, lt);
    if (!Ensure(lt + 1)) FailAt(base_ + lt, "unexpected end of file after '<'");
    char d = buf_[lt + 1];
    if (d == '/') {
      size_t name_end = ScanName(lt + 2);
      std::string_view end_name(buf_.data() + lt + 2, name_end - lt - 2);
      size_t j = name_end;
      while (Ensure(j) && IsSpace(buf_[j])) ++j;
      if (!Ensure(j) || buf_[j] != '>') FailAt(base_ + j, "expected '>' in an end tag");
      if (end_name != open.back().first) {
        std::string got(end_name);
        Location opened = LocationAt(base_ + open.back().second);
        FailAt(base_ + lt, "mismatched end tag </" + got + ">: expected </" + open.back().first +
                               "> (opened at line " + std::to_string(opened.line) + ", column " +
                               std::to_string(opened.column) + ")");
      }
      open.pop_back();
      i = j + 1;
    } else if (d == '!') {
      Ensure(lt + 9);
      if (buf_.compare(lt, 4, "<!--") == 0) {
        size_t e = Find(lt + 4, "-->");
        if (e == std::string::npos) FailAt(base_ + lt, "unterminated comment");
        i = e + 3;
      } else if (buf_.compare(lt, 9, "<![CDATA[") == 0) {
        size_t e = Find(lt + 9, "]]>");
        if (e == std::string::npos) FailAt(base_ + lt, "unterminated CDATA section");
        i = e + 3;
      } else {
        FailAt(base_ + lt, "unexpected markup '" + Excerpt(std::string_view(buf_).substr(lt)) + "'");
      }
    } else if (d == '?') {
      size_t e = Find(lt + 2, "?>");
      if (e == std::string::npos) FailAt(base_ + lt, "unterminated processing instruction");
      i = e + 2;
    } else {
      i = ScanTag(lt, &name, nullptr, &self_closing);
      if (!self_closing) open.emplace_back(name, lt);
    }
  }
  if (references_.empty()) {
    out->append(buf_, start, i - start);
  } else {
    AppendExpanded(start, i, out);
  }
  pos_ = i;
}

}  // namespace tmkit
