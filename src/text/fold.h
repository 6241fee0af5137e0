// Folding text for matching: NFKC case folding (which also folds full-width and half-width
// forms) plus one form for each quote and dash variant. Results show the stored text; only
// comparisons use the folded form.
#pragma once

#include <string>
#include <string_view>

namespace tmkit {

// The matching form of valid UTF-8 text: NFKC_Casefold, then ‘’‚‛′ -> ', “”„‟«»″〝〞 -> ",
// and the hyphens and dashes U+2010..U+2015, U+2212 (minus), U+FE58, U+FE63 -> -.
std::string FoldForMatch(std::string_view utf8);

// A CJK unified ideograph (Extension A included) or a precomposed Hangul syllable: its own
// FoldForMatch, and never composed with what comes before it (a normalization boundary).
inline bool IsSelfFoldingCjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xAC00 && c <= 0xD7A3);
}

}  // namespace tmkit
