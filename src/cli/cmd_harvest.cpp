// tmkit harvest FILE.xlf...: the translated segments of XLIFF files into the store.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>

#include "cli/commands.h"
#include "tm/harvest.h"
#include "util/error.h"
#include "xliff/xliff_document.h"

namespace tmkit::cli {

void AddHarvest(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::vector<std::string> files;
    std::string states = "translated,final,signed-off", on_duplicate = "merge", from, to;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "harvest", "Store the translated segments of XLIFF 1.2 or 2.x files",
      "  tmkit harvest job.done.xlf\n"
      "  tmkit harvest job.xlf --state final,signed-off --on-duplicate replace\n"
      "States are XLIFF 1.2 names (translated, final, signed-off...) or 2.x ones (translated,\n"
      "reviewed, final); 2.x reviewed also answers to signed-off, and a 1.2 target without a\n"
      "state counts as translated. All files are read before anything is stored.");
  sub->add_option("FILE", a->files, "XLIFF files")->required()->check(CLI::ExistingFile);
  sub->add_option("--state", a->states, "target states to take (default translated,final,signed-off)");
  sub->add_option("--on-duplicate", a->on_duplicate,
                  "merge (default), keep or replace, as for import")
      ->check(CLI::IsMember({"merge", "keep", "replace"}));
  sub->add_option("--from", a->from, "source language, instead of the file's");
  sub->add_option("--to", a->to, "target language, instead of the file's");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      XliffDocument::Options lo;
      if (!a->from.empty()) lo.from = RequireLanguage(a->from, "--from");
      if (!a->to.empty()) lo.to = RequireLanguage(a->to, "--to");
      HarvestOptions o;
      o.states.clear();
      std::stringstream list(a->states);
      for (std::string s; std::getline(list, s, ',');) {
        if (!s.empty()) o.states.push_back(s);
      }
      if (o.states.empty()) ThrowUsage("--state: give at least one state");
      o.on_duplicate = a->on_duplicate == "keep"      ? DuplicatePolicy::kKeep
                       : a->on_duplicate == "replace" ? DuplicatePolicy::kReplace
                                                      : DuplicatePolicy::kMerge;
      std::vector<std::unique_ptr<XliffDocument>> docs;
      std::vector<const XliffDocument*> list_ptrs;
      for (const std::string& f : a->files) {
        docs.push_back(XliffDocument::Load(f, lo));
        list_ptrs.push_back(docs.back().get());
      }
      auto store = OpenForWriting(g);
      HarvestReport r = Harvest(*store, list_ptrs, o);
      if (g.json()) {
        nlohmann::json j = {{"files", a->files},         {"segments", r.segments},
                            {"units", r.units},          {"added", r.added},
                            {"merged", r.merged},        {"unchanged", r.unchanged},
                            {"replaced", r.replaced},    {"untranslated", r.untranslated},
                            {"other_state", r.other_state}, {"store", store->path()}};
        std::printf("%s\n", j.dump().c_str());
      } else if (!g.quiet) {
        std::printf("harvested %llu of %llu segments: %llu added, %llu merged, %llu unchanged, "
                    "%llu replaced; %llu untranslated, %llu in other states; into %s\n",
                    (unsigned long long)r.units, (unsigned long long)r.segments,
                    (unsigned long long)r.added, (unsigned long long)r.merged,
                    (unsigned long long)r.unchanged, (unsigned long long)r.replaced,
                    (unsigned long long)r.untranslated, (unsigned long long)r.other_state,
                    store->path().c_str());
      }
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
