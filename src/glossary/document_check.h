// tmkit check as a library call: the units of a TMX or XLIFF file, or of the store, checked
// against a glossary, with counts and an optional corrected TMX copy. Streams TMX; throws
// Error (file, line, column) on bad input, having written no copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "glossary/term_check.h"
#include "glossary/term_model.h"
#include "store/store.h"

namespace tmkit {

enum class DocumentKind { kTmx, kXliff };

// kXliff for .xlf, .xliff and .sdlxliff names, else kTmx.
DocumentKind DocumentKindOfPath(const std::string& path);
// kXliff when the first kilobytes hold an <xliff root element, else kTmx.
DocumentKind DocumentKindOfContent(std::string_view head);

struct DocumentCheckOptions {
  TermCheckOptions check;  // from, to, strict, consistency (default_from is set here)
  std::string fix_path;    // when set, a TMX copy with deprecated and forbidden renderings
                           // replaced (TMX input or the store only)
};

struct DocumentCheckResult {
  std::vector<Finding> findings;  // per unit in document order, then consistency ones
  uint64_t units = 0;             // units read
  size_t checked = 0, skipped = 0, concepts = 0;
  size_t errors = 0, warnings = 0;
  std::map<std::string, size_t> by_kind;  // FindingKindName -> count
  size_t replacements = 0;        // with fix_path
  std::vector<Finding> unfixed;   // with fix_path
};

// The units of the file at path (kind says how to read it); a unit is named by its tuid,
// else its position (1-based).
DocumentCheckResult CheckDocument(const std::string& path, DocumentKind kind,
                                  std::vector<Concept> concepts, DocumentCheckOptions options);
// The store's units, named by tuid, else their id.
DocumentCheckResult CheckStoreUnits(const Txn& snapshot, std::vector<Concept> concepts,
                                    DocumentCheckOptions options);

}  // namespace tmkit
