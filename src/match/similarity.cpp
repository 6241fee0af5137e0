#include "match/similarity.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <iterator>

#include "text/normalize.h"
#include "tmx/seg.h"

namespace tmkit {

namespace {

int CountCodes(pugi::xml_node node) {
  int n = 0;
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    const char* name = c.name();
    if (!std::strcmp(name, "bpt") || !std::strcmp(name, "ept") || !std::strcmp(name, "it") ||
        !std::strcmp(name, "ph") || !std::strcmp(name, "ut")) {
      ++n;
    } else {
      n += CountCodes(c);
    }
  }
  return n;
}

std::vector<std::pair<size_t, size_t>> PlaceholderSpans(std::string_view s);

void Fill(MatchText* m) {
  m->exact_key = ExactKey(m->plain);
  std::vector<Token> tokens = Tokenize(m->plain);
  // A placeholder is one token: %1$s or {0} differs from %s or {1} by one edit.
  for (auto [b, e] : PlaceholderSpans(m->plain)) {
    m->placeholders.emplace_back(m->plain.substr(b, e - b));
    auto first = std::find_if(tokens.begin(), tokens.end(), [&](const Token& t) { return t.end > b; });
    auto last = std::find_if(first, tokens.end(), [&](const Token& t) { return t.begin >= e; });
    if (first == tokens.end() || first->begin < b) continue;
    Token merged;
    merged.kind = Token::Kind::kPunct;
    merged.begin = static_cast<uint32_t>(b);
    merged.end = static_cast<uint32_t>(e);
    merged.folded = m->plain.substr(b, e - b);
    first = tokens.erase(first, last);
    tokens.insert(first, std::move(merged));
  }
  m->tokens = std::move(tokens);
}

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

std::vector<std::string> FindPlaceholders(std::string_view s) {
  std::vector<std::string> out;
  for (auto [b, e] : PlaceholderSpans(s)) out.emplace_back(s.substr(b, e - b));
  return out;
}

MatchText AnalyzeText(std::string_view plain_text) {
  MatchText m;
  m.plain.assign(plain_text);
  Fill(&m);
  return m;
}

MatchText AnalyzeSegment(std::string_view seg_xml) {
  MatchText m;
  m.plain = SegPlainText(seg_xml);
  if (seg_xml.find('<') != std::string_view::npos) {
    pugi::xml_document doc;
    if (doc.load_buffer(seg_xml.data(), seg_xml.size(), pugi::parse_fragment, pugi::encoding_utf8)) {
      m.inline_codes = CountCodes(doc);
    }
  }
  Fill(&m);
  return m;
}

size_t TokenEditDistance(const std::vector<Token>& a, const std::vector<Token>& b) {
  const size_t n = a.size(), m = b.size();
  if (n == 0) return m;
  if (m == 0) return n;
  std::vector<size_t> prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t sub = prev[j - 1] + (a[i - 1].folded == b[j - 1].folded ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[m];
}

std::vector<bool> MatchedTokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      size_t sub = d[i - 1][j - 1] + (a[i - 1].folded == b[j - 1].folded ? 0 : 1);
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, sub});
    }
  }
  std::vector<bool> matched(m, false);
  size_t i = n, j = m;
  while (i > 0 && j > 0) {
    if (a[i - 1].folded == b[j - 1].folded && d[i][j] == d[i - 1][j - 1]) {
      matched[j - 1] = true;
      --i, --j;
    } else if (d[i][j] == d[i - 1][j - 1] + 1) {
      --i, --j;
    } else if (d[i][j] == d[i - 1][j] + 1) {
      --i;
    } else {
      --j;
    }
  }
  return matched;
}

double Similarity(const MatchText& q, const MatchText& c) {
  size_t longer = std::max(q.tokens.size(), c.tokens.size());
  double score;
  if (longer == 0) {
    score = q.exact_key == c.exact_key ? 100.0 : 0.0;
  } else {
    size_t d = TokenEditDistance(q.tokens, c.tokens);
    score = 100.0 * (1.0 - static_cast<double>(d) / static_cast<double>(longer));
    // Same tokens, other spelling (case, width, quotes, dashes, spacing between CJK).
    if (d == 0 && q.exact_key != c.exact_key) score = 99.0;
  }
  // Inline codes: 1 point per code more or less, at most 5.
  int codes = std::abs(q.inline_codes - c.inline_codes);
  score -= std::min(codes, 5);
  // Placeholders: 2 points per placeholder not matched one for one, at most 10.
  std::vector<std::string> a = q.placeholders, b = c.placeholders;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  size_t unmatched = a.size() + b.size() - 2 * common.size();
  score -= std::min<double>(2.0 * static_cast<double>(unmatched), 10.0);
  score = std::max(0.0, score);
  return std::floor(score * 10.0 + 1e-9) / 10.0;
}

}  // namespace tmkit
