// Exporting one language pair of a store into an OmegaT project: the memory as tm/tmkit.tmx,
// optionally tm/auto/tmkit-exact.tmx (applied by OmegaT on load), the term base as glossary/tmkit.txt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace tmkit {

// The languages of an OmegaT project file (omegat.project: <source_lang>, <target_lang>),
// canonical ("EN-US" -> "en-US"). Returns false when project_dir has no omegat.project;
// throws Error kInput when the file is not a project file or names no valid languages.
struct OmegaTProjectLanguages {
  std::string source;
  std::string target;
};
bool ReadOmegaTProjectLanguages(const std::string& project_dir, OmegaTProjectLanguages* out);

struct OmegaTExportOptions {
  std::string source_lang;  // canonical tags (CanonicalLangTag); matched like lookups:
  std::string target_lang;  //   "zh-CN" takes zh-CN and zh-Hans, "zh" also zh-SG
  // Also write tm/auto/tmkit-exact.tmx: the units OmegaT may insert without asking (see
  // ExportOmegaT).
  bool auto_tm = false;
  // Units whose alignment confidence (prop x-align-score, 0..1, written by tmkit align) is
  // below auto_min_score / 100 stay out of tm/auto. 0 keeps them all.
  double auto_min_score = 0;
};

struct OmegaTExportReport {
  uint64_t units = 0;            // units in tm/tmkit.tmx
  uint64_t units_skipped = 0;    // stored units without a non-empty variant in both languages
  uint64_t auto_units = 0;       // units in tm/auto/tmkit-exact.tmx
  uint64_t auto_ambiguous = 0;   // pair units left out of tm/auto: their source has several targets
  uint64_t auto_markup = 0;      // ... they carry inline codes OmegaT would drop
  uint64_t auto_low_score = 0;   // ... their x-align-score is below auto_min_score
  uint64_t concepts = 0;         // concepts with acceptable terms in both languages
  uint64_t terms = 0;            // glossary lines (one per acceptable source term)
  uint64_t terms_left_out = 0;   // deprecated, superseded or forbidden terms of the pair not written
  std::vector<std::string> files;  // the files written, in order
  bool stale_auto_file = false;  // auto_tm is off but tm/auto/tmkit-exact.tmx exists (left as is)
  double seconds = 0;
};

// Writes the pair source_lang -> target_lang of snapshot (a snapshot of store) into
// project_dir, creating it and its tm/, tm/auto/ and glossary/ folders when missing. Each file
// is written under a temporary name and renamed, so OmegaT never reads half a file.
//
// tm/tmkit.tmx is TMX 1.4 as OmegaT 3.6 reads it: header srclang = source_lang (OmegaT
// warns otherwise), segtype sentence, and each <tu> holds exactly two <tuv>, source then
// target, tagged source_lang and target_lang (OmegaT pairs a unit's variants with the project's
// languages by their first letters and region; a third variant would be read as another
// translation). Unit props that OmegaT reads as segment context (file, id, prev, next, path,
// x-ice, x-100pc) are left out, so matches are never taken for alternative translations.
//
// tm/auto/tmkit-exact.tmx (auto_tm) holds the units of the pair whose source text has one
// target in the store (one unit per source), without inline codes (OmegaT reads external TMX
// without them and would insert targets missing their codes) and, with auto_min_score, aligned
// confidently enough. OmegaT fills untranslated segments whose text equals a unit's source.
//
// glossary/tmkit.txt is OmegaT's tab-separated glossary (UTF-8, marked as such on its first
// line): for each concept with acceptable terms (preferred, admitted or unspecified) in both
// languages, one line per source term: source, the preferred target term (else the first
// acceptable one), and a comment (the target term's usage note, else the concept's definition,
// else its note). Throws Error kIo when a file cannot be written.
OmegaTExportReport ExportOmegaT(Store& store, const Txn& snapshot, const std::string& project_dir,
                                const OmegaTExportOptions& options);

}  // namespace tmkit
