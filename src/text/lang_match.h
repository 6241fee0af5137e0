// Language matching for lookups: whether a variant's language answers a requested one, by
// ICU's likely subtags ("zh" is zh-Hans-CN, so it takes zh-CN and zh-SG but not zh-TW).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace tmkit {

// A requested language, maximized once: language, script and region (region empty when the
// request named none).
class LangRequest {
 public:
  // tag must be a canonical tag (CanonicalLangTag). any_variant: accept every script of the
  // language (zh takes zh-TW and zh-Hant too).
  explicit LangRequest(std::string_view tag, bool any_variant = false);

  // Whether a variant in language candidate (a canonical tag) answers this request: same
  // language; same script, explicit or likely, unless any_variant; same region when the
  // request names one.
  bool Matches(std::string_view candidate) const;

  const std::string& tag() const { return tag_; }

 private:
  std::string tag_;
  std::string language_, script_, region_;
  bool any_variant_;
  struct Cache {
    std::mutex mutex;
    std::map<std::string, bool, std::less<>> answers;  // candidate tag -> Matches
  };
  std::shared_ptr<Cache> cache_ = std::make_shared<Cache>();
};

// The likely script of a canonical tag ("zh-TW" -> "Hant", "ko" -> "Kore", "en" -> "Latn").
std::string LikelyScript(std::string_view tag);

}  // namespace tmkit
