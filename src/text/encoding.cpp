#include "text/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace tmkit {

void LineCounter::Advance(const char* data, size_t n) {
  const char* end = data + n;
  const char* last_nl = nullptr;
  for (const char* p = data; p < end;) {
    const void* hit = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (!hit) break;
    last_nl = static_cast<const char*>(hit);
    ++lines_;
    p = last_nl + 1;
  }
  const char* from = data;
  if (last_nl) {
    column_ = 0;
    from = last_nl + 1;
  }
  for (const char* p = from; p < end; ++p) {
    if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) ++column_;
  }
}

size_t FindInvalidUtf8(const char* data, size_t n) {
  const auto* s = reinterpret_cast<const unsigned char*>(data);
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) != 0) break;
      // Any zero byte?
      if (((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c == 0) return i;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;  // cut by the end of the buffer
    unsigned char b1 = s[i + 1];
    if (b1 < lo || b1 > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return n;
}

namespace {

// Upper-case letters and digits only: "utf-16le" -> "UTF16LE".
std::string EncodingKey(std::string_view name) {
  std::string k;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      k.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return k;
}

bool IsUtf8Name(std::string_view name) {
  std::string k = EncodingKey(name);
  return k == "UTF8" || k == "USASCII" || k == "ASCII";
}

// Whether a declared encoding agrees with the one a BOM or the first bytes showed.
bool Compatible(std::string_view declared, std::string_view detected) {
  std::string d = EncodingKey(declared), e = EncodingKey(detected);
  if (d == e) return true;
  if (e.rfind("UTF8", 0) == 0) return d == "UTF8";
  if (e.rfind("UTF16", 0) == 0) return d == "UTF16" || d == "UCS2" || d == "ISO10646UCS2";
  if (e.rfind("UTF32", 0) == 0) return d == "UTF32" || d == "UCS4" || d == "ISO10646UCS4";
  return false;
}

// The encoding="..." of an XML declaration at the start of text (ASCII view), or "".
std::string DeclaredEncoding(const std::string& ascii) {
  if (ascii.rfind("<?xml", 0) != 0) return "";
  size_t end = ascii.find("?>");
  std::string decl = ascii.substr(0, end == std::string::npos ? ascii.size() : end);
  size_t p = decl.find("encoding");
  if (p == std::string::npos) return "";
  p = decl.find_first_of("\"'", p);
  if (p == std::string::npos) return "";
  size_t q = decl.find(decl[p], p + 1);
  if (q == std::string::npos) return "";
  return decl.substr(p + 1, q - p - 1);
}

}  // namespace

Utf8Source::Utf8Source(const std::string& path, bool sniff_xml_declaration,
                       const std::string& encoding)
    : path_(path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) ThrowIo(std::string("cannot open: ") + std::strerror(errno), path);
  struct stat st;
  if (fstat(fileno(file_), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      std::fclose(file_);
      file_ = nullptr;
      ThrowIo("is a directory, not a file", path);
    }
    file_size_ = static_cast<uint64_t>(st.st_size);
  }
  DetectEncoding(sniff_xml_declaration, encoding);
}

Utf8Source::~Utf8Source() {
  if (converter_) ucnv_close(converter_);
  if (file_) std::fclose(file_);
}

size_t Utf8Source::ReadRaw(char* buf, size_t n) {
  size_t got = std::fread(buf, 1, n, file_);
  if (got < n && std::ferror(file_)) ThrowIo(std::string("read error: ") + std::strerror(errno), path_);
  bytes_read_ += got;
  return got;
}

void Utf8Source::DetectEncoding(bool sniff, const std::string& forced) {
  pending_.resize(4096);
  pending_.resize(ReadRaw(pending_.data(), pending_.size()));
  const auto* b = reinterpret_cast<const unsigned char*>(pending_.data());
  size_t n = pending_.size();
  std::string bom_encoding;
  size_t bom_len = 0;
  if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
    bom_encoding = "UTF-8", bom_len = 3;
  } else if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
    bom_encoding = "UTF-32LE", bom_len = 4;
  } else if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) {
    bom_encoding = "UTF-32BE", bom_len = 4;
  } else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
    bom_encoding = "UTF-16LE", bom_len = 2;
  } else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
    bom_encoding = "UTF-16BE", bom_len = 2;
  }
  std::string sniffed;
  if (bom_encoding.empty() && n >= 4) {
    if (b[0] == '<' && b[1] == 0 && b[2] == '?' && b[3] == 0) sniffed = "UTF-16LE";
    if (b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] == '?') sniffed = "UTF-16BE";
  }
  std::string detected = !bom_encoding.empty() ? bom_encoding : sniffed;
  pending_.erase(0, bom_len);

  std::string declared;
  if (sniff) {
    // An ASCII view of the start: every code unit's low byte for UTF-16/32.
    std::string ascii;
    size_t step = 1, offset = 0;
    if (detected.rfind("UTF-16", 0) == 0) step = 2, offset = detected == "UTF-16LE" ? 0 : 1;
    if (detected.rfind("UTF-32", 0) == 0) step = 4, offset = detected == "UTF-32LE" ? 0 : 3;
    for (size_t i = offset; i < pending_.size() && ascii.size() < 512; i += step) {
      ascii.push_back(pending_[i]);
    }
    declared = DeclaredEncoding(ascii);
  }
  if (!forced.empty()) {
    encoding_ = forced;
    if (!detected.empty() && !Compatible(forced, detected)) {
      warnings_.push_back(path_ + ": read as " + forced + " as asked, but its first bytes show " + detected);
    }
  } else if (!detected.empty()) {
    encoding_ = detected;
    if (!declared.empty() && !Compatible(declared, detected)) {
      warnings_.push_back(path_ + ": the XML declaration says encoding=\"" + declared +
                          "\" but the " + (bom_len ? "byte-order mark shows " : "first bytes show ") +
                          detected + "; reading it as " + detected);
    }
  } else if (!declared.empty()) {
    encoding_ = declared;
    std::string k = EncodingKey(declared);
    if (k == "UTF16" || k == "UTF32") {
      // Declared UTF-16 but the bytes are ASCII-compatible: the declaration is wrong.
      warnings_.push_back(path_ + ": the XML declaration says encoding=\"" + declared +
                          "\" but the file has no byte-order mark and reads as 8-bit text; "
                          "reading it as UTF-8");
      encoding_ = "UTF-8";
    }
  } else {
    encoding_ = "UTF-8";
  }
  if (IsUtf8Name(encoding_)) {
    encoding_ = "UTF-8";
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  converter_ = ucnv_open(encoding_.c_str(), &status);
  if (U_FAILURE(status)) {
    converter_ = nullptr;
    ThrowInput("unknown character encoding \"" + encoding_ + "\"", Location{path_, 1, 1});
  }
  ucnv_setToUCallBack(converter_, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
}

void Utf8Source::Fail(const char* what, bool produced) {
  failed_.emplace(Error::Kind::kInput, std::string(what) + " (reading as " + encoding_ + ")",
                  Location{path_, counter_.line(), counter_.column()});
  if (!produced) throw *failed_;
}

bool Utf8Source::Read(std::string* out, size_t max_bytes) {
  if (failed_) throw *failed_;
  if (eof_ && pending_.empty()) return false;
  size_t want = std::max<size_t>(max_bytes, 4096);
  if (!eof_) {
    size_t old = pending_.size();
    pending_.resize(old + want);
    size_t got = ReadRaw(pending_.data() + old, want);
    pending_.resize(old + got);
    if (got == 0) eof_ = true;
  }
  if (!converter_) {
    size_t bad = FindInvalidUtf8(pending_.data(), pending_.size());
    counter_.Advance(pending_.data(), bad);
    out->append(pending_.data(), bad);
    if (bad < pending_.size() && (eof_ || bad + 4 <= pending_.size())) {
      Fail(pending_[bad] == 0 ? "NUL character, which XML and text files may not contain"
                              : "invalid UTF-8 byte sequence",
           bad > 0);
      return true;
    }
    if (bad < pending_.size()) {
      // Perhaps a sequence cut by the chunk end: keep it for the next read.
      pending_.erase(0, bad);
      return true;
    }
    pending_.clear();
    return true;
  }
  // ICU conversion: raw -> UTF-16 -> UTF-8.
  std::u16string u16(pending_.size() + 16, u'\0');
  const char* src = pending_.data();
  const char* src_end = src + pending_.size();
  UChar* dst = reinterpret_cast<UChar*>(u16.data());
  UChar* dst_end = dst + u16.size();
  UErrorCode status = U_ZERO_ERROR;
  ucnv_toUnicode(converter_, &dst, dst_end, &src, src_end, nullptr, eof_, &status);
  bool failed = U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR;
  size_t produced = static_cast<size_t>(dst - reinterpret_cast<UChar*>(u16.data()));
  std::string utf8;
  if (produced > 0) {
    int32_t len = 0;
    UErrorCode s2 = U_ZERO_ERROR;
    u_strToUTF8(nullptr, 0, &len, reinterpret_cast<const UChar*>(u16.data()),
                static_cast<int32_t>(produced), &s2);
    utf8.resize(static_cast<size_t>(len));
    s2 = U_ZERO_ERROR;
    u_strToUTF8(utf8.data(), len, &len, reinterpret_cast<const UChar*>(u16.data()),
                static_cast<int32_t>(produced), &s2);
    if (U_FAILURE(s2)) failed = true;
  }
  size_t nul = utf8.find('\0');
  if (nul != std::string::npos) {
    counter_.Advance(utf8.data(), nul);
    out->append(utf8, 0, nul);
    Fail("NUL character, which XML and text files may not contain", nul > 0);
    return true;
  }
  counter_.Advance(utf8.data(), utf8.size());
  out->append(utf8);
  if (failed) {
    Fail("byte sequence that is not valid", !utf8.empty());
    return true;
  }
  pending_.erase(0, static_cast<size_t>(src - pending_.data()));
  return true;
}

std::string ReadFileAsUtf8(const std::string& path, bool sniff_xml_declaration,
                           const std::string& encoding) {
  Utf8Source source(path, sniff_xml_declaration, encoding);
  std::string out;
  while (source.Read(&out, 1 << 20)) {
  }
  return out;
}

}  // namespace tmkit
