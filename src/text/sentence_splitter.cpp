#include "text/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <memory>

#include "text/lang_tag.h"
#include "text/normalize.h"
#include "util/error.h"

namespace tmkit {

namespace {

// Words that end in a full stop without ending a sentence in English news text, beyond
// CLDR's list; compared case-sensitively, without the final '.'. Titles are always followed
// by a name; the others end a sentence when the next word is capitalised.
const char* const kTitles[] = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj",
                               "Capt", "Sgt", "Adm", "Gov", "Sen", "Rep", "Rev", "St", "Mt",
                               "Ft", "Pres", "Jr", "Sr", "No", "Nos", "Vol"};
const char* const kAbbreviations[] = {
    "Co", "Corp", "Inc", "Ltd", "vs", "etc", "e.g", "i.e", "cf", "al", "approx", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};

bool In(std::string_view word, const char* const* list, size_t n) {
  return std::any_of(list, list + n, [&](const char* a) { return word == a; });
}

// Initials: "J" (of "J. Smith") or "U.S" style (single letters separated by dots).
bool IsInitials(std::string_view w) {
  if (w.size() == 1) return std::isupper(static_cast<unsigned char>(w[0])) != 0;
  if (w.size() < 3 || w.size() % 2 == 0) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i % 2 == 0 ? !std::isalpha(static_cast<unsigned char>(w[i])) : w[i] != '.') return false;
  }
  return true;
}

// Whether a sentence break after a word ending in '.' (w, without the '.') before next is
// wrong.
bool NoBreakAfter(std::string_view w, std::string_view next) {
  if (w.empty()) return false;
  if (In(w, kTitles, std::size(kTitles)) || (w.size() == 1 && IsInitials(w))) return true;
  size_t b = next.find_first_not_of(" \t");
  bool next_lower = b != std::string_view::npos &&
                    (std::islower(static_cast<unsigned char>(next[b])) ||
                     std::isdigit(static_cast<unsigned char>(next[b])));
  return next_lower && (In(w, kAbbreviations, std::size(kAbbreviations)) || IsInitials(w));
}

std::unique_ptr<icu::BreakIterator> MakeBreaker(const std::string& lang) {
  UErrorCode status = U_ZERO_ERROR;
  std::string primary = PrimaryLanguage(lang);
  icu::Locale locale((primary + "@ss=standard").c_str());  // CLDR abbreviation suppressions
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(locale, status));
  if (U_FAILURE(status) || !it) {
    status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale(primary.c_str()), status));
  }
  if (U_FAILURE(status) || !it) throw Error(Error::Kind::kIo, "ICU sentence break data is not available");
  return it;
}

// A sentence breaker per language and thread.
icu::BreakIterator& Breaker(const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> breakers;
  auto& b = breakers[PrimaryLanguage(lang)];
  if (!b) b = MakeBreaker(lang);
  return *b;
}

bool IsHangulOrHan(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &status);
  return s == USCRIPT_HANGUL || s == USCRIPT_HAN;
}

UChar32 FirstChar(std::string_view s) {
  if (s.empty()) return 0;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c;
}

UChar32 LastChar(std::string_view s) {
  if (s.empty()) return 0;
  int32_t i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, i, c);
  return c;
}

// The word before the final '.' of s ("U.S" for "... the U.S."), or "".
std::string_view WordBeforeStop(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty() || s.back() != '.') return {};
  s.remove_suffix(1);
  size_t start = s.find_last_of(" \t(\"'“‘");
  return start == std::string_view::npos ? s : s.substr(start + 1);
}

}  // namespace

std::vector<std::string> SplitSentences(std::string_view paragraph, std::string_view lang) {
  std::vector<std::string> pieces;
  if (paragraph.empty()) return pieces;
  std::string primary = PrimaryLanguage(lang);
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, paragraph.data(), static_cast<int64_t>(paragraph.size()), &status);
  icu::BreakIterator& bi = Breaker(std::string(lang));
  bi.setText(ut, status);
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    pieces.emplace_back(paragraph.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
  }
  bi.setText(icu::UnicodeString());
  utext_close(ut);

  // Join pieces the iterator cut where a sentence does not end.
  std::vector<std::string> sentences;
  for (std::string& piece : pieces) {
    if (!sentences.empty()) {
      std::string& prev = sentences.back();
      bool join = false;
      if (primary != "zh" && primary != "ja" && NoBreakAfter(WordBeforeStop(prev), piece)) {
        join = true;
      }
      if (primary == "ko") {
        // A quotation followed at once (no space) by its verb: "…"라고 말했다.
        UChar32 last = LastChar(prev), first = FirstChar(piece);
        bool closes = last == '"' || last == 0x201D || last == '\'' || last == 0x2019 ||
                      last == 0x300D || last == 0x300F;
        if (closes && IsHangulOrHan(first)) join = true;
      }
      if (join) {
        prev += piece;
        continue;
      }
    }
    sentences.push_back(std::move(piece));
  }
  std::vector<std::string> out;
  for (const std::string& t : sentences) {
    // Trim white space at both ends; inner spacing stays as written.
    size_t b = t.find_first_not_of(" \t\r\n");
    size_t e = t.find_last_not_of(" \t\r\n");
    if (b == std::string::npos) continue;
    out.push_back(t.substr(b, e - b + 1));
  }
  return out;
}

std::vector<std::string> SplitParagraphs(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::string current;
  auto flush = [&] {
    size_t b = current.find_first_not_of(" \t");
    if (b != std::string::npos) {
      size_t e = current.find_last_not_of(" \t");
      paragraphs.push_back(current.substr(b, e - b + 1));
    }
    current.clear();
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (CollapseWhiteSpace(line).empty()) {
      flush();
    } else {
      if (!current.empty()) {
        // Lines join with a space, except between two Han characters (Chinese and Japanese
        // wrap lines without one).
        UErrorCode st = U_ZERO_ERROR;
        bool han_both = uscript_getScript(LastChar(current), &st) == USCRIPT_HAN &&
                        uscript_getScript(FirstChar(line), &st) == USCRIPT_HAN;
        if (!han_both) current.push_back(' ');
      }
      current.append(line);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush();
  return paragraphs;
}

}  // namespace tmkit
