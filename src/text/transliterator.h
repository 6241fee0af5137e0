// An ICU transform (such as "Latin-ASCII") from UTF-8 to UTF-8 with its results cached: a text
// repeats its words, and transliterating one costs microseconds. One object per thread.
#pragma once

#include <unicode/uversion.h>

#include <memory>
#include <string>
#include <unordered_map>

U_NAMESPACE_BEGIN
class Transliterator;
U_NAMESPACE_END

namespace tmkit {

class CachedTransliterator {
 public:
  explicit CachedTransliterator(const char* id);
  ~CachedTransliterator();
  CachedTransliterator(const CachedTransliterator&) = delete;
  CachedTransliterator& operator=(const CachedTransliterator&) = delete;

  // utf8 transformed; "" when ICU lacks the transform. The reference holds until the next call.
  const std::string& operator()(const std::string& utf8);

 private:
  static constexpr size_t kMaxCached = 100000;  // then the cache starts again
  std::unique_ptr<icu::Transliterator> tr_;
  std::unordered_map<std::string, std::string> cache_;
};

}  // namespace tmkit
