#include "text/match_tokens.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include <unicode/utf8.h>

#include "text/fold.h"

namespace tmkit {

namespace {

std::vector<std::pair<size_t, size_t>> PlaceholderSpans(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 1 < s.size()) {
      if (s[i + 1] == '%') {
        ++i;
        continue;
      }
      size_t j = i + 1;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '$' ||
                              s[j] == '.' || s[j] == '-' || s[j] == '+' || s[j] == 'l')) {
        ++j;
      }
      if (j < s.size() && std::strchr("sdifuxXeEgGcp@", s[j])) {
        out.emplace_back(i, j + 1);
        i = j;
      }
    } else if (s[i] == '{') {
      size_t j = s.find('}', i);
      if (j != std::string_view::npos && j > i + 1 && j - i <= 32) {
        std::string_view inner = s.substr(i + 1, j - i - 1);
        bool ok = std::all_of(inner.begin(), inner.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ',' || c == ':';
        });
        if (ok) {
          out.emplace_back(i, j + 1);
          i = j;
        }
      }
    }
  }
  return out;
}

}  // namespace

std::vector<Token> MatchTokens(std::string_view plain, std::vector<std::string>* placeholders) {
  std::vector<Token> tokens = Tokenize(plain);
  // A placeholder is one token: %1$s or {0} differs from %s or {1} by one edit.
  for (auto [b, e] : PlaceholderSpans(plain)) {
    if (placeholders) placeholders->emplace_back(plain.substr(b, e - b));
    auto first = std::find_if(tokens.begin(), tokens.end(), [&](const Token& t) { return t.end > b; });
    auto last = std::find_if(first, tokens.end(), [&](const Token& t) { return t.begin >= e; });
    if (first == tokens.end() || first->begin < b) continue;
    Token merged;
    merged.kind = Token::Kind::kPunct;
    merged.begin = static_cast<uint32_t>(b);
    merged.end = static_cast<uint32_t>(e);
    merged.folded = std::string(plain.substr(b, e - b));
    first = tokens.erase(first, last);
    tokens.insert(first, std::move(merged));
  }
  return tokens;
}

bool SimpleMatchTokens(std::string_view plain, std::string* folded, std::vector<uint32_t>* ends) {
  // Placeholders begin with % or {. FoldsLikeTokens holds for every text SimpleFoldedTokens
  // takes: its CJK characters and words fold to themselves and its marks to marks (tested).
  for (char c : plain) {
    if (c == '%' || c == '{') return false;
  }
  return SimpleFoldedTokens(plain, folded, ends);
}

bool FoldsLikeTokens(std::string_view plain, const std::vector<Token>& tokens) {
  // Most texts need no second look: ASCII folds to lower case (which cuts no word otherwise),
  // Han ideographs and Hangul syllables and the marks 、。 fold to themselves.
  const auto* p = reinterpret_cast<const uint8_t*>(plain.data());
  const auto n = static_cast<int32_t>(plain.size());
  bool plain_enough = true;
  for (int32_t i = 0; i < n && plain_enough;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    plain_enough = c >= 0 && (c < 0x80 || IsSelfFoldingCjk(static_cast<char32_t>(c)) || c == 0x3001 || c == 0x3002);
  }
  if (plain_enough) return true;
  // Whole tokens are words, numbers and CJK characters, never punctuation (nor placeholders,
  // which keep their case, nor "…", which folds to three full stops): every other token of
  // the folded text must be one of the text's own.
  std::vector<std::string_view> own;
  for (const Token& t : tokens) {
    if (t.kind != Token::Kind::kPunct) own.push_back(t.folded);
  }
  std::sort(own.begin(), own.end());
  for (const Token& t : MatchTokens(FoldForMatch(plain))) {
    if (t.kind != Token::Kind::kPunct && !std::binary_search(own.begin(), own.end(), std::string_view(t.folded))) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> FindPlaceholders(std::string_view s) {
  std::vector<std::string> out;
  for (auto [b, e] : PlaceholderSpans(s)) out.emplace_back(s.substr(b, e - b));
  return out;
}

}  // namespace tmkit
