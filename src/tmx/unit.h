// The in-memory translation unit: everything a TMX <tu> can carry, in order, so that import
// then export is lossless. Language tags are canonical BCP 47; seg holds inner XML of <seg>.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tmkit {

struct Attr {
  std::string name;
  std::string value;
  bool operator==(const Attr&) const = default;
};
using Attrs = std::vector<Attr>;

// Value of attribute name, or nullptr.
const std::string* FindAttr(const Attrs& attrs, std::string_view name);
// Sets (or adds, at the end) attribute name.
void SetAttr(Attrs* attrs, std::string_view name, std::string_view value);

// A <prop> or <note>, kept in document order (TMX allows them interleaved).
struct Annotation {
  enum class Kind : uint8_t { kProp = 0, kNote = 1 };
  Kind kind = Kind::kProp;
  Attrs attrs;  // type, xml:lang, o-encoding, ... as in the file
  std::string text;
  bool operator==(const Annotation&) const = default;
};

// A <tuv>: one language's version of the unit.
struct Variant {
  std::string lang;  // canonical BCP 47 (from xml:lang, or TMX 1.1 lang)
  Attrs attrs;       // every other attribute, in file order
  std::vector<Annotation> annotations;
  std::string seg;   // the inner XML of <seg>: text (escaped) and inline elements
  bool operator==(const Variant&) const = default;
};

// A <tu>. id is the store's key (0 until stored). srclang, when the file gave one only in
// its header, is made explicit in attrs at import.
struct Unit {
  uint64_t id = 0;
  Attrs attrs;
  std::vector<Annotation> annotations;
  std::vector<Variant> variants;

  bool SameContent(const Unit& other) const {
    return attrs == other.attrs && annotations == other.annotations && variants == other.variants;
  }
  const std::string* attr(std::string_view name) const { return FindAttr(attrs, name); }
  // The first variant whose language equals lang (case-insensitive), or nullptr.
  const Variant* FindVariant(std::string_view lang) const;
  // The variant in the unit's srclang, else the first one; nullptr when there is none.
  const Variant* SourceVariant() const;
};

}  // namespace tmkit
