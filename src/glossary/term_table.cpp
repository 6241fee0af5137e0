#include "glossary/term_table.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "text/encoding.h"
#include "text/lang_match.h"
#include "text/lang_tag.h"
#include "util/error.h"
#include "util/output_file.h"

namespace tmkit {

namespace {

struct Cell {
  std::string text;
  size_t offset = 0;  // of the cell's first byte in the text
};

struct Row {
  std::vector<Cell> cells;
  size_t offset = 0;
  bool comment = false;  // an OmegaT '#' line

  bool Blank() const {
    return std::all_of(cells.begin(), cells.end(), [](const Cell& c) { return c.text.empty(); });
  }
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

class TableParser {
 public:
  TableParser(std::string_view text, const std::string& file, const TermTableOptions& options)
      : text_(text), file_(file), options_(options) {}

  std::vector<Concept> Parse() {
    std::vector<Row> rows = options_.style == TableStyle::kCsv ? SplitCsv() : SplitTsv();
    size_t first = 0;
    while (first < rows.size() && (rows[first].comment || rows[first].Blank())) ++first;
    if (first == rows.size()) return {};
    if (options_.style != TableStyle::kOmegaT) {
      std::string why;
      if (ReadHeader(rows[first], &why)) {
        if (!BilingualAfterAll()) return TmkitTable(rows, first + 1);
        why = "it names only languages, and not both the source and target language given";
      }
      if (options_.from_lang.empty() || options_.to_lang.empty()) {
        throw Error(Error::Kind::kUsage,
                    "the first row is not a header of language columns (" + why +
                        "), so the languages of this bilingual table must be given (source and "
                        "target language)",
                    At(rows[first].offset));
      }
    }
    return Bilingual(rows, first);
  }

 private:
  Location At(size_t offset) const {
    LineCounter counter;
    counter.Advance(text_.data(), std::min(offset, text_.size()));
    return Location{file_, counter.line(), counter.column()};
  }

