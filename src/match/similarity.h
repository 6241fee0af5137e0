// Similarity of two segments for translation-memory matching, on a 0-100 scale: token edit
// distance over folded tokens, with penalties for differing inline codes and placeholders.
// The definition, with examples, is in docs/SIMILARITY.md; keep the two in step.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/match_tokens.h"
#include "text/tokenizer.h"

namespace tmkit {

// A segment analysed once for scoring.
struct MatchText {
  std::string plain;                      // text without inline codes
  std::string exact_key;                  // ExactKey(plain)
  std::vector<Token> tokens;              // Tokenize(plain)
  std::vector<std::string> placeholders;  // %s, %1$s, {0}, {name}, in order
  int inline_codes = 0;                   // bpt, ept, it, ph, ut elements
};

MatchText AnalyzeSegment(std::string_view seg_xml);   // a stored <seg>'s inner XML
MatchText AnalyzeText(std::string_view plain_text);   // a query

// Token edit distance (Levenshtein; insert, delete and substitute cost 1) over folded tokens.
size_t TokenEditDistance(const std::vector<Token>& a, const std::vector<Token>& b);

// For each token of b, whether it is matched unchanged by a token of a in a minimal edit
// script (for showing what differs).
std::vector<bool> MatchedTokens(const std::vector<Token>& a, const std::vector<Token>& b);

// The score of candidate for query, from 0 to 100; 100 only for identical text and codes.
double Similarity(const MatchText& query, const MatchText& candidate);

}  // namespace tmkit
