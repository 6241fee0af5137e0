// Language tags: canonical BCP 47 forms computed with ICU ("EN-us" -> "en-US", "zh_CN" ->
// "zh-CN"). Every tag stored in a translation memory has been through CanonicalLangTag.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tmkit {

// The canonical BCP 47 form of tag (also accepts ICU/POSIX "_" separators), or nullopt when
// tag is empty or not well-formed. TMX's "*all*" is returned unchanged.
std::optional<std::string> CanonicalLangTag(std::string_view tag);

// True when the language subtag of a canonical tag is one ICU has a name for ("xx" is not),
// or is for private use: a private-use tag ("x-custom") or a code from qaa to qtz.
bool IsKnownLanguage(std::string_view canonical_tag);

// Case-insensitive equality of two tags (BCP 47 tags are case-insensitive).
bool LangTagEquals(std::string_view a, std::string_view b);

// The primary language subtag, lower-cased ("zh" for "zh-Hans-CN").
std::string PrimaryLanguage(std::string_view tag);

}  // namespace tmkit
