// XmlScanner: a forward-only tokenizer over a UTF-8 XML stream that cuts it into top-level
// pieces (start tags, end tags, whole elements) with bounded memory, checking well-formedness
// of tags, nesting and entity references, and reporting errors with line and column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/encoding.h"
#include "tmx/unit.h"
#include "util/error.h"

namespace tmkit {

class XmlScanner {
 public:
  enum class Token { kStartTag, kEndTag, kText, kEof };

  // With expand_declared_entities, ReadElement expands references to the general entities
  // that the DOCTYPE's internal subset declares with plain text (no markup, no references
  // but to character and predefined entities, at most 4 KB; at most 256 of them, adding at
  // most 1 MB to an element). Otherwise a reference to one is an error that says so.
  explicit XmlScanner(Utf8Source* source, bool expand_declared_entities = false);

  // Skips white space, comments and processing instructions (and a DOCTYPE declaration when
  // allow_doctype; it is never fetched, but the entities its internal subset declares are
  // noted). Returns the kind of what comes next.
  Token SkipMisc(bool allow_doctype);
  // The name of the start or end tag at the current position.
  std::string PeekTagName();
  // Reads the start tag at the current position.
  void ReadStartTag(std::string* name, Attrs* attrs, bool* self_closing);
  // Reads the end tag at the current position and checks that it closes expected.
  void ReadEndTag(const std::string& expected, uint64_t opened_at);
  // Reads the whole element that starts at the current position (its start tag through its
  // matching end tag) and appends its text to out (with references to declared entities
  // expanded, when asked: columns in out then differ from the file's after one).
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
  size_t DeclareEntity(size_t at);  // at: just after "<!ENTITY"; returns where to go on
  size_t ScanName(size_t at);     // index just past a name starting at at
  size_t ScanTag(size_t at, std::string* name, Attrs* attrs, bool* self_closing);
  void CheckEntities(size_t from, size_t to);
  // A reference &ent; at buf_[at] that is not to a predefined entity: a character reference,
  // or one to a declared entity, which ReadElement then expands.
  void CheckReference(size_t at, std::string_view ent);
  void AppendExpanded(size_t from, size_t to, std::string* out);

  // A general entity declared in the DOCTYPE's internal subset.
  struct Entity {
    std::string name;
    std::string text;  // its replacement text as it can stand in content or a value
    bool plain;        // whether ReadElement may expand it (see the constructor)
  };
  const Entity* FindEntity(std::string_view name) const;

  Utf8Source* source_;
  std::string buf_;
  uint64_t base_ = 0;  // absolute offset of buf_[0]
  size_t pos_ = 0;
  LineCounter counter_;
  uint64_t counted_ = 0;  // absolute offset counter_ stands at
  bool eof_ = false;
  std::vector<std::pair<std::string, size_t>> open_;  // ReadElement's open elements, kept
  bool expand_entities_;
  std::vector<Entity> entities_;
  size_t max_reference_ = 14;  // the longest entity reference, '&' and ';' included, looked for
  std::vector<std::pair<size_t, size_t>> references_;  // ReadElement's: '&' in buf_, entity
  size_t expansion_ = 0;  // bytes ReadElement's references add
};

}  // namespace tmkit
