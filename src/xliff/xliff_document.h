// XliffDocument: an XLIFF 1.0-1.2 or 2.x file held as a DOM, its translatable segments with
// TMX-style content, and edits (targets, matches) that leave every other byte's meaning as it was.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "util/error.h"
#include "xliff/xliff_inline.h"

namespace tmkit {

// One segment: a 1.2 trans-unit (or one mrk mtype="seg" of its seg-source), or a 2.x segment.
struct XliffSegment {
  std::string unit_id;     // trans-unit or unit id ("" when the file gives none)
  std::string segment_id;  // mrk mid or 2.x segment id; "" for an unsegmented 1.2 unit
  // The id to store as a TMX tuid: the unit id, or "unit/segment" (segment id, else its
  // 1-based number) when the unit has more than one segment.
  std::string tuid;
  std::string source_lang, target_lang;  // canonical BCP 47
  std::string source_text;  // plain text, inline codes removed
  std::string source_seg;   // TMX <seg> inner XML, XLIFF codes mapped to bpt/ept/it/ph/hi
  bool has_target = false;  // a target with text or codes
  std::string target_text, target_seg;  // as source_*, x linking codes to the source's
  // 1.2: the target's state attribute (the unit's, for segments of a seg-source); 2.x: the
  // segment's state. "" when the file gives none.
  std::string state;
  bool approved = false;    // 1.2 trans-unit approved="yes"
  bool translate = true;    // false under translate="no" (inherited from groups and files)
  Location where;           // the source element (or mrk)
};

// An alternative translation to record in the file.
struct XliffMatch {
  double score = 0;             // 0-100
  std::string source_seg;       // TMX content of the TM unit's source
  std::string target_seg;       // TMX content of its target
  std::string origin = "tmkit";
};

class XliffDocument {
 public:
  struct Options {
    std::string from, to;  // canonical tags that replace the file's languages when not empty
  };

  // Reads path in any encoding Utf8Source knows. Throws Error (kInput, with file:line:col)
  // for malformed XML, a root that is not xliff, a version other than 1.0-1.2 and 2.0-2.2,
  // missing or unknown languages (unless options give them), bad inline codes (a 2.x data
  // reference with no data, an <ec> before its <sc>, an id that is not an NMTOKEN).
  static std::unique_ptr<XliffDocument> Load(const std::string& path, const Options& options = {});
  ~XliffDocument();

  XliffFamily family() const;
  const std::string& version() const;   // the version attribute ("1.2", "2.0"...), or implied
  const std::string& encoding() const;  // of the input file
  const std::string& path() const;
  const std::vector<XliffSegment>& segments() const;

  // Removes the alternative translations (1.2 alt-trans, 2.x mtc:match) with this origin, so
  // that a file pre-translated again does not collect stale ones.
  void RemoveMatches(const std::string& origin);
  // Adds a match for segment i: a 1.2 <alt-trans> (mid set for segments of a seg-source) or a
  // 2.x <mtc:match ref="#segment-id"> (an id is given to a segment that has none). The TM's
  // codes are mapped onto the file's when they line up, else written as generic codes.
  void AddMatch(size_t i, const XliffMatch& match);

  enum class FillKind { kExact, kFuzzy };
  // Puts tm_target_seg into segment i's target when it is missing or blank, mapping the TM
  // codes onto the file's codes (see TmxToXliffMapped). 1.2: state translated/exact-match or
  // needs-review-translation/fuzzy-match on <target>; 2.x: the segment's state="translated",
  // or state="initial" subState="tmkit:fuzzy-match". Returns false (nothing changed) when the
  // segment already has a target or the codes cannot be mapped safely.
  bool FillTarget(size_t i, const std::string& tm_source_seg, const std::string& tm_target_seg,
                  FillKind kind);

  // The document as UTF-8 text with an XML declaration saying so.
  std::string ToString() const;
  // Writes ToString() to path with WriteOutputFile (util/output_file.h: a regular file is
  // replaced atomically; "-" is standard output). Throws Error (kIo).
  void Save(const std::string& path) const;

 private:
  struct Impl;
  explicit XliffDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tmkit
