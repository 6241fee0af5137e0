// tmkit check [FILE]: glossary enforcement over a TMX or XLIFF file or the store, with an
// optional corrected copy (--fix) and consistency warnings.
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "glossary/document_check.h"
#include "glossary/term_base.h"
#include "glossary/term_check.h"
#include "glossary/term_file.h"
#include "server/result_json.h"
#include "text/lang_tag.h"
#include "util/error.h"

namespace tmkit::cli {

void AddCheck(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::string file, glossary, glossary_format, from, fix;
    std::vector<std::string> to;
    bool strict = false, consistency = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "check", "Check translations against a glossary: missing, deprecated, forbidden terms",
      "  tmkit check tmx/shangganling.en-zh-ko.tmx --glossary glossaries/korean-war.tbx\n"
      "  tmkit check job.xlf --glossary terms.tsv --strict --format json\n"
      "  tmkit check --consistency                       # the store, with its term base\n"
      "  tmkit check memory.tmx --glossary terms.tbx --fix fixed.tmx --to ko\n"
      "Errors: a source term whose concept has no acceptable rendering in the target\n"
      "(missing), or has a deprecated or forbidden one; --strict warns about admitted ones,\n"
      "--consistency about terms and identical segments rendered differently across units.\n"
      "Offsets count characters of the plain text. Exit status 1 when there is an error.");
  sub->add_option("FILE", a->file,
                  "a TMX or XLIFF (.xlf, .xliff, .sdlxliff) file; none: the store's units");
  sub->add_option("--glossary", a->glossary,
                  "a term file (TBX, CSV, TSV, OmegaT) instead of the store's term base");
  sub->add_option("--glossary-format", a->glossary_format,
                  "the term file's format when its name does not say (tbx, csv, tsv, omegat)");
  sub->add_option("--from", a->from,
                  "source language (default: the unit's srclang, the file's, else en)");
  sub->add_option("--to", a->to, "target languages (default: all the others)")->delimiter(',');
  sub->add_flag("--strict", a->strict, "warn when only an admitted rendering is used");
  sub->add_flag("--consistency", a->consistency,
                "warn about terms and identical segments translated differently across units");
  sub->add_option("--fix", a->fix,
                  "write a copy (TMX) with deprecated and forbidden renderings replaced");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      TermCheckOptions o;
      if (!a->from.empty()) o.from = RequireLanguage(a->from, "--from");
      for (const std::string& t : a->to) o.to.push_back(RequireLanguage(t, "--to"));
      o.strict = a->strict;
      o.consistency = a->consistency;
      bool xliff = !a->file.empty() && DocumentKindOfPath(a->file) == DocumentKind::kXliff;
      if (!a->fix.empty() && xliff) ThrowUsage("--fix writes TMX: it takes a TMX file or the store");
      if (a->fix == "-") ThrowUsage("--fix needs a file name");

      // The glossary: the file given, else the store's term base.
      std::vector<Concept> concepts;
      std::unique_ptr<Store> store;
      std::unique_ptr<Snapshot> snap;
      if (a->file.empty() || a->glossary.empty()) {
        store = OpenForReading(g);
        snap = store->Read();
      }
      std::string glossary_name;
      if (!a->glossary.empty()) {
        TermFileOptions fo;
        if (!a->glossary_format.empty()) fo.format = TermFormatFor(a->glossary, a->glossary_format);
        if (!o.from.empty()) fo.from_lang = o.from;
        if (o.to.size() == 1) fo.to_lang = o.to[0];
        concepts = ReadTermFile(a->glossary, fo);
        glossary_name = a->glossary;
      } else {
        concepts = LoadConcepts(*snap);
        glossary_name = "the store's term base";
      }
      if (concepts.empty() && !a->consistency) {
        ThrowUsage(a->glossary.empty()
                       ? "the store's term base is empty: give --glossary FILE (or --consistency)"
                       : a->glossary + ": no concepts");
      }

      DocumentCheckOptions dco;
      dco.check = o;
      dco.fix_path = a->fix;
      DocumentCheckResult r =
          a->file.empty() ? CheckStoreUnits(*snap, std::move(concepts), dco)
                          : CheckDocument(a->file, xliff ? DocumentKind::kXliff : DocumentKind::kTmx,
                                          std::move(concepts), dco);
      if (g.json()) {
        std::printf("%s\n", CheckReportJson(r, a->fix).dump(2).c_str());
      } else {
        for (const Finding& f : r.findings) std::printf("%s\n", FindingLine(f).c_str());
        for (const Finding& f : r.unfixed) Warn("not fixed: " + FindingLine(f) + " (" + f.note + ")");
        if (!g.quiet) {
          std::fprintf(stderr, "%llu units (%zu checked) against %s (%zu concepts): %zu errors, %zu warnings\n",
                       (unsigned long long)r.units, r.checked, glossary_name.c_str(), r.concepts, r.errors,
                       r.warnings);
          if (r.skipped) {
            Warn(std::to_string(r.skipped) + " units have no variant in the source language and were not checked");
          }
          if (!a->fix.empty()) {
            std::fprintf(stderr, "%s: %zu replacements%s\n", a->fix.c_str(), r.replacements,
                         r.unfixed.empty() ? "" : (", " + std::to_string(r.unfixed.size()) + " not fixed").c_str());
          }
        }
      }
      return r.errors ? kExitFindings : kExitOk;
    };
  });
}

}  // namespace tmkit::cli
