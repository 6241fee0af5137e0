#include "match/concordance.h"

#include <unicode/utf8.h>

#include "text/fold.h"
#include "text/lang_match.h"
#include "text/lang_tag.h"
#include "tmx/seg.h"

namespace tmkit {

bool FindFolded(const std::string& text, const std::string& needle, size_t* begin, size_t* end) {
  if (needle.empty()) return false;
  // Fold character by character, remembering where each folded byte came from.
  std::string folded;
  std::vector<size_t> origin;  // per folded byte: offset of its character in text
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  int32_t n = static_cast<int32_t>(text.size()), i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    std::string f = c < 0x80 ? std::string(1, static_cast<char>(std::tolower(c)))
                             : FoldForMatch(text.substr(static_cast<size_t>(start),
                                                        static_cast<size_t>(i - start)));
    folded += f;
    origin.insert(origin.end(), f.size(), static_cast<size_t>(start));
  }
  origin.push_back(text.size());
  size_t at = folded.find(needle);
  if (at == std::string::npos) return false;
  *begin = origin[at];
  size_t last = at + needle.size();
  // The end is the end of the character that produced the last folded byte.
  size_t e = origin[last - 1];
  int32_t k = static_cast<int32_t>(e);
  UChar32 c;
  U8_NEXT(p, k, n, c);
  *end = static_cast<size_t>(k);
  return true;
}

std::vector<ConcordanceHit> Concordance(const Txn& snapshot, const std::string& text,
                                        const ConcordanceOptions& options) {
  LangRequest want(options.lang, options.any_variant);
  std::string needle = FoldForMatch(text);
  std::vector<ConcordanceHit> hits;
  snapshot.ForEachUnit([&](const Unit& unit) {
    const Variant* source = unit.SourceVariant();
    for (const Variant& v : unit.variants) {
      if (!want.Matches(v.lang)) continue;
      bool is_source = &v == source;
      if ((options.in_source && !is_source) || (options.in_target && is_source)) continue;
      std::string plain = SegPlainText(v.seg);
      size_t b, e;
      if (!FindFolded(plain, needle, &b, &e)) continue;
      ConcordanceHit h;
      h.unit = unit.id;
      if (const std::string* t = unit.attr("tuid")) h.tuid = *t;
      h.lang = v.lang;
      h.text = plain;
      h.begin = b;
      h.end = e;
      for (const Variant& o : unit.variants) {
        if (&o != &v) h.others.emplace_back(o.lang, SegPlainText(o.seg));
      }
      hits.push_back(std::move(h));
      break;
    }
    return hits.size() < options.limit;
  });
  return hits;
}

}  // namespace tmkit
