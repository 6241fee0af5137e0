// tmkit export OUT.tmx: the store as TMX 1.4b.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/commands.h"
#include "text/lang_tag.h"
#include "tm/export_tmx.h"
#include "util/error.h"

namespace tmkit::cli {

void AddExport(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::string out;
    std::vector<std::string> langs;
    std::string srclang;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "export", "Export the store as TMX 1.4b (UTF-8)",
      "  tmkit export all.tmx\n"
      "  tmkit export en-zh.tmx --langs en,zh --srclang en\n"
      "  tmkit export - --langs ko | less\n"
      "A file is written under a temporary name and moved into place when complete (through a\n"
      "symlink, onto its target; its mode is kept); a FIFO or a device is written into.");
  sub->add_option("OUT", a->out, "output file, or - for standard output")->required();
  sub->add_option("--langs", a->langs, "languages to keep (zh keeps zh-CN, zh-TW, ...)")
      ->delimiter(',');
  sub->add_option("--srclang", a->srclang,
                  "source language, in the header; a unit's variant in it comes first, its tag the "
                  "unit's srclang");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      ExportOptions options;
      for (const std::string& l : a->langs) options.langs.push_back(RequireLanguage(l, "--langs"));
      if (!a->srclang.empty()) options.srclang = RequireLanguage(a->srclang, "--srclang");
      auto store = OpenForReading(g);
      auto snapshot = store->Read();
      Progress progress(g);
      ExportReport r = ExportTmx(*store, *snapshot, a->out, options, [&](uint64_t done, uint64_t total) {
        progress.Update("exporting", total ? double(done) / double(total) : -1, done, "units");
      });
      progress.Clear();
      double rate = r.seconds > 0 ? double(r.units_written) / r.seconds : 0;
      if (g.json() && a->out != "-") {
        nlohmann::json j = {{"file", a->out},
                            {"units_written", r.units_written},
                            {"units_skipped", r.units_skipped},
                            {"seconds", r.seconds}};
        std::printf("%s\n", j.dump().c_str());
      } else if (!g.quiet) {
        std::fprintf(a->out == "-" ? stderr : stdout,
                     "exported %llu unit%s (%llu skipped) to %s; %.2f s (%.0f units/s)\n",
                     (unsigned long long)r.units_written, r.units_written == 1 ? "" : "s",
                     (unsigned long long)r.units_skipped,
                     a->out.c_str(), r.seconds, rate);
      }
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
