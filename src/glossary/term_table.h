// Term tables: tmkit's multilingual CSV and TSV (a header row names the columns and languages)
// and bilingual source/target/comment tables (OmegaT, Okapi) whose languages the caller gives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "glossary/term_model.h"

namespace tmkit {

// kCsv: comma-separated, RFC 4180 quoting ("a, b" and "say ""hi""" in double quotes; a quoted
//   field may span lines). Unquoted fields are trimmed, quoted ones kept as written; a quote
//   inside an unquoted field is an ordinary character.
// kTsv: tab-separated, no quoting; fields are trimmed. In a tmkit table (with a header) the
//   escapes \t, \n, \r and \\ stand for tab, line break, carriage return and backslash; any
//   other backslash is an ordinary character.
// kOmegaT: OmegaT's glossary format: tab-separated source, target and comment, no header;
//   lines starting with '#' are comments, and a first-line comment such as
//   "# -*- coding: windows-1252 -*-" gives the encoding.
enum class TableStyle { kCsv, kTsv, kOmegaT };

// The tmkit table (kCsv, kTsv). The first row is the header; its column names (any case):
//   a language tag (en, zh-Hans, ko-KR; canonicalised, must be a language ICU knows): one term
//     of that language per cell. A cell is one term, ';' and ',' included: synonyms go on
//     further rows of the same concept.
//   id              rows with the same id are one concept (in order of first appearance); a row
//                   without id is a concept of its own
//   status, type, pos, case, note
//                   of the terms in that row: TermStatus (preferred, admitted, deprecated,
//                   superseded, forbidden or the TBX values), termType, partOfSpeech,
//                   case-sensitive (yes/no, true/false, 1/0, empty = no) and usage note
//   subject, definition, definition_lang, concept_note
//                   of the concept: subjectField, definition, its language (default: the
//                   first language column) and the note on the concept. They may be given on
//                   any one row of the concept; two different values are an error.
// Only language columns are required. A concept's terms are ordered by language (in column
// order), then by row. Blank rows and rows with neither a term nor an id are skipped;
// concepts without terms are dropped.
//
// A bilingual table (kOmegaT, or kCsv/kTsv whose first row is not such a header) has columns
// source, target, comment (more are ignored) and needs from_lang and to_lang: each row with
// both a source and a target is a concept with those two terms and the comment as its note.
// A first row of nothing but language tags ("de,da") is taken for an entry, not a header,
// when from_lang and to_lang are given and not both among them.
struct TermTableOptions {
  TableStyle style = TableStyle::kTsv;
  std::string encoding;   // reading: the file's encoding; "" detects it (BOM, else UTF-8)
  std::string from_lang;  // bilingual tables: the language of the source column
  std::string to_lang;    // ... and of the target column
  std::vector<std::string>* warnings = nullptr;  // when not null, receives encoding remarks
};

// Reads a table. Throws Error kInput (file:line:column) for a bad cell (unknown status or case
// value, a language tag that is invalid or unknown, an unterminated quote, conflicting concept
// fields, cells beyond the header), kUsage when a table has no header naming languages and
// from_lang/to_lang are not both given, kIo when the file cannot be read.
std::vector<Concept> ReadTermTable(const std::string& path, const TermTableOptions& options);
// The same over text already in UTF-8 (no BOM); file names it in errors.
std::vector<Concept> ParseTermTable(std::string_view text, const std::string& file,
                                    const TermTableOptions& options);

// The table for concepts, in UTF-8 without BOM. kCsv/kTsv: a tmkit table whose header is id,
// the languages in order of first appearance, status, type, pos, case, subject, definition,
// note (and definition_lang, concept_note when some concept needs them). Terms of a concept
// that share status, type, pos, case and note share a row, one per language; a concept without
// id that needs several rows gets an unused id "c1", "c2", ... so that its rows stay together.
// kOmegaT: needs from_lang and to_lang (kUsage otherwise); one row for each source-language
// term of a concept, paired with its first preferred (else first acceptable) target-language
// term, languages matched as LangRequest does ("zh" takes zh-Hans); the comment is the concept
// note, else that target term's usage note. Concepts without such a pair are left out. Tabs
// and line breaks in OmegaT cells become spaces.
std::string TermTableText(const std::vector<Concept>& concepts, const TermTableOptions& options);
// Writes TermTableText to path with WriteOutputFile (util/output_file.h).
void WriteTermTable(const std::string& path, const std::vector<Concept>& concepts,
                    const TermTableOptions& options);

}  // namespace tmkit
