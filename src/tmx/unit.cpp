#include "tmx/unit.h"

#include "text/lang_tag.h"

namespace tmkit {

const std::string* FindAttr(const Attrs& attrs, std::string_view name) {
  for (const Attr& a : attrs) {
    if (a.name == name) return &a.value;
  }
  return nullptr;
}

void SetAttr(Attrs* attrs, std::string_view name, std::string_view value) {
  for (Attr& a : *attrs) {
    if (a.name == name) {
      a.value = value;
      return;
    }
  }
  attrs->push_back(Attr{std::string(name), std::string(value)});
}

const Variant* Unit::FindVariant(std::string_view lang) const {
  for (const Variant& v : variants) {
    if (LangTagEquals(v.lang, lang)) return &v;
  }
  return nullptr;
}

const Variant* Unit::SourceVariant() const {
  if (variants.empty()) return nullptr;
  if (const std::string* src = attr("srclang")) {
    if (const Variant* v = FindVariant(*src)) return v;
  }
  return &variants.front();
}

}  // namespace tmkit
