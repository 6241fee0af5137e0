// TmxWriter: writes units as TMX 1.4b in UTF-8, streaming. The file appears under its name
// only when Finish() succeeds; until then it is a temporary beside it, removed on failure.
#pragma once

#include <cstdio>
#include <string>

#include "tmx/unit.h"

namespace tmkit {

class TmxWriter {
 public:
  struct Options {
    std::string srclang = "*all*";   // the header's srclang
    std::string segtype = "sentence";
    std::string datatype = "unknown";
    std::string creationdate;        // YYYYMMDDThhmmssZ; empty: omitted
  };

  // Opens the output ("-" is standard output). Throws Error (kIo) when it cannot.
  TmxWriter(const std::string& path, const Options& options);
  ~TmxWriter();
  TmxWriter(const TmxWriter&) = delete;
  TmxWriter& operator=(const TmxWriter&) = delete;

  void Write(const Unit& unit);
  // Ends the document, flushes and moves the file into place. Throws Error (kIo).
  void Finish();

  uint64_t units_written() const { return units_; }

 private:
  void Flush();

  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  std::string buf_;
  uint64_t units_ = 0;
  bool finished_ = false;
};

// Appends one <tu> element (indented for a body) to out.
void AppendTuXml(const Unit& unit, std::string* out);

}  // namespace tmkit
