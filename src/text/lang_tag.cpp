#include "text/lang_tag.h"

#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <unordered_map>

namespace tmkit {

namespace {

std::optional<std::string> Canonicalize(std::string_view tag) {
  if (tag.empty() || tag.size() > 100) return std::nullopt;
  std::string bcp(tag);
  for (char& c : bcp) {
    if (c == '_') c = '-';
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return std::nullopt;
  }
  char locale_id[ULOC_FULLNAME_CAPACITY];
  int32_t parsed = 0;
  UErrorCode status = U_ZERO_ERROR;
  uloc_forLanguageTag(bcp.c_str(), locale_id, sizeof locale_id, &parsed, &status);
  if (U_FAILURE(status) || parsed != static_cast<int32_t>(bcp.size())) return std::nullopt;
  char out[ULOC_FULLNAME_CAPACITY];
  status = U_ZERO_ERROR;
  int32_t n = uloc_toLanguageTag(locale_id, out, sizeof out, /*strict=*/true, &status);
  if (U_FAILURE(status) || n <= 0) return std::nullopt;
  std::string result(out, static_cast<size_t>(n));
  if (result == "und" && PrimaryLanguage(bcp) != "und") return std::nullopt;
  // A private-use tag ("x-custom") stays one: ICU gives it an "und" language first.
  if (PrimaryLanguage(bcp) == "x" && result.rfind("und-x-", 0) == 0) result.erase(0, 4);
  return result;
}

}  // namespace

std::optional<std::string> CanonicalLangTag(std::string_view tag) {
  if (tag == "*all*") return std::string(tag);
  // A file repeats the same few tags on every unit; ICU's parse is costly in comparison.
  static std::mutex mutex;
  static std::unordered_map<std::string, std::optional<std::string>> cache;
  std::string key(tag);
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  std::optional<std::string> result = Canonicalize(tag);
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= 4096) cache.clear();
  cache.emplace(std::move(key), result);
  return result;
}

bool IsKnownLanguage(std::string_view canonical_tag) {
  std::string lang = PrimaryLanguage(canonical_tag);
  if (lang.empty() || lang == "und") return false;
  // Private use: a tag of its own ("x-custom") or a code reserved for local use (qaa-qtz).
  if (lang == "x" && canonical_tag.size() > 2) return true;
  if (lang.size() == 3 && lang[0] == 'q' && lang[1] >= 'a' && lang[1] <= 't') return true;
  UChar name[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = uloc_getDisplayLanguage(lang.c_str(), "en", name, 128, &status);
  if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || n <= 0) return false;
  // ICU echoes the code back when it has no name for it.
  if (static_cast<size_t>(n) != lang.size()) return true;
  for (size_t i = 0; i < lang.size(); ++i) {
    if (name[i] != static_cast<UChar>(lang[i])) return true;
  }
  return false;
}

bool LangTagEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string PrimaryLanguage(std::string_view tag) {
  size_t end = tag.find_first_of("-_");
  std::string lang(tag.substr(0, end));
  for (char& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lang;
}

}  // namespace tmkit