  std::vector<Row> SplitCsv() const {
    std::vector<Row> rows;
    std::string_view s = text_;
    size_t n = s.size(), i = 0;
    Row row;
    row.offset = 0;
    while (true) {
      Cell cell;
      cell.offset = i;
      size_t j = i;
      while (j < n && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (j < n && s[j] == '"') {
        cell.offset = j;
        ++j;
        while (true) {
          if (j >= n) ThrowInput("a quoted field is not closed", At(cell.offset));
          if (s[j] == '"') {
            if (j + 1 < n && s[j + 1] == '"') {
              cell.text.push_back('"');
              j += 2;
              continue;
            }
            ++j;
            break;
          }
          cell.text.push_back(s[j++]);
        }
        size_t k = j;
        while (k < n && s[k] != ',' && s[k] != '\n' && s[k] != '\r') ++k;
        cell.text += Trim(s.substr(j, k - j));  // stray text after the closing quote
        j = k;
      } else {
        size_t k = j;
        while (k < n && s[k] != ',' && s[k] != '\n' && s[k] != '\r') ++k;
        cell.text = Trim(s.substr(i, k - i));
        j = k;
      }
      row.cells.push_back(std::move(cell));
      if (j < n && s[j] == ',') {
        i = j + 1;
        continue;
      }
      rows.push_back(std::move(row));
      row = Row();
      if (j >= n) break;
      j += (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n') ? 2 : 1;
      if (j >= n) break;
      i = j;
      row.offset = i;
    }
    return rows;
  }

  std::vector<Row> SplitTsv() const {
    std::vector<Row> rows;
    std::string_view s = text_;
    size_t i = 0, n = s.size();
    while (i < n) {
      size_t end = i;
      while (end < n && s[end] != '\n' && s[end] != '\r') ++end;
      Row row;
      row.offset = i;
      std::string_view line = s.substr(i, end - i);
      if (options_.style == TableStyle::kOmegaT) {
        std::string trimmed = Trim(line);
        row.comment = !trimmed.empty() && trimmed[0] == '#';
      }
      size_t start = 0;
      while (true) {
        size_t tab = line.find('\t', start);
        size_t stop = tab == std::string_view::npos ? line.size() : tab;
        Cell cell;
        cell.offset = i + start;
        cell.text = Trim(line.substr(start, stop - start));
        row.cells.push_back(std::move(cell));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      rows.push_back(std::move(row));
      i = end;
      if (i < n && s[i] == '\r') {
        ++i;
        if (i < n && s[i] == '\n') ++i;
      } else if (i < n && s[i] == '\n') {
        ++i;
      }
    }
    return rows;
  }

  // TSV escapes of tmkit tables.
  static std::string Unescape(const std::string& s) {
    if (s.find('\\') == std::string::npos) return s;
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) {
        char e = s[i + 1];
        const char* rep = e == 't' ? "\t" : e == 'n' ? "\n" : e == 'r' ? "\r" : e == '\\' ? "\\" : nullptr;
        if (rep) {
          out.append(rep);
          ++i;
          continue;
        }
      }
      out.push_back(s[i]);
    }
    return out;
  }

  enum class Kind { kIgnore, kLang, kId, kStatus, kType, kPos, kCase, kSubject, kDefinition,
                    kDefinitionLang, kNote, kConceptNote };
  struct Column {
    Kind kind = Kind::kIgnore;
    std::string lang;
    size_t lang_order = 0;  // index of lang among the table's distinct languages
  };

  static std::optional<Kind> NamedKind(const std::string& lower) {
    static const std::map<std::string, Kind> kNames = {
        {"id", Kind::kId},          {"status", Kind::kStatus},
        {"type", Kind::kType},      {"pos", Kind::kPos},
        {"case", Kind::kCase},      {"subject", Kind::kSubject},
        {"definition", Kind::kDefinition}, {"definition_lang", Kind::kDefinitionLang},
        {"note", Kind::kNote},      {"concept_note", Kind::kConceptNote}};
    auto it = kNames.find(lower);
    if (it == kNames.end()) return std::nullopt;
    return it->second;
  }

  // Fills columns_ from a header row. Returns false (and why) when row is not a tmkit header;
  // throws when it plainly is one (it names tmkit columns) but has a bad cell.
  bool ReadHeader(const Row& row, std::string* why) {
    bool named = false;
    for (const Cell& cell : row.cells) named = named || NamedKind(Lower(cell.text)).has_value();
    std::vector<Column> columns;
    std::set<Kind> seen;
    std::vector<std::string> langs;
    bool any_lang = false;
    for (const Cell& cell : row.cells) {
      Column col;
      if (cell.text.empty()) {
        columns.push_back(col);
        continue;
      }
      std::optional<Kind> kind = NamedKind(Lower(cell.text));
      if (kind) {
        if (!seen.insert(*kind).second) {
          ThrowInput("the column \"" + cell.text + "\" appears twice in the header", At(cell.offset));
        }
        col.kind = *kind;
      } else {
        std::optional<std::string> tag = CanonicalLangTag(cell.text);
        bool ok = tag && *tag != "*all*" && IsKnownLanguage(*tag);
        if (!ok) {
          std::string problem = "\"" + cell.text + "\" is neither a column name (id, status, type, "
                                "pos, case, subject, definition, definition_lang, note, "
                                "concept_note) nor a language tag ICU knows";
          if (named) ThrowInput("header: " + problem, At(cell.offset));
          *why = problem;
          return false;
        }
        col.kind = Kind::kLang;
        col.lang = *tag;
        auto it = std::find(langs.begin(), langs.end(), *tag);
        col.lang_order = static_cast<size_t>(it - langs.begin());
        if (it == langs.end()) langs.push_back(*tag);
        any_lang = true;
      }
      columns.push_back(col);
    }
    if (!any_lang && !seen.count(Kind::kId)) {
      *why = "it names no language";
      return false;
    }
    columns_ = std::move(columns);
    langs_ = std::move(langs);
    header_named_ = named;
    return true;
  }

  // A first row of nothing but language tags ("de,da") may be an entry of a bilingual table:
  // when the caller gave source and target languages, it is a header only if it names both.
  bool BilingualAfterAll() const {
    if (header_named_ || options_.from_lang.empty() || options_.to_lang.empty()) return false;
    std::optional<std::string> from = CanonicalLangTag(options_.from_lang);
    std::optional<std::string> to = CanonicalLangTag(options_.to_lang);
    auto has = [this](const std::optional<std::string>& tag) {
      return tag && std::find(langs_.begin(), langs_.end(), *tag) != langs_.end();
    };
    return !(has(from) && has(to));
  }

  struct Pending {
    Concept entry;
    std::vector<std::tuple<size_t, size_t, Term>> terms;  // lang order, sequence, term
    bool definition_lang_given = false;
  };

  void SetField(std::string* field, const std::string& value, const char* what, const Cell& cell,
                const std::string& id) const {
    if (value.empty()) return;
    if (field->empty()) {
      *field = value;
    } else if (*field != value) {
      ThrowInput("concept \"" + id + "\": " + what + " \"" + value + "\" differs from \"" + *field +
                     "\" given on an earlier row",
                 At(cell.offset));
    }
  }

  std::string CheckedLang(const Cell& cell) const {
    std::optional<std::string> tag = CanonicalLangTag(cell.text);
    if (!tag || *tag == "*all*") ThrowInput("invalid language tag \"" + cell.text + "\"", At(cell.offset));
    if (!IsKnownLanguage(*tag)) ThrowInput("unknown language \"" + cell.text + "\"", At(cell.offset));
    return *tag;
  }

  std::vector<Concept> TmkitTable(const std::vector<Row>& rows, size_t from) {
    const bool tsv = options_.style != TableStyle::kCsv;
    std::vector<Pending> pending;
    std::unordered_map<std::string, size_t> by_id;
    size_t seq = 0;
    static const Cell kEmpty;
    for (size_t r = from; r < rows.size(); ++r) {
      const Row& row = rows[r];
      if (row.Blank()) continue;
      for (size_t i = columns_.size(); i < row.cells.size(); ++i) {
        if (!row.cells[i].text.empty()) {
          ThrowInput("a cell beyond the " + std::to_string(columns_.size()) + " columns of the header",
                     At(row.cells[i].offset));
        }
      }
      const Cell* by_kind[12] = {};
      std::vector<Term> terms;
      std::vector<size_t> orders;
      std::vector<std::string> values(columns_.size());
      for (size_t i = 0; i < columns_.size() && i < row.cells.size(); ++i) {
        values[i] = tsv ? Unescape(row.cells[i].text) : row.cells[i].text;
        if (columns_[i].kind == Kind::kLang) {
          if (values[i].empty()) continue;
          Term t;
          t.lang = columns_[i].lang;
          t.text = values[i];
          terms.push_back(std::move(t));
          orders.push_back(columns_[i].lang_order);
        } else if (columns_[i].kind != Kind::kIgnore) {
          by_kind[static_cast<int>(columns_[i].kind)] = &row.cells[i];
        }
      }
      auto value = [&](Kind k) -> std::string {
        const Cell* c = by_kind[static_cast<int>(k)];
        if (!c) return "";
        return values[static_cast<size_t>(c - row.cells.data())];
      };
      auto cell = [&](Kind k) -> const Cell& {
        const Cell* c = by_kind[static_cast<int>(k)];
        return c ? *c : kEmpty;
      };
      std::string id = value(Kind::kId);
      if (terms.empty() && id.empty()) continue;
      // Term attributes of the row.
      TermStatus status = TermStatus::kUnspecified;
      std::string status_text = value(Kind::kStatus);
      if (!status_text.empty() && !ParseTermStatus(status_text, &status)) {
        ThrowInput("unknown status \"" + status_text +
                       "\" (preferred, admitted, deprecated, superseded or forbidden)",
                   At(cell(Kind::kStatus).offset));
      }
      bool case_sensitive = false;
      std::string case_text = Lower(value(Kind::kCase));
      if (case_text == "yes" || case_text == "true" || case_text == "1" || case_text == "y") {
        case_sensitive = true;
      } else if (!(case_text.empty() || case_text == "no" || case_text == "false" ||
                   case_text == "0" || case_text == "n")) {
        ThrowInput("case must be yes or no, not \"" + value(Kind::kCase) + "\"",
                   At(cell(Kind::kCase).offset));
      }
      for (Term& t : terms) {
        t.status = status;
        t.term_type = value(Kind::kType);
        t.part_of_speech = value(Kind::kPos);
        t.case_sensitive = case_sensitive;
        t.usage_note = value(Kind::kNote);
      }
      // The concept.
      size_t index;
      auto found = id.empty() ? by_id.end() : by_id.find(id);
      if (found != by_id.end()) {
        index = found->second;
      } else {
        index = pending.size();
        pending.emplace_back();
        pending.back().entry.id = id;
        if (!id.empty()) by_id.emplace(id, index);
      }
      Pending& p = pending[index];
      SetField(&p.entry.subject, value(Kind::kSubject), "subject", cell(Kind::kSubject), id);
      SetField(&p.entry.definition, value(Kind::kDefinition), "definition", cell(Kind::kDefinition), id);
      SetField(&p.entry.note, value(Kind::kConceptNote), "concept_note", cell(Kind::kConceptNote), id);
      if (!value(Kind::kDefinitionLang).empty()) {
        const Cell& c = cell(Kind::kDefinitionLang);
        Cell canonical{value(Kind::kDefinitionLang), c.offset};
        std::string lang = Lower(canonical.text) == "und" ? "" : CheckedLang(canonical);
        if (p.definition_lang_given && p.entry.definition_lang != lang) {
          ThrowInput("concept \"" + id + "\": definition_lang \"" + canonical.text +
                         "\" differs from the one given on an earlier row",
                     At(c.offset));
        }
        p.entry.definition_lang = lang;
        p.definition_lang_given = true;
      }
      for (size_t i = 0; i < terms.size(); ++i) p.terms.emplace_back(orders[i], seq++, std::move(terms[i]));
    }
    std::vector<Concept> concepts;
    for (Pending& p : pending) {
      if (p.terms.empty()) continue;
      std::stable_sort(p.terms.begin(), p.terms.end(), [](const auto& a, const auto& b) {
        return std::get<0>(a) < std::get<0>(b);
      });
      for (auto& t : p.terms) p.entry.terms.push_back(std::move(std::get<2>(t)));
      if (p.entry.definition.empty()) {
        p.entry.definition_lang.clear();
      } else if (!p.definition_lang_given && !langs_.empty()) {
        p.entry.definition_lang = langs_[0];
      }
      concepts.push_back(std::move(p.entry));
    }
    return concepts;
  }

  std::vector<Concept> Bilingual(const std::vector<Row>& rows, size_t first) {
    std::string from = Language(options_.from_lang, "source");
    std::string to = Language(options_.to_lang, "target");
    std::vector<Concept> concepts;
    for (size_t r = first; r < rows.size(); ++r) {
      const Row& row = rows[r];
      if (row.comment || row.Blank()) continue;
      auto text = [&row](size_t i) { return i < row.cells.size() ? row.cells[i].text : std::string(); };
      if (r == first && Lower(text(0)) == "source" && Lower(text(1)) == "target") continue;
      std::string source = text(0), target = text(1);
      if (source.empty() || target.empty()) continue;
      Concept c;
      c.note = text(2);
      Term s, t;
      s.lang = from;
      s.text = source;
      t.lang = to;
      t.text = target;
      c.terms.push_back(std::move(s));
      c.terms.push_back(std::move(t));
      concepts.push_back(std::move(c));
    }
    return concepts;
  }

  std::string Language(const std::string& tag, const char* which) const {
    if (tag.empty()) ThrowUsage(std::string("the ") + which + " language of " + file_ + " must be given");
    std::optional<std::string> canonical = CanonicalLangTag(tag);
    if (!canonical || *canonical == "*all*" || !IsKnownLanguage(*canonical)) {
      ThrowUsage(std::string("invalid or unknown ") + which + " language \"" + tag + "\"");
    }
    return *canonical;
  }

  std::string_view text_;
  std::string file_;
  const TermTableOptions& options_;
  std::vector<Column> columns_;
  std::vector<std::string> langs_;
  bool header_named_ = false;  // the header names tmkit columns besides languages
};

// The coding of an Emacs-style magic comment on the first line ("# -*- coding: utf-8 -*-"),
// or "".
std::string MagicCoding(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return "";
  char buf[1024];
  size_t n = std::fread(buf, 1, sizeof buf, f);
  std::fclose(f);
  std::string_view head(buf, n);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  head = head.substr(0, head.find_first_of("\r\n"));
  if (head.empty() || head[0] != '#') return "";
  size_t open = head.find("-*-");
  if (open == std::string_view::npos) return "";
  size_t close = head.find("-*-", open + 3);
  if (close == std::string_view::npos) return "";
  std::string_view vars = head.substr(open + 3, close - open - 3);
  size_t start = 0;
  while (start <= vars.size()) {
    size_t semi = vars.find(';', start);
    if (semi == std::string_view::npos) semi = vars.size();
    std::string_view var = vars.substr(start, semi - start);
    size_t colon = var.find(':');
    if (colon != std::string_view::npos && Lower(Trim(var.substr(0, colon))) == "coding") {
      return Trim(var.substr(colon + 1));
    }
    start = semi + 1;
  }
  return "";
}

std::string CsvCell(const std::string& s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string::npos ||
               (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' ||
                               s.back() == '\t'));
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string TsvCell(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out.append("\\\\"); break;
      case '\t': out.append("\\t"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string OmegaTCell(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return Trim(out);
}

std::string CanonicalOrUsage(const std::string& tag, const char* which) {
  if (tag.empty()) ThrowUsage(std::string("an OmegaT glossary needs the ") + which + " language");
  std::optional<std::string> canonical = CanonicalLangTag(tag);
  if (!canonical || *canonical == "*all*") {
    ThrowUsage(std::string("invalid ") + which + " language \"" + tag + "\"");
  }
  return *canonical;
}

std::string OmegaTText(const std::vector<Concept>& concepts, const TermTableOptions& options) {
  LangRequest from(CanonicalOrUsage(options.from_lang, "source"));
  LangRequest to(CanonicalOrUsage(options.to_lang, "target"));
  std::string out = "# Glossary in tab-separated format -*- coding: utf-8 -*-\n";
  for (const Concept& c : concepts) {
    const Term* target = nullptr;
    for (const Term& t : c.terms) {
      if (t.status == TermStatus::kPreferred && to.Matches(t.lang)) {
        target = &t;
        break;
      }
    }
    for (const Term& t : c.terms) {
      if (!target && IsAcceptable(t.status) && to.Matches(t.lang)) target = &t;
    }
    if (!target) continue;
    std::string comment = OmegaTCell(c.note.empty() ? target->usage_note : c.note);
    for (const Term& s : c.terms) {
      if (!from.Matches(s.lang)) continue;
      out += OmegaTCell(s.text) + "\t" + OmegaTCell(target->text);
      if (!comment.empty()) out += "\t" + comment;
      out.push_back('\n');
    }
  }
  return out;
}

std::string TmkitText(const std::vector<Concept>& concepts, bool csv) {
  std::vector<std::string> langs;
  for (const Concept& c : concepts) {
    for (const Term& t : c.terms) {
      if (t.lang.empty()) ThrowInput("concept \"" + c.id + "\": the term \"" + t.text + "\" has no language");
      if (std::find(langs.begin(), langs.end(), t.lang) == langs.end()) langs.push_back(t.lang);
    }
  }
  bool need_definition_lang = false, need_concept_note = false;
  for (const Concept& c : concepts) {
    if (c.terms.empty()) continue;
    if (!c.definition.empty() && c.definition_lang != langs[0]) need_definition_lang = true;
    if (!c.note.empty()) need_concept_note = true;
  }
  auto cellf = csv ? CsvCell : TsvCell;
  const char sep = csv ? ',' : '\t';
  std::string out;
  auto emit = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out.push_back(sep);
      out += cellf(cells[i]);
    }
    out.push_back('\n');
  };
  std::vector<std::string> header = {"id"};
  header.insert(header.end(), langs.begin(), langs.end());
  for (const char* name : {"status", "type", "pos", "case", "subject", "definition"}) header.push_back(name);
  if (need_definition_lang) header.push_back("definition_lang");
  header.push_back("note");
  if (need_concept_note) header.push_back("concept_note");
  emit(header);

  std::set<std::string> used, written;
  for (const Concept& c : concepts) used.insert(c.id);
  size_t next = 1;
  const size_t nl = langs.size();
  for (const Concept& c : concepts) {
    if (c.terms.empty()) continue;
    // Per language, the concept's terms in order.
    std::vector<std::vector<const Term*>> queues(nl);
    for (const Term& t : c.terms) {
      queues[static_cast<size_t>(std::find(langs.begin(), langs.end(), t.lang) - langs.begin())].push_back(&t);
    }
    std::vector<size_t> heads(nl, 0);
    std::vector<std::vector<const Term*>> rows;
    while (true) {
      std::vector<const Term*> row(nl, nullptr);
      const Term* key = nullptr;
      for (size_t l = 0; l < nl; ++l) {
        if (heads[l] >= queues[l].size()) continue;
        const Term* t = queues[l][heads[l]];
        if (key && std::tie(t->status, t->term_type, t->part_of_speech, t->case_sensitive, t->usage_note) !=
                       std::tie(key->status, key->term_type, key->part_of_speech, key->case_sensitive,
                                key->usage_note)) {
          continue;
        }
        if (!key) key = t;
        row[l] = t;
        ++heads[l];
      }
      if (!key) break;
      rows.push_back(std::move(row));
    }
    std::string id = c.id;
    if ((id.empty() && rows.size() > 1) || (!id.empty() && written.count(id))) {
      do {
        id = "c" + std::to_string(next++);
      } while (used.count(id));
      used.insert(id);
    }
    written.insert(id);
    for (size_t r = 0; r < rows.size(); ++r) {
      const Term* key = nullptr;
      std::vector<std::string> cells = {id};
      for (const Term* t : rows[r]) {
        cells.push_back(t ? t->text : "");
        if (!key) key = t;
      }
      cells.push_back(std::string(TermStatusName(key->status)));
      cells.push_back(key->term_type);
      cells.push_back(key->part_of_speech);
      cells.push_back(key->case_sensitive ? "yes" : "");
      cells.push_back(r == 0 ? c.subject : "");
      cells.push_back(r == 0 ? c.definition : "");
      if (need_definition_lang) {
        std::string dl = c.definition_lang.empty() ? "und" : c.definition_lang;
        cells.push_back(r == 0 && !c.definition.empty() ? dl : "");
      }
      cells.push_back(key->usage_note);
      if (need_concept_note) cells.push_back(r == 0 ? c.note : "");
      emit(cells);
    }
  }
  return out;
}

}  // namespace

std::vector<Concept> ParseTermTable(std::string_view text, const std::string& file,
                                    const TermTableOptions& options) {
  TableParser parser(text, file, options);
  return parser.Parse();
}

std::vector<Concept> ReadTermTable(const std::string& path, const TermTableOptions& options) {
  std::string encoding = options.encoding;
  if (encoding.empty() && options.style == TableStyle::kOmegaT) encoding = MagicCoding(path);
  Utf8Source source(path, /*sniff_xml_declaration=*/false, encoding);
  std::string text;
  while (source.Read(&text, 1 << 20)) {
  }
  if (options.warnings) {
    options.warnings->insert(options.warnings->end(), source.warnings().begin(), source.warnings().end());
  }
  return ParseTermTable(text, path, options);
}

std::string TermTableText(const std::vector<Concept>& concepts, const TermTableOptions& options) {
  if (options.style == TableStyle::kOmegaT) return OmegaTText(concepts, options);
  return TmkitText(concepts, options.style == TableStyle::kCsv);
}

void WriteTermTable(const std::string& path, const std::vector<Concept>& concepts,
                    const TermTableOptions& options) {
  WriteOutputFile(path, TermTableText(concepts, options));
}

}  // namespace tmkit
