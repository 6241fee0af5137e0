// Utf8Source: reads a file of any encoding ICU converts and yields valid UTF-8, in chunks, so
// memory stays bounded. A byte-order mark wins over a contradicting XML declaration.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

struct UConverter;  // ICU

namespace tmkit {

// Counts lines and columns (in code points) over a UTF-8 stream as it is consumed.
class LineCounter {
 public:
  LineCounter() = default;
  // A counter standing at 1-based line and column.
  LineCounter(uint64_t line, uint64_t column) : lines_(line - 1), column_(column - 1) {}
  // Accounts for the bytes [data, data + n), which follow what was given before.
  void Advance(const char* data, size_t n);
  // The position just after everything advanced over: 1-based line and column.
  uint64_t line() const { return lines_ + 1; }
  uint64_t column() const { return column_ + 1; }

 private:
  uint64_t lines_ = 0;   // newlines seen
  uint64_t column_ = 0;  // code points since the last newline
};

class Utf8Source {
 public:
  // Opens path and detects its encoding from the BOM, the first bytes and the XML declaration
  // (when sniff_xml_declaration). Throws Error (kIo) when the file cannot be read, kInput for
  // an encoding ICU does not know.
  // encoding, when not empty, is used whatever the file says (a BOM is still skipped).
  Utf8Source(const std::string& path, bool sniff_xml_declaration, const std::string& encoding = "");
  ~Utf8Source();
  Utf8Source(const Utf8Source&) = delete;
  Utf8Source& operator=(const Utf8Source&) = delete;

  // Appends up to about max_bytes of UTF-8 to out. Returns false at end of input. Throws
  // Error (kInput, with line and column) on bytes that are not valid in the encoding: at
  // once when they come first, else after the text before them, from the next Read (and
  // every Read after it), so that a caller gets all the good text before the error.
  bool Read(std::string* out, size_t max_bytes);

  // The encoding used ("UTF-8", "UTF-16LE", "windows-1254", ...).
  const std::string& encoding() const { return encoding_; }
  // Things worth telling the user, such as a BOM that contradicts the declaration.
  const std::vector<std::string>& warnings() const { return warnings_; }
  uint64_t file_size() const { return file_size_; }
  uint64_t bytes_read() const { return bytes_read_; }
  const std::string& path() const { return path_; }

 private:
  size_t ReadRaw(char* buf, size_t n);
  void DetectEncoding(bool sniff_xml_declaration, const std::string& forced);
  // Throws the error what at the current position or, when this Read has produced text,
  // keeps it for the next Read.
  void Fail(const char* what, bool produced);

  std::string path_;
  std::FILE* file_ = nullptr;
  uint64_t file_size_ = 0;
  uint64_t bytes_read_ = 0;
  std::string encoding_;
  std::vector<std::string> warnings_;
  std::string pending_;          // raw bytes read but not yet converted
  ::UConverter* converter_ = nullptr;  // null for UTF-8 passthrough
  LineCounter counter_;          // over the UTF-8 produced so far
  bool eof_ = false;
  std::optional<Error> failed_;  // a decoding error the next Read throws
};

// Reads a whole (small) file as UTF-8 via Utf8Source. For tests and small inputs.
std::string ReadFileAsUtf8(const std::string& path, bool sniff_xml_declaration,
                           const std::string& encoding = "");

// Index of the first byte in [data, data+n) that does not start a complete, valid UTF-8
// sequence (NUL counts as invalid), or n. A sequence cut by the end of the buffer is reported
// too: a caller reading in chunks keeps those last bytes for the next chunk.
size_t FindInvalidUtf8(const char* data, size_t n);

}  // namespace tmkit
