// Text normalisation for indexes: the exact-match key of a segment is its plain text in NFC
// with every run of Unicode white space collapsed to one space and trimmed at both ends.
#pragma once

#include <string>
#include <string_view>

namespace tmkit {

// NFC of valid UTF-8 text.
std::string ToNfc(std::string_view utf8);

// Collapses runs of Unicode White_Space to a single U+0020 and trims both ends.
std::string CollapseWhiteSpace(std::string_view utf8);
// The same into *out (replacing what it held; utf8 must not be in it): no allocation once
// *out has room.
void CollapseWhiteSpace(std::string_view utf8, std::string* out);

// The exact-match key: CollapseWhiteSpace(ToNfc(plain_text)).
std::string ExactKey(std::string_view plain_text);
// The same into *out (replacing what it held; plain_text must not be in it).
void ExactKey(std::string_view plain_text, std::string* out);

}  // namespace tmkit
