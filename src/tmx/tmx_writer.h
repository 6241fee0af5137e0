// TmxWriter: writes units as TMX 1.4b in UTF-8, streaming, through an OutputFile: a regular
// file gets its new content only when Finish() succeeds; a FIFO or device is written through.
#pragma once

#include <cstdint>
#include <string>

#include "tmx/unit.h"
#include "util/output_file.h"

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
  TmxWriter(const TmxWriter&) = delete;
  TmxWriter& operator=(const TmxWriter&) = delete;

  void Write(const Unit& unit);
  // Ends the document and commits the output (OutputFile::Commit). Throws Error (kIo).
  void Finish();

  uint64_t units_written() const { return units_; }

 private:
  void Flush();

  OutputFile out_;
  std::string buf_;
  uint64_t units_ = 0;
};

// Appends one <tu> element (indented for a body) to out.
void AppendTuXml(const Unit& unit, std::string* out);

}  // namespace tmkit
