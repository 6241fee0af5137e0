// Sentence segmentation: ICU's sentence break iterator for the language (with CLDR's
// abbreviation suppressions), plus rules for what it gets wrong in news text: more English
// abbreviations and initials, Korean quotations followed by their verb ("…"라고 말했다).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tmkit {

// The sentences of one paragraph of UTF-8 text, trimmed, in order. lang: a canonical tag.
std::vector<std::string> SplitSentences(std::string_view paragraph, std::string_view lang);

// Paragraphs of a plain text: blocks separated by blank lines (lines of white space), each
// with its lines joined by a space (none between two CJK characters) and trimmed.
std::vector<std::string> SplitParagraphs(std::string_view text);

}  // namespace tmkit
