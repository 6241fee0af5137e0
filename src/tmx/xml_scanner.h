// XmlScanner: a forward-only tokenizer over a UTF-8 XML stream that cuts it into top-level
// pieces (start tags, end tags, whole elements) with bounded memory, checking well-formedness
// of tags, nesting and entity references, and reporting errors with line and column.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "text/encoding.h"
#include "tmx/unit.h"
#include "util/error.h"

namespace tmkit {

class XmlScanner {
 public:
  enum class Token { kStartTag, kEndTag, kText, kEof };

  explicit XmlScanner(Utf8Source* source);

  // Skips white space, comments and processing instructions (and a DOCTYPE declaration when
  // allow_doctype; it is never fetched). Returns the kind of what comes next.
  Token SkipMisc(bool allow_doctype);
  // The name of the start or end tag at the current position.
  std::string PeekTagName();
  // Reads the start tag at the current position.
  void ReadStartTag(std::string* name, Attrs* attrs, bool* self_closing);
  // Reads the end tag at the current position and checks that it closes expected.
  void ReadEndTag(const std::string& expected, uint64_t opened_at);
  // Reads the whole element that starts at the current position (its start tag through its
  // matching end tag) and appends its text to out.
  void ReadElement(std::string* out);

  // Absolute offset (in UTF-8 bytes) of the current position.
  uint64_t offset() const { return base_ + pos_; }
  // Line and column of an absolute offset. Offsets must be asked for in increasing order.
  Location LocationAt(uint64_t abs_offset);
  // The line counter positioned at abs_offset (same ordering rule), for callers that map
  // offsets inside a copied element to positions.
  LineCounter CounterAt(uint64_t abs_offset);
  [[noreturn]] void FailAt(uint64_t abs_offset, const std::string& message);

  const std::string& file() const { return source_->path(); }

 private:
  bool Fill();                    // reads more input; false at end
  bool Ensure(size_t index);      // makes buf_[index] available; false at end
  void Compact();
  size_t Find(size_t from, const char* needle);  // index in buf_, or npos at end of input
  void SkipPast(const char* needle, const char* what);
  void SkipDoctype();
  size_t ScanName(size_t at);     // index just past a name starting at at
  size_t ScanTag(size_t at, std::string* name, Attrs* attrs, bool* self_closing);
  void CheckEntities(size_t from, size_t to);

  Utf8Source* source_;
  std::string buf_;
  uint64_t base_ = 0;  // absolute offset of buf_[0]
  size_t pos_ = 0;
  LineCounter counter_;
  uint64_t counted_ = 0;  // absolute offset counter_ stands at
  bool eof_ = false;
  std::vector<std::pair<std::string, size_t>> open_;  // ReadElement's open elements, kept
};

}  // namespace tmkit
