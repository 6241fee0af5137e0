// tmkit export-omegat PROJECT_DIR: a language pair of the store into an OmegaT project
// (tm/tmkit.tmx, tm/auto/tmkit-exact.tmx with --auto, glossary/tmkit.txt).
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/commands.h"
#include "tm/export_omegat.h"
#include "util/error.h"

namespace tmkit::cli {

void AddExportOmegaT(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::string project, from, to;
    bool auto_tm = false;
    double min_score = 0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "export-omegat",
      "Write a language pair of the store into an OmegaT project: memory, auto memory, glossary",
      "  tmkit export-omegat ~/omegat/war-article --from en --to zh-CN --auto\n"
      "  tmkit export-omegat ~/omegat/war-article            # languages from its omegat.project\n"
      "  tmkit export-omegat proj --from en --to ko --auto --min-score 60 --format json\n"
      "Writes PROJECT_DIR/tm/tmkit.tmx (reference matches), with --auto tm/auto/tmkit-exact.tmx\n"
      "(OmegaT fills untranslated segments from it: units whose source has one target, without\n"
      "inline codes) and glossary/tmkit.txt (acceptable terms of the term base). Folders are\n"
      "created when missing; each file is written under a temporary name and renamed.");
  sub->add_option("PROJECT_DIR", a->project, "the OmegaT project folder (created when missing)")
      ->required();
  sub->add_option("--from", a->from, "source language (default: the project's source_lang)");
  sub->add_option("--to", a->to, "target language as the project names it, e.g. zh-CN (default: its target_lang)");
  sub->add_flag("--auto", a->auto_tm, "also write tm/auto/tmkit-exact.tmx, applied by OmegaT on load");
  sub->add_option("--min-score", a->min_score,
                  "with --auto: leave out aligned units whose x-align-score is below this (0-100)")
      ->check(CLI::Range(0.0, 100.0));
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      OmegaTExportOptions o;
      if (!a->from.empty()) o.source_lang = RequireLanguage(a->from, "--from");
      if (!a->to.empty()) o.target_lang = RequireLanguage(a->to, "--to");
      OmegaTProjectLanguages langs;
      bool has_project = ReadOmegaTProjectLanguages(a->project, &langs);
      if (!has_project && (o.source_lang.empty() || o.target_lang.empty())) {
        ThrowUsage("--from and --to are required (" + a->project + " has no omegat.project)");
      }
      if (o.source_lang.empty()) o.source_lang = langs.source;
      if (o.target_lang.empty()) o.target_lang = langs.target;
      if (has_project && (o.source_lang != langs.source || o.target_lang != langs.target)) {
        Warn("the project's languages are " + langs.source + " -> " + langs.target + ", not " +
             o.source_lang + " -> " + o.target_lang + ": OmegaT matches units by its own");
      }
      if (o.source_lang == o.target_lang) ThrowUsage("--from and --to are the same language");
      if (a->min_score > 0 && !a->auto_tm) ThrowUsage("--min-score applies to --auto only");
      o.auto_tm = a->auto_tm;
      o.auto_min_score = a->min_score;
      auto store = OpenForReading(g);
      OmegaTExportReport r;
      {
        auto snapshot = store->Read();
        r = ExportOmegaT(*store, *snapshot, a->project, o);
      }
      if (r.stale_auto_file) {
        Warn(a->project + "/tm/auto/tmkit-exact.tmx is from an earlier export with --auto; OmegaT "
             "still applies it (delete it, or export with --auto)");
      }
      if (g.json()) {
        nlohmann::json j = {{"project", a->project},
                            {"source_lang", o.source_lang},
                            {"target_lang", o.target_lang},
                            {"units", r.units},
                            {"units_skipped", r.units_skipped},
                            {"concepts", r.concepts},
                            {"terms", r.terms},
                            {"terms_left_out", r.terms_left_out},
                            {"files", r.files},
                            {"seconds", r.seconds}};
        if (o.auto_tm) {
          j["auto_units"] = r.auto_units;
          j["auto_ambiguous"] = r.auto_ambiguous;
          j["auto_markup"] = r.auto_markup;
          j["auto_low_score"] = r.auto_low_score;
        }
        std::printf("%s\n", j.dump().c_str());
      } else if (!g.quiet) {
        std::fprintf(stderr, "%s -> %s: %llu units (%llu stored units not in the pair)", o.source_lang.c_str(),
                     o.target_lang.c_str(), (unsigned long long)r.units, (unsigned long long)r.units_skipped);
        if (o.auto_tm) {
          std::fprintf(stderr, ", %llu applied automatically (left out: %llu with several targets, %llu "
                       "with inline codes, %llu below --min-score)",
                       (unsigned long long)r.auto_units, (unsigned long long)r.auto_ambiguous,
                       (unsigned long long)r.auto_markup, (unsigned long long)r.auto_low_score);
        }
        std::fprintf(stderr, "; %llu terms of %llu concepts (%llu deprecated or forbidden left out)\n",
                     (unsigned long long)r.terms, (unsigned long long)r.concepts,
                     (unsigned long long)r.terms_left_out);
        for (const std::string& f : r.files) std::fprintf(stderr, "  wrote %s\n", f.c_str());
      }
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
