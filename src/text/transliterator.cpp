#include "text/transliterator.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace tmkit {

CachedTransliterator::CachedTransliterator(const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  tr_.reset(icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
  if (U_FAILURE(status)) tr_.reset();
}

CachedTransliterator::~CachedTransliterator() = default;

const std::string& CachedTransliterator::operator()(const std::string& utf8) {
  static const std::string none;
  if (!tr_) return none;
  if (auto it = cache_.find(utf8); it != cache_.end()) return it->second;
  if (cache_.size() >= kMaxCached) cache_.clear();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  tr_->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return cache_.emplace(utf8, std::move(out)).first->second;
}

}  // namespace tmkit
