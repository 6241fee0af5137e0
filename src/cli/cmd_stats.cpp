// tmkit stats: what the store holds.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/commands.h"

namespace tmkit::cli {

void AddStats(CLI::App& app, GlobalOptions& g, Runner* run) {
  CLI::App* sub = AddSubcommand(app, g, "stats",
                                "Units, languages, language pairs and size of the store",
                                "  tmkit stats\n  tmkit --db ~/tm stats --format json");
  sub->callback([&g, run] {
    *run = [&g] {
      auto store = OpenForReading(g);
      auto snap = store->Read();
      auto langs = snap->Languages();
      auto pairs = snap->LanguagePairs();
      if (g.json()) {
        nlohmann::json j;
        j["store"] = store->path();
        j["units"] = snap->UnitCount();
        j["bytes"] = store->DiskSize();
        j["languages"] = nlohmann::json::array();
        for (const auto& l : langs) j["languages"].push_back({{"lang", l.lang}, {"variants", l.variants}});
        j["pairs"] = nlohmann::json::array();
        for (const auto& p : pairs) {
          j["pairs"].push_back({{"langs", {p.first, p.second}}, {"units", p.units}});
        }
        std::printf("%s\n", j.dump(2).c_str());
        return kExitOk;
      }
      std::printf("store      %s (%s on disk)\n", store->path().c_str(),
                  HumanBytes(store->DiskSize()).c_str());
      std::printf("units      %llu\n", (unsigned long long)snap->UnitCount());
      std::printf("languages ");
      for (const auto& l : langs) std::printf(" %s (%llu)", l.lang.c_str(), (unsigned long long)l.variants);
      std::printf("\npairs     ");
      for (const auto& p : pairs) {
        std::printf(" %s/%s (%llu)", p.first.c_str(), p.second.c_str(), (unsigned long long)p.units);
      }
      std::printf("\n");
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
