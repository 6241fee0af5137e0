// The tokens fuzzy matching compares: Tokenize's tokens with each placeholder (%s, %1$s, {0})
// made one token. The fuzzy index stores exactly these, so index and scoring always agree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace tmkit {

// Tokens of plain text for matching; placeholders found are appended to *placeholders when
// it is not null.
std::vector<Token> MatchTokens(std::string_view plain, std::vector<std::string>* placeholders = nullptr);

// The folded forms of MatchTokens(plain) as SimpleFoldedTokens gives them (the import's fast
// path), for text it takes that holds no placeholder (no % or {): FoldsLikeTokens holds for
// such text. False (the outputs unspecified) for other text.
bool SimpleMatchTokens(std::string_view plain, std::string* folded, std::vector<uint32_t>* ends);

// Whether every whole token of any text folded (FoldForMatch) and found in FoldForMatch(plain)
// is one of tokens (MatchTokens(plain)), as concordance by the fuzzy index needs: true when
// every word, number and CJK token of the folded text is one of tokens' folded forms. False
// for a soft hyphen or zero-width character inside a word, decomposed Hangul, a character
// folding to several (㍿).
bool FoldsLikeTokens(std::string_view plain, const std::vector<Token>& tokens);

// Placeholders in text: printf (%s, %d, %1$s, %.2f, %%-free), .NET/ICU ({0}, {name}).
std::vector<std::string> FindPlaceholders(std::string_view text);

}  // namespace tmkit
