// Term files: the one entry point for reading and writing term bases in every format tmkit
// knows (TBX v2 and v3, tmkit CSV and TSV, OmegaT). Reading returns all concepts or throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glossary/term_model.h"

namespace tmkit {

enum class TermFormat {
  kTbx2,    // TBX v2 (martif), TBX-Basic; reading also takes TBX-Default
  kTbx3,    // TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style; reading also takes DCT
  kCsv,     // tmkit multilingual CSV (term_table.h); without a language header: source,target,comment
  kTsv,     // tmkit multilingual TSV; likewise
  kOmegaT,  // OmegaT glossary: source<TAB>target<TAB>comment, '#' comments
};

// "tbx2", "tbx3", "csv", "tsv", "omegat".
std::string_view TermFormatName(TermFormat format);

// The format named by as when it is not empty (any case: tbx or tbx2, tbx3, csv, tsv, omegat),
// else the one path's extension shows (.tbx: kTbx2; .csv; .tsv; .tab, .txt, .utf8: kOmegaT).
// Throws Error kUsage for a name or extension it does not know.
TermFormat TermFormatFor(const std::string& path, const std::string& as);

// For reading: TermFormatFor, except that a TBX file's version (unless as names one) comes
// from its root element. Throws like TermFormatFor, and kInput when a .tbx file is not TBX.
TermFormat DetectTermFormat(const std::string& path, const std::string& as,
                            const std::string& encoding = "");

struct TermFileOptions {
  std::optional<TermFormat> format;  // unset: from the file name (and root element)
  std::string encoding;              // reading: the input's encoding; "" detects it
  std::string from_lang;             // bilingual tables (OmegaT, CSV/TSV without a language
  std::string to_lang;               //   header): the languages of source and target
  std::vector<std::string>* warnings = nullptr;  // when not null, receives encoding remarks
};

// Reads every concept of path. Throws Error kInput (file:line:column) for a bad file, kUsage
// for missing or bad options (a bilingual table without languages), kIo when unreadable.
std::vector<Concept> ReadTermFile(const std::string& path, const TermFileOptions& options);

// Writes concepts to path in UTF-8 with WriteOutputFile (a regular file is replaced
// atomically; "-" is standard output). options.encoding is not used. Throws Error kUsage (OmegaT without
// languages, unknown format), kInput (content the format cannot hold), kIo.
void WriteTermFile(const std::string& path, const std::vector<Concept>& concepts,
                   const TermFileOptions& options);

}  // namespace tmkit
