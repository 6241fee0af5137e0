// TmxReader: streams the units of a TMX 1.1-1.4b file in any encoding, a bounded window of
// complete <tu> elements at a time, so memory does not grow with the file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tmx/unit.h"
#include "util/error.h"

namespace tmkit {

class Utf8Source;
class XmlScanner;

struct TmxHeader {
  std::string version;  // the tmx element's version attribute ("1.4", "1.1", ...)
  Attrs attrs;          // header attributes as in the file
  std::vector<Annotation> annotations;
  std::string srclang;  // canonical srclang, "*all*", or "" when absent or invalid
  std::string datatype; // the header's datatype, unless absent, "plaintext" or "unknown"
};

// A unit that is well-formed XML but not valid TMX, or (with skip_invalid) not well-formed.
struct TmxProblem {
  Location where;
  std::string message;
};

class TmxReader {
 public:
  struct Options {
    // Skip units that cannot be read and record them in problems(); a fatal error after
    // <body> opened (bad nesting, truncation, an undefined entity, bytes not valid in the
    // encoding) then ends the file early, the units before it kept, instead of throwing.
    bool skip_invalid = false;
  };

  // Opens path and reads up to the start of <body>. Throws Error (kInput with location) for
  // a file that is not TMX, malformed, or badly encoded; kIo when it cannot be read.
  TmxReader(const std::string& path, Options options);
  ~TmxReader();

  const TmxHeader& header() const { return header_; }

  // The next valid unit and where its <tu> starts. Returns false at the end of the file.
  // Units that are not valid TMX are skipped and recorded in problems() (the caller decides
  // whether that fails the import). Throws Error on malformed XML unless skip_invalid.
  // *unit is overwritten; the buffers it holds are reused, so passing the same units again
  // and again spares allocations.
  bool Next(Unit* unit, Location* where);

  const std::vector<TmxProblem>& problems() const { return problems_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  const std::string& encoding() const;
  uint64_t bytes_read() const;
  uint64_t file_size() const;
  // True when a fatal error ended the file early (skip_invalid only).
  bool truncated() const { return truncated_; }

 private:
  struct Window;  // a parsed window of complete <tu> elements, converted by Next
  void ReadProlog();
  void ReadWindow();  // reads and parses the next window of units
  void ParseHeader(const std::string& xml, uint64_t at);
  void ParseWindow();

  std::string path_;
  Options options_;
  std::unique_ptr<Utf8Source> source_;
  std::unique_ptr<XmlScanner> scanner_;
  TmxHeader header_;
  std::unique_ptr<Window> window_;
  std::vector<TmxProblem> problems_;
  std::vector<std::string> warnings_;
  uint64_t tmx_opened_at_ = 0;
  uint64_t body_opened_at_ = 0;
  bool in_body_ = false;
  bool done_ = false;
  bool truncated_ = false;
};

}  // namespace tmkit
