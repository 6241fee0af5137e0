// TbxWriter: writes concepts as TBX-Basic, v2 (martif, laid out like glossaries/korean-war.tbx)
// or v3 (ISO 30042:2019, DCA style). A file appears under its name only once fully written.
#pragma once

#include <string>
#include <vector>

#include "glossary/tbx_reader.h"
#include "glossary/term_model.h"

namespace tmkit {

// The document, in UTF-8, with xml:lang="en" on the root. Every field of the model is kept, so
// that ReadTbx gives the concepts back (text as ReadTbx normalises it, see tbx_reader.h):
// subject and notes holding '\n' become several elements; x-caseSensitive is written as a
// termNote (an extension to TBX-Basic, as in korean-war.tbx); forbidden as
// forbiddenTerm-admn-sts. The definition sits at entry level when its language is the
// document's (v2) or has no langSet in the concept, else in the first langSet/langSec of its
// language. v3 needs an id on every conceptEntry: concepts without one get "c1", "c2", ...
// (unused ids). Concepts without terms are left out.
// Throws Error kInput for a term without language or text holding a control character XML
// cannot represent.
std::string TbxDocument(const std::vector<Concept>& concepts, TbxVersion version);

// Writes TbxDocument(concepts, version) to path with WriteOutputFile (util/output_file.h).
void WriteTbx(const std::string& path, const std::vector<Concept>& concepts, TbxVersion version);

}  // namespace tmkit
