#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "util/error.h"

namespace tmkit {

static bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

namespace {

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw Error(Error::Kind::kIo, "ICU NFC data is not available");
  return *nfc;
}

// Whether utf8 is in NFC already (most text is).
bool IsNfc(std::string_view utf8) {
  if (IsAscii(utf8)) return true;
  UErrorCode status = U_ZERO_ERROR;
  bool yes = Nfc().isNormalizedUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return yes && U_SUCCESS(status);
}

// NFC of text not known to be in NFC (ToNfc without its check).
std::string Normalized(std::string_view utf8) {
  icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
  UErrorCode status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(utf8.size()));
  Nfc().normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return out;
}

}  // namespace

std::string ToNfc(std::string_view utf8) { return IsNfc(utf8) ? std::string(utf8) : Normalized(utf8); }

namespace {

// Unicode White_Space (per ICU) for a code point above ASCII. Only U+0085, U+00A0, U+1680
// and U+2000..U+3000 can be white space: test those with ICU, reject the rest at once.
bool IsNonAsciiSpace(UChar32 c) {
  if (c != 0x85 && c != 0xA0 && c != 0x1680 && (c < 0x2000 || c > 0x3000)) return false;
  return u_hasBinaryProperty(c, UCHAR_WHITE_SPACE);
}

}  // namespace

namespace {

// For each byte: 0 plain, 1 ASCII white space, 2 the lead byte of a sequence that may be
// non-ASCII white space (U+0085, U+00A0, U+1680, U+2000..U+3000).
struct SpaceTable {
  uint8_t kind[256] = {};
  SpaceTable() {
    for (int c : {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20}) kind[c] = 1;
    for (int c : {0xC2, 0xE1, 0xE2, 0xE3}) kind[c] = 2;
  }
};
const SpaceTable kSpaceTable;

}  // namespace

std::string CollapseWhiteSpace(std::string_view s) {
  std::string out;
  CollapseWhiteSpace(s, &out);
  return out;
}

void CollapseWhiteSpace(std::string_view s, std::string* out_ptr) {
  std::string& out = *out_ptr;
  out.clear();
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0, run = 0;  // [run, i) is text not yet copied
  bool pending_space = false;
  while (i < n) {
    while (i < n && kSpaceTable.kind[p[i]] == 0) ++i;
    if (i >= n) break;
    int32_t start = i;
    bool space;
    if (kSpaceTable.kind[p[i]] == 1) {
      ++i;
      space = true;
    } else {
      UChar32 c;
      U8_NEXT(p, i, n, c);
      space = c >= 0 && IsNonAsciiSpace(c);
    }
    if (!space) continue;
    if (start > run) {
      if (pending_space) out.push_back(' ');
      out.append(s.data() + run, static_cast<size_t>(start - run));
      pending_space = false;
    }
    pending_space = pending_space || !out.empty();
    run = i;
  }
  if (n > run) {
    if (pending_space) out.push_back(' ');
    out.append(s.data() + run, static_cast<size_t>(n - run));
  }
}

std::string ExactKey(std::string_view plain_text) {
  std::string out;
  ExactKey(plain_text, &out);
  return out;
}

void ExactKey(std::string_view plain_text, std::string* out) {
  if (IsNfc(plain_text)) {
    CollapseWhiteSpace(plain_text, out);
  } else {
    CollapseWhiteSpace(Normalized(plain_text), out);
  }
}

}  // namespace tmkit
