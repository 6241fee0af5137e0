// tmkit pretranslate IN.xlf -o OUT.xlf: matches from the store into an XLIFF file.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/commands.h"
#include "tm/pretranslate.h"
#include "util/error.h"
#include "xliff/xliff_document.h"

namespace tmkit::cli {

void AddPretranslate(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::string in, out, fill = "exact", from, to;
    double min_score = 75;
    size_t limit = 3;
    bool any_variant = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "pretranslate",
      "Add translation-memory matches to an XLIFF 1.2 or 2.x file and fill exact ones",
      "  tmkit pretranslate job.xlf -o job.pre.xlf\n"
      "  tmkit pretranslate job.xlf -o job.pre.xlf --fill best --min-score 80\n"
      "  tmkit pretranslate strings.xlf -o out.xlf --from en --to ko --format json\n"
      "Matches become <alt-trans> (1.2) or <mtc:match> (2.x); --fill exact puts 100% matches\n"
      "into empty targets, best also the best fuzzy one (for review), none only adds matches.\n"
      "A target is filled only when the match's inline codes map onto the file's.");
  sub->add_option("IN", a->in, "the XLIFF file")->required()->check(CLI::ExistingFile);
  sub->add_option("-o,--output", a->out, "the file to write (- for standard output)")->required();
  sub->add_option("--min-score", a->min_score, "lowest score offered (default 75)")
      ->check(CLI::Range(0.0, 100.0));
  sub->add_option("--fill", a->fill, "exact (default), best or none")
      ->check(CLI::IsMember({"exact", "best", "none"}));
  sub->add_option("--from", a->from, "source language, instead of the file's");
  sub->add_option("--to", a->to, "target language, instead of the file's");
  sub->add_option("--limit", a->limit, "at most this many matches a segment (default 3)");
  sub->add_flag("--any-variant", a->any_variant, "let zh take traditional Chinese too, and likewise");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      XliffDocument::Options lo;
      if (!a->from.empty()) lo.from = RequireLanguage(a->from, "--from");
      if (!a->to.empty()) lo.to = RequireLanguage(a->to, "--to");
      PretranslateOptions o;
      o.min_score = a->min_score;
      o.limit = a->limit;
      o.any_variant = a->any_variant;
      o.fill = a->fill == "best"   ? PretranslateOptions::Fill::kBest
               : a->fill == "none" ? PretranslateOptions::Fill::kNone
                                   : PretranslateOptions::Fill::kExact;
      std::unique_ptr<XliffDocument> doc = XliffDocument::Load(a->in, lo);
      auto store = OpenForReading(g);
      PretranslateReport r;
      {
        auto snap = store->Read();
        r = Pretranslate(*snap, doc.get(), o);
      }
      doc->Save(a->out);
      if (g.json()) {
        nlohmann::json j = {{"file", a->in},         {"output", a->out},     {"version", doc->version()},
                            {"segments", r.segments}, {"exact", r.exact},     {"fuzzy", r.fuzzy},
                            {"none", r.none},         {"filled", r.filled},   {"not_mapped", r.not_mapped},
                            {"skipped", r.skipped}};
        std::fprintf(a->out == "-" ? stderr : stdout, "%s\n", j.dump().c_str());
      } else if (!g.quiet) {
        std::fprintf(stderr,
                     "%s: %llu segments: %llu exact, %llu fuzzy, %llu none; %llu targets filled%s\n",
                     a->in.c_str(), (unsigned long long)r.segments, (unsigned long long)r.exact,
                     (unsigned long long)r.fuzzy, (unsigned long long)r.none,
                     (unsigned long long)r.filled,
                     r.not_mapped ? (", " + std::to_string(r.not_mapped) +
                                     " not filled (inline codes could not be mapped)").c_str()
                                  : "");
      }
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
