#include "align/lexicon.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_set>

#include "text/encoding.h"
#include "util/error.h"

namespace tmkit {

namespace {

constexpr std::string_view kKeyPrefix = "zh\t";
constexpr size_t kStem = 5;        // letters compared, as for cognates
constexpr size_t kMaxWords = 6;    // English words kept per headword
constexpr size_t kMaxGlossWords = 3;  // longer glosses are explanations, not translations

// English words that say nothing about which sentence translates which.
bool FunctionWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "also", "been", "being", "from", "have", "into", "just", "like", "made", "make", "more",
      "most", "much", "once", "only", "other", "over", "same", "some", "such", "than", "that",
      "their", "them", "then", "there", "these", "they", "this", "those", "thus", "very", "were",
      "what", "when", "where", "which", "while", "will", "with", "within", "without", "your",
      "used", "person", "thing", "something", "someone", "somebody", "sb's", "sth", "particle",
      "classifier", "variant", "surname", "abbr", "etc"};
  return kWords.count(w) > 0;
}

// The lower-case ASCII words of text, in order.
std::vector<std::string> AsciiWords(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      w.push_back(c);
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

bool Content(const std::string& w) { return w.size() >= 4 && !FunctionWord(w); }

// The content words of a CC-CEDICT gloss list ("/soldier/private (army rank)/CL:個|个[ge4]/"):
// glosses of at most three words, without what is in brackets, skipping cross-references.
std::vector<std::string> GlossWords(std::string_view glosses) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < glosses.size()) {
    size_t end = glosses.find('/', pos);
    if (end == std::string_view::npos) end = glosses.size();
    std::string_view gloss = glosses.substr(pos, end - pos);
    pos = end + 1;
    if (gloss.starts_with("CL:") || gloss.starts_with("see ") || gloss.starts_with("variant of") ||
        gloss.starts_with("old variant of") || gloss.starts_with("surname ") ||
        gloss.starts_with("used in") || gloss.starts_with("also written") || gloss.starts_with("abbr."))
      continue;
    std::string plain;
    int depth = 0;
    for (char c : gloss) {
      if (c == '(' || c == '[') ++depth;
      if (depth == 0) plain.push_back(c);
      if ((c == ')' || c == ']') && depth > 0) --depth;
    }
    std::vector<std::string> words = AsciiWords(plain);
    if (words.empty() || words.size() > kMaxGlossWords) continue;
    for (std::string& w : words) {
      if (Content(w) && std::find(out.begin(), out.end(), w) == out.end() && out.size() < kMaxWords)
        out.push_back(std::move(w));
    }
  }
  return out;
}

std::string Stem(std::string_view word) { return "d:" + std::string(word.substr(0, kStem)); }

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::vector<LexiconEntry> ReadCedict(const std::string& path) {
  const std::string text = ReadFileAsUtf8(path, false);
  std::vector<LexiconEntry> out;
  size_t pos = 0, line_no = 0, entries = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    // Traditional Simplified [pin1 yin1] /gloss/.../
    size_t sp1 = line.find(' '), sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    size_t open = line.find(" [");
    size_t close = open == std::string_view::npos ? open : line.find("] /", open);
    if (sp1 == 0 || sp2 == std::string_view::npos || open == std::string_view::npos || open != sp2 ||
        close == std::string_view::npos || line.back() != '/') {
      size_t column = sp1 == std::string_view::npos || sp2 == std::string_view::npos ? 1
                      : open != sp2                                                   ? sp2 + 2
                                                                                      : line.size();
      ThrowInput("not a CC-CEDICT entry (expected: Traditional Simplified [pin1 yin1] /gloss/)",
                 Location{path, line_no, column});
    }
    ++entries;
    std::string_view traditional = line.substr(0, sp1), simplified = line.substr(sp1 + 1, sp2 - sp1 - 1);
    std::vector<std::string> words = GlossWords(line.substr(close + 3, line.size() - close - 4));
    if (words.empty()) continue;
    if (traditional != simplified) out.push_back({std::string(traditional), words});
    out.push_back({std::string(simplified), std::move(words)});
  }
  if (entries == 0) ThrowInput("no CC-CEDICT entries", Location{path, line_no ? line_no : 1, 1});
  return out;
}

std::vector<LexiconEntry> MergeHeadwords(std::vector<LexiconEntry> entries) {
  std::vector<LexiconEntry> out;
  std::unordered_map<std::string, size_t> at;
  for (LexiconEntry& e : entries) {
    auto [it, added] = at.emplace(e.headword, out.size());
    if (added) {
      out.push_back(std::move(e));
      continue;
    }
    std::vector<std::string>& words = out[it->second].words;
    for (std::string& w : e.words) {
      if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
    }
  }
  return out;
}

void StoreLexiconEntry(WriteTxn& txn, const LexiconEntry& entry) {
  std::string value;
  for (const std::string& w : entry.words) value += w + "\n";
  txn.PutRecord(RecordTable::kLexicon, std::string(kKeyPrefix) + entry.headword, value);
}

uint64_t LexiconSize(const Txn& txn) { return txn.RecordCount(RecordTable::kLexicon); }

std::unique_ptr<Lexicon> Lexicon::Load(const Txn& txn) {
  std::vector<LexiconEntry> entries;
  txn.ForEachRecord(RecordTable::kLexicon, kKeyPrefix, [&](std::string_view key, std::string_view value) {
    LexiconEntry e;
    e.headword = std::string(key.substr(kKeyPrefix.size()));
    size_t pos = 0;
    while (pos < value.size()) {
      size_t nl = value.find('\n', pos);
      if (nl == std::string_view::npos) nl = value.size();
      if (nl > pos) e.words.emplace_back(value.substr(pos, nl - pos));
      pos = nl + 1;
    }
    entries.push_back(std::move(e));
    return true;
  });
  return std::make_unique<Lexicon>(std::move(entries));
}

Lexicon::Lexicon(std::vector<LexiconEntry> entries) {
  entries = MergeHeadwords(std::move(entries));
  words_.reserve(entries.size());
  for (LexiconEntry& e : entries) {
    keys_.push_back(std::make_unique<std::string>(std::move(e.headword)));
    std::vector<std::string> stems;
    for (const std::string& w : e.words) stems.push_back(Stem(w));
    longest_ = std::max(longest_, CodePoints(*keys_.back()));
    words_[*keys_.back()] = std::move(stems);
  }
}

std::vector<std::string> Lexicon::ChineseAnchors(std::string_view s) const {
  std::vector<std::string> out;
  // Byte offsets of the code points, to try the longest headword at each place first.
  std::vector<size_t> at;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) at.push_back(i);
  }
  at.push_back(s.size());
  const size_t n = at.size() - 1;
  for (size_t i = 0; i < n;) {
    size_t matched = 0;
    for (size_t len = std::min(longest_, n - i); len >= 1 && !matched; --len) {
      auto it = words_.find(s.substr(at[i], at[i + len] - at[i]));
      if (it == words_.end()) continue;
      out.insert(out.end(), it->second.begin(), it->second.end());
      matched = len;
    }
    i += matched ? matched : 1;
  }
  return out;
}

std::vector<std::string> Lexicon::EnglishAnchors(std::string_view sentence) {
  std::vector<std::string> out;
  for (const std::string& w : AsciiWords(sentence)) {
    if (Content(w)) out.push_back(Stem(w));
  }
  return out;
}

}  // namespace tmkit
