#include "match/similarity.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <iterator>

#include "text/match_tokens.h"
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

void Fill(MatchText* m) {
  m->exact_key = ExactKey(m->plain);
  m->tokens = MatchTokens(m->plain, &m->placeholders);
}

}  // namespace

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
  // Inline codes: 1 point per code more or less, at most 5, when the query has codes (a
  // segment of a file). A query without any (typed, or plain text from a CAT tool's TM
  // client) says nothing about formatting: a stored segment's codes only keep it from 100.
  if (q.inline_codes > 0) {
    score -= std::min(std::abs(q.inline_codes - c.inline_codes), 5);
  } else if (c.inline_codes > 0) {
    score = std::min(score, 99.0);
  }
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
