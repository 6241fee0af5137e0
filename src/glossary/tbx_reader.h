// TbxReader: reads a TBX term base, v2 (martif: TBX-Basic, TBX-Default) or v3 (ISO 30042:2019,
// DCA and DCT styles), into concepts. The whole file is parsed before anything is returned.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "glossary/term_model.h"

namespace tmkit {

enum class TbxVersion { kV2, kV3 };

// What is read (element names are compared without namespace prefix; a data category is the
// type attribute of descrip, termNote and admin, or the element's own name in DCT style):
//   termEntry / conceptEntry         -> a Concept, id from its id attribute
//   subjectField                     -> Concept::subject (several are joined by '\n')
//   definition                       -> Concept::definition, the first one at entry or langSet
//                                       level; definition_lang is the xml:lang in scope there
//   note at entry level              -> Concept::note (several are joined by '\n')
//   langSet / langSec xml:lang       -> Term::lang of its tig, ntig/termGrp and termSec terms
//   administrativeStatus, normativeAuthorization -> Term::status (ParseTermStatus)
//   partOfSpeech, termType           -> Term::part_of_speech, Term::term_type
//   x-caseSensitive (or caseSensitive) yes/no/true/false -> Term::case_sensitive
//   note or usageNote on a term      -> Term::usage_note (several joined by '\n'); a note on a
//                                       langSet is added to each of its terms
// descripGrp and termNoteGrp are looked into; anything else (transactions, contexts, admin,
// cross-references) is ignored. Text is the element's character data with white-space runs
// collapsed to one space and trimmed. Empty terms and concepts without terms are dropped.
//
// Throws Error kInput with file:line:column for malformed XML, a root that is neither martif
// nor tbx, a langSet without xml:lang or with an invalid or unknown language, an
// administrativeStatus or caseSensitive value it does not know, and a tig without a term;
// kIo when the file cannot be read.

// Reads path in the encoding its BOM or XML declaration shows, or encoding when not empty.
// Sets *version when not null; appends encoding remarks to *warnings when not null.
std::vector<Concept> ReadTbx(const std::string& path, const std::string& encoding = "",
                             TbxVersion* version = nullptr,
                             std::vector<std::string>* warnings = nullptr);

// The same over a document already decoded to UTF-8 (no BOM); file names it in errors.
std::vector<Concept> ParseTbx(std::string_view xml, const std::string& file,
                              TbxVersion* version = nullptr);

// The version of a TBX file from its root element, reading only up to the root's start tag.
// Throws Error kInput when the root is neither martif nor tbx.
TbxVersion DetectTbxVersion(const std::string& path, const std::string& encoding = "");

}  // namespace tmkit
