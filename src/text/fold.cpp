#include "text/fold.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include "util/error.h"

namespace tmkit {

namespace {

// The replacement for a quote or dash variant, or 0.
char Unify(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033: case 0x301D: case 0x301E:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63:
      return '-';
    default:
      return 0;
  }
}

}  // namespace

std::string FoldForMatch(std::string_view utf8) {
  // Fast paths, same result: ASCII folds to lower case; a CJK unified ideograph or a Hangul
  // syllable alone is its own NFKC case fold (tokens are often just that).
  bool ascii = true;
  for (char ch : utf8) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (ascii) {
    std::string out(utf8);
    for (char& ch : out) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return out;
  }
  if (utf8.size() <= 4) {
    const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
    int32_t i = 0, n = static_cast<int32_t>(utf8.size());
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (i == n && c >= 0 && IsSelfFoldingCjk(static_cast<char32_t>(c))) {
      return std::string(utf8);
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw Error(Error::Kind::kIo, "ICU NFKC_Casefold data is not available");
  std::string folded;
  icu::StringByteSink<std::string> sink(&folded, static_cast<int32_t>(utf8.size()));
  nfkc_cf->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink,
                         nullptr, status);
  if (U_FAILURE(status)) folded.assign(utf8);
  std::string out;
  out.reserve(folded.size());
  const auto* p = reinterpret_cast<const uint8_t*>(folded.data());
  int32_t n = static_cast<int32_t>(folded.size()), i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    char r = c >= 0x80 ? Unify(c) : 0;
    if (r) {
      out.push_back(r);
    } else {
      out.append(folded, static_cast<size_t>(start), static_cast<size_t>(i - start));
    }
  }
  return out;
}

}  // namespace tmkit
