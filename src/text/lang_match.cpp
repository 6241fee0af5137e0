#include "text/lang_match.h"

#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>

#include "text/lang_tag.h"

namespace tmkit {

namespace {

struct Parts {
  std::string language, script, region;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The subtags of tag; with maximize, filled in with ICU's likely subtags.
Parts Split(std::string_view tag, bool maximize) {
  Parts p;
  char id[ULOC_FULLNAME_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;
  std::string t(tag);
  int32_t parsed = 0;
  uloc_forLanguageTag(t.c_str(), id, sizeof id, &parsed, &status);
  if (U_FAILURE(status)) {
    p.language = PrimaryLanguage(tag);
    return p;
  }
  char max[ULOC_FULLNAME_CAPACITY];
  const char* src = id;
  if (maximize) {
    status = U_ZERO_ERROR;
    uloc_addLikelySubtags(id, max, sizeof max, &status);
    if (U_SUCCESS(status)) src = max;
  }
  char buf[ULOC_FULLNAME_CAPACITY];
  status = U_ZERO_ERROR;
  uloc_getLanguage(src, buf, sizeof buf, &status);
  p.language = Lower(buf);
  status = U_ZERO_ERROR;
  uloc_getScript(src, buf, sizeof buf, &status);
  p.script = Lower(buf);
  status = U_ZERO_ERROR;
  uloc_getCountry(src, buf, sizeof buf, &status);
  p.region = Lower(buf);
  return p;
}

}  // namespace

std::string LikelyScript(std::string_view tag) {
  std::string s = Split(tag, true).script;
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

LangRequest::LangRequest(std::string_view tag, bool any_variant)
    : tag_(tag), any_variant_(any_variant) {
  Parts max = Split(tag, true);
  Parts given = Split(tag, false);
  language_ = max.language;
  script_ = max.script;
  region_ = given.region;  // only an explicit region constrains
}

bool LangRequest::Matches(std::string_view candidate) const {
  // A memory has few languages and lookups ask about them again and again: remember the
  // answers (maximizing a tag with ICU costs microseconds).
  {
    std::lock_guard<std::mutex> lock(cache_->mutex);
    auto it = cache_->answers.find(candidate);
    if (it != cache_->answers.end()) return it->second;
  }
  Parts c = Split(candidate, true);
  bool answer = c.language == language_ &&
                (any_variant_ || script_.empty() || c.script.empty() || c.script == script_) &&
                (region_.empty() || c.region == region_);
  std::lock_guard<std::mutex> lock(cache_->mutex);
  if (cache_->answers.size() < 1024) cache_->answers.emplace(std::string(candidate), answer);
  return answer;
}

}  // namespace tmkit
