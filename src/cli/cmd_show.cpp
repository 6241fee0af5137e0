// tmkit show: prints the units of the store, their languages and plain text.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/commands.h"
#include "tmx/seg.h"

namespace tmkit::cli {

namespace {

nlohmann::json AttrsJson(const Attrs& attrs) {
  nlohmann::json j = nlohmann::json::object();
  for (const Attr& a : attrs) j[a.name] = a.value;
  return j;
}

nlohmann::json AnnotationsJson(const std::vector<Annotation>& list) {
  nlohmann::json j = nlohmann::json::array();
  for (const Annotation& a : list) {
    j.push_back({{"kind", a.kind == Annotation::Kind::kProp ? "prop" : "note"},
                 {"attrs", AttrsJson(a.attrs)},
                 {"text", a.text}});
  }
  return j;
}

}  // namespace

nlohmann::json UnitJson(const Unit& u) {
  nlohmann::json j = {{"unit", u.id}, {"attrs", AttrsJson(u.attrs)},
                      {"annotations", AnnotationsJson(u.annotations)}};
  if (const std::string* tuid = u.attr("tuid")) j["tuid"] = *tuid;
  j["variants"] = nlohmann::json::array();
  for (const Variant& v : u.variants) {
    j["variants"].push_back({{"lang", v.lang},
                             {"text", SegPlainText(v.seg)},
                             {"seg", v.seg},
                             {"attrs", AttrsJson(v.attrs)},
                             {"annotations", AnnotationsJson(v.annotations)}});
  }
  return j;
}

void AddShow(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    uint64_t limit = 20;
    uint64_t from = 1;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(app, g, "show", "Print units of the store",
                                "  tmkit show\n  tmkit show --from 100 --limit 5 --format json");
  sub->add_option("--limit", a->limit, "at most this many units (0: all)");
  sub->add_option("--from", a->from, "start at this unit id");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      auto store = OpenForReading(g);
      auto snap = store->Read();
      uint64_t n = 0;
      nlohmann::json all = nlohmann::json::array();
      snap->ForEachUnit(
          [&](const Unit& u) {
            if (a->limit && n >= a->limit) return false;
            ++n;
            if (g.json()) {
              all.push_back(UnitJson(u));
              return true;
            }
            const std::string* tuid = u.attr("tuid");
            std::printf("#%llu%s%s\n", (unsigned long long)u.id, tuid ? "  " : "",
                        tuid ? tuid->c_str() : "");
            for (const Variant& v : u.variants) {
              std::printf("  %-8s %s\n", v.lang.c_str(), SegPlainText(v.seg).c_str());
            }
            return true;
          },
          a->from);
      if (g.json()) std::printf("%s\n", all.dump(2).c_str());
      else if (!g.quiet) std::printf("(%llu of %llu units)\n", (unsigned long long)n,
                                     (unsigned long long)snap->UnitCount());
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
