// tmkit term: the store's term base. import and export (TBX v2/v3, CSV, TSV, OmegaT), add,
// list, search (prefix and fuzzy, any language) and lookup (the terms found in a text).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "glossary/term_base.h"
#include "glossary/term_file.h"
#include "glossary/term_lookup.h"
#include "server/result_json.h"
#include "text/lang_match.h"
#include "text/lang_tag.h"
#include "util/error.h"

namespace tmkit::cli {

namespace {

std::string TermText(const Term& t) {
  std::string s = t.lang + " " + t.text;
  if (t.status != TermStatus::kUnspecified) s += " [" + std::string(TermStatusName(t.status)) + "]";
  return s;
}

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

TermFileOptions FileOptions(const std::string& path, const std::string& as, const std::string& encoding,
                            const std::string& from, const std::string& to, bool reading) {
  TermFileOptions o;
  o.encoding = encoding;
  if (!from.empty()) o.from_lang = RequireLanguage(from, "--from");
  if (!to.empty()) o.to_lang = RequireLanguage(to, "--to");
  o.format = reading ? DetectTermFormat(path, as, encoding) : TermFormatFor(path, as);
  return o;
}

}  // namespace

void AddTermCommands(CLI::App& app, GlobalOptions& g, Runner* run) {
  CLI::App* term = AddSubcommand(
      app, g, "term", "The term base: import, export, add, list, search, lookup",
      "  tmkit term import glossaries/korean-war.tbx\n"
      "  tmkit term lookup \"The Chinese People's Volunteers held Shangganling.\" --from en --to zh,ko\n"
      "  tmkit term search volunter\n"
      "  tmkit term export out.tbx --as tbx3");
  term->require_subcommand(1, 1);

  // import
  struct ImportArgs {
    std::vector<std::string> files;
    std::string as, encoding, from, to;
  };
  auto ia = std::make_shared<ImportArgs>();
  CLI::App* imp = AddSubcommand(*term, g, "import",
                                "Import term files (TBX v2 or v3, CSV, TSV, OmegaT glossary) into the store",
                                "  tmkit term import glossaries/korean-war.tbx\n"
                                "  tmkit term import omegat.txt --from en --to zh-CN");
  imp->add_option("files", ia->files, "Term files")->required();
  imp->add_option("--as", ia->as, "Format: tbx2, tbx3, csv, tsv, omegat (default: from the name)");
  imp->add_option("--encoding", ia->encoding, "Encoding of the files (default: detected)");
  imp->add_option("--from", ia->from, "Source language of a bilingual table (OmegaT)");
  imp->add_option("--to", ia->to, "Target language of a bilingual table (OmegaT)");
  imp->callback([&g, run, ia] {
    *run = [&g, ia] {
      // Read every file first: a bad one stores nothing.
      std::vector<Concept> all;
      for (const std::string& f : ia->files) {
        std::vector<std::string> warnings;
        TermFileOptions o = FileOptions(f, ia->as, ia->encoding, ia->from, ia->to, true);
        o.warnings = &warnings;
        std::vector<Concept> concepts = ReadTermFile(f, o);
        for (const std::string& w : warnings) Warn(f + ": " + w);
        all.insert(all.end(), std::make_move_iterator(concepts.begin()), std::make_move_iterator(concepts.end()));
      }
      auto store = OpenForWriting(g);
      TermImportStats s = StoreConcepts(*store, all);
      if (g.json()) {
        nlohmann::json j = {{"concepts", all.size()}, {"terms", s.terms}, {"added", s.added},
                            {"updated", s.updated}, {"unchanged", s.unchanged}};
        std::printf("%s\n", j.dump(2).c_str());
      } else if (!g.quiet) {
        std::fprintf(stderr, "imported %zu concepts (%zu terms): %zu added, %zu updated, %zu unchanged into %s\n",
                     all.size(), s.terms, s.added, s.updated, s.unchanged, store->path().c_str());
      }
      return kExitOk;
    };
  });

  // export
  struct ExportArgs {
    std::string file, as, langs, from, to;
  };
  auto ea = std::make_shared<ExportArgs>();
  CLI::App* exp = AddSubcommand(*term, g, "export", "Write the term base to a file",
                                "  tmkit term export out.tbx\n  tmkit term export out.tbx --as tbx3\n"
                                "  tmkit term export glossary.txt --as omegat --from en --to zh-CN");
  exp->add_option("file", ea->file, "Output file (- for standard output)")->required();
  exp->add_option("--as", ea->as, "Format: tbx2, tbx3, csv, tsv, omegat (default: from the name)");
  exp->add_option("--langs", ea->langs, "Only terms in these languages (comma-separated)");
  exp->add_option("--from", ea->from, "Source language (OmegaT)");
  exp->add_option("--to", ea->to, "Target language (OmegaT)");
  exp->callback([&g, run, ea] {
    *run = [&g, ea] {
      TermFileOptions o = FileOptions(ea->file, ea->as, "", ea->from, ea->to, false);
      auto store = OpenForReading(g);
      std::vector<Concept> concepts = LoadConcepts(*store->Read());
      if (!ea->langs.empty()) {
        std::vector<LangRequest> keep;
        for (const std::string& l : SplitList(ea->langs)) keep.emplace_back(RequireLanguage(l, "--langs"));
        for (Concept& c : concepts) {
          std::erase_if(c.terms, [&](const Term& t) {
            return std::none_of(keep.begin(), keep.end(), [&](const LangRequest& r) { return r.Matches(t.lang); });
          });
        }
        std::erase_if(concepts, [](const Concept& c) { return c.terms.empty(); });
      }
      WriteTermFile(ea->file, concepts, o);
      if (!g.quiet && ea->file != "-") {
        std::fprintf(stderr, "exported %zu concepts to %s (%s)\n", concepts.size(), ea->file.c_str(),
                     std::string(TermFormatName(*o.format)).c_str());
      }
      return kExitOk;
    };
  });

  // add
  struct AddArgs {
    std::string text, lang, id, status, pos, type, note;
    bool case_sensitive = false;
  };
  auto aa = std::make_shared<AddArgs>();
  CLI::App* add = AddSubcommand(*term, g, "add", "Add a term to a concept (a new one unless --id names one)",
                                "  tmkit term add 中国人民志愿军 --lang zh-Hans --id c001 --status preferred\n"
                                "  tmkit term add CCTV --lang en --case-sensitive");
  add->add_option("text", aa->text, "The term")->required();
  add->add_option("--lang", aa->lang, "Its language")->required();
  add->add_option("--id", aa->id, "The concept (created when absent)");
  add->add_option("--status", aa->status, "preferred, admitted, deprecated, superseded or forbidden");
  add->add_option("--pos", aa->pos, "Part of speech (noun, properNoun, verb...)");
  add->add_option("--type", aa->type, "Term type (fullForm, acronym, abbreviation, variant...)");
  add->add_option("--note", aa->note, "Usage note");
  add->add_flag("--case-sensitive", aa->case_sensitive, "Match the term's case exactly");
  add->callback([&g, run, aa] {
    *run = [&g, aa] {
      Term t;
      t.lang = RequireLanguage(aa->lang, "--lang");
      t.text = aa->text;
      if (!aa->status.empty() && !ParseTermStatus(aa->status, &t.status)) {
        ThrowUsage("--status must be preferred, admitted, deprecated, superseded or forbidden, not '" +
                   aa->status + "'");
      }
      t.part_of_speech = aa->pos;
      t.term_type = aa->type;
      t.usage_note = aa->note;
      t.case_sensitive = aa->case_sensitive;
      auto store = OpenForWriting(g);
      std::string id = tmkit::AddTerm(*store, aa->id, t);
      if (g.json()) {
        std::printf("%s\n", nlohmann::json({{"id", id}, {"term", TermJson(t)}}).dump(2).c_str());
      } else if (!g.quiet) {
        std::fprintf(stderr, "added %s to concept %s\n", TermText(t).c_str(), id.c_str());
      }
      return kExitOk;
    };
  });

  // list
  struct ListArgs {
    std::string lang;
    size_t limit = 0;
  };
  auto la = std::make_shared<ListArgs>();
  CLI::App* list = AddSubcommand(*term, g, "list", "List the concepts of the term base",
                                 "  tmkit term list\n  tmkit term list --lang ko --limit 10 --format json");
  list->add_option("--lang", la->lang, "Only concepts with a term in this language");
  list->add_option("--limit", la->limit, "At most this many concepts (0: all)");
  list->callback([&g, run, la] {
    *run = [&g, la] {
      auto store = OpenForReading(g);
      std::vector<Concept> concepts = LoadConcepts(*store->Read());
      std::optional<LangRequest> lang;
      if (!la->lang.empty()) lang.emplace(RequireLanguage(la->lang, "--lang"));
      nlohmann::json out = nlohmann::json::array();
      size_t shown = 0;
      for (const Concept& c : concepts) {
        if (lang && std::none_of(c.terms.begin(), c.terms.end(), [&](const Term& t) { return lang->Matches(t.lang); })) {
          continue;
        }
        if (la->limit && shown >= la->limit) break;
        ++shown;
        if (g.json()) {
          out.push_back(ConceptJson(c));
          continue;
        }
        std::printf("%s", c.id.c_str());
        if (!c.subject.empty()) std::printf("  (%s)", c.subject.c_str());
        std::printf("\n");
        for (const Term& t : c.terms) std::printf("  %s\n", TermText(t).c_str());
      }
      if (g.json()) std::printf("%s\n", out.dump(2).c_str());
      return kExitOk;
    };
  });

  // search
  struct SearchArgs {
    std::string word, lang;
    size_t limit = 20;
  };
  auto sa = std::make_shared<SearchArgs>();
  CLI::App* search = AddSubcommand(*term, g, "search", "Terms that start with a word or are like it, in any language",
                                   "  tmkit term search volunter\n  tmkit term search 志愿\n"
                                   "  tmkit term search 판문 --lang ko --format json");
  search->add_option("word", sa->word, "What to look for")->required();
  search->add_option("--lang", sa->lang, "Only terms in this language");
  search->add_option("--limit", sa->limit, "At most this many terms (default 20)");
  search->callback([&g, run, sa] {
    *run = [&g, sa] {
      if (sa->word.empty()) ThrowUsage("the word to search for is empty");
      auto store = OpenForReading(g);
      std::vector<Concept> concepts = LoadConcepts(*store->Read());
      std::string lang = sa->lang.empty() ? "" : RequireLanguage(sa->lang, "--lang");
      std::vector<TermSearchHit> hits = SearchTerms(concepts, sa->word, lang, sa->limit);
      if (g.json()) {
        nlohmann::json out = nlohmann::json::array();
        for (const TermSearchHit& h : hits) {
          nlohmann::json j = TermJson(h.entry->terms[h.term]);
          j["score"] = h.score;
          j["concept"] = ConceptJson(*h.entry);
          out.push_back(j);
        }
        std::printf("%s\n", out.dump(2).c_str());
        return kExitOk;
      }
      for (const TermSearchHit& h : hits) {
        std::printf("%5.1f  %s  (%s:", h.score, TermText(h.entry->terms[h.term]).c_str(), h.entry->id.c_str());
        for (const Term& t : h.entry->terms) {
          if (&t != &h.entry->terms[h.term]) std::printf(" %s", t.text.c_str());
        }
        std::printf(")\n");
      }
      return kExitOk;
    };
  });

  // lookup
  struct LookupArgs {
    std::string text, from, to, glossary;
  };
  auto lk = std::make_shared<LookupArgs>();
  CLI::App* lookup = AddSubcommand(
      *term, g, "lookup", "Every glossary term found in a text, where, and its renderings with their status",
      "  tmkit term lookup \"The Chinese People's Volunteers' victory at Shangganling\" --from en --to zh,ko\n"
      "  tmkit term lookup \"중국인민지원군의 상감령 전투\" --from ko --format json");
  lookup->add_option("text", lk->text, "The text")->required();
  lookup->add_option("--from", lk->from, "Language of the text")->required();
  lookup->add_option("--to", lk->to, "Show renderings in these languages (comma-separated; default all)");
  lookup->add_option("--glossary", lk->glossary, "Use this term file instead of the store's term base");
  lookup->callback([&g, run, lk] {
    *run = [&g, lk] {
      if (lk->text.empty()) ThrowUsage("the text to look up is empty");
      std::string from = RequireLanguage(lk->from, "--from");
      std::vector<std::string> to;
      for (const std::string& l : SplitList(lk->to)) to.push_back(RequireLanguage(l, "--to"));
      std::vector<Concept> concepts;
      if (!lk->glossary.empty()) {
        concepts = ReadTermFile(lk->glossary, {});
      } else {
        concepts = LoadConcepts(*OpenForReading(g)->Read());
      }
      TermLookup terms(std::move(concepts));
      nlohmann::json out = nlohmann::json::array();
      for (const TermFound& f : terms.Find(lk->text, from, to)) {
        std::string matched = lk->text.substr(f.begin, f.end - f.begin);
        if (g.json()) {
          out.push_back(TermFoundJson(f, lk->text));
          continue;
        }
        std::printf("%s  at %zu  %s  (%s)\n", matched.c_str(), f.begin, TermText(*f.term).c_str(),
                    f.entry->id.c_str());
        for (const Term* t : f.renderings) std::printf("    %s\n", TermText(*t).c_str());
      }
      if (g.json()) std::printf("%s\n", out.dump(2).c_str());
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
