#include "tmx/xml_scanner.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace tmkit {

namespace {

constexpr size_t kChunk = 1 << 20;

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

}  // namespace

XmlScanner::XmlScanner(Utf8Source* source) : source_(source) {}

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
    }
    ++i;
  }
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
    const char* end = static_cast<const char*>(std::memchr(amp, ';', std::min<size_t>(to - i, 14)));
    size_t semi = end ? static_cast<size_t>(end - buf_.data()) : std::string::npos;
    if (semi == std::string::npos) {
      FailAt(base_ + i, "'&' that does not start an entity reference (write &amp;)");
    }
    std::string_view ent(buf_.data() + i + 1, semi - i - 1);
    bool ok = ent == "lt" || ent == "gt" || ent == "amp" || ent == "quot" || ent == "apos";
    if (!ok && ent.size() >= 2 && ent[0] == '#') {
      bool hex = ent[1] == 'x';
      std::string_view digits = ent.substr(hex ? 2 : 1);
      uint32_t cp = 0;
      ok = !digits.empty();
      for (char c : digits) {
        int v = (c >= '0' && c <= '9') ? c - '0'
                : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (v < 0 || cp > 0x10FFFF) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      }
      ok = ok && (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                  (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF));
      if (!ok) FailAt(base_ + i, "character reference &" + std::string(ent) + "; is not an XML character");
    }
    if (!ok) FailAt(base_ + i, "undefined entity &" + std::string(ent) + ";");
    i = semi;
  }
}

void XmlScanner::ReadElement(std::string* out) {
  size_t start = pos_;
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
  out->append(buf_, start, i - start);
  pos_ = i;
}

}  // namespace tmkit
