// tmkit concordance TEXT --lang LANG: units whose variant contains TEXT, in context.
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>

#include "cli/commands.h"
#include "match/concordance.h"
#include "text/lang_tag.h"
#include "util/error.h"

namespace tmkit::cli {

namespace {

// The last (or first) n characters of s.
std::string Chars(const std::string& s, size_t n, bool from_end) {
  size_t count = 0, i = from_end ? s.size() : 0;
  if (from_end) {
    while (i > 0 && count < n) {
      --i;
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++count;
    }
    return (i > 0 ? "…" : "") + s.substr(i);
  }
  while (i < s.size() && count < n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++count;
  }
  return s.substr(0, i) + (i < s.size() ? "…" : "");
}

}  // namespace

void AddConcordance(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::string text, lang, in;
    size_t limit = 20;
    bool any_variant = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "concordance", "Units whose text in a language contains a word or phrase",
      "  tmkit concordance Shangganling --lang en\n"
      "  tmkit concordance 志愿军 --lang zh --in target --format json\n"
      "  tmkit concordance 상감령 --lang ko --limit 50\n"
      "Case, full-width/half-width forms, quotes and dashes do not matter; the text is found\n"
      "inside Chinese and Korean words too.");
  sub->add_option("TEXT", a->text, "the word or phrase")->required();
  sub->add_option("--lang", a->lang, "the language to search (zh takes zh-CN, zh-SG...)")->required();
  sub->add_option("--in", a->in, "source: only units whose source is in LANG; target: only "
                                 "units translated into LANG")
      ->check(CLI::IsMember({"source", "target"}));
  sub->add_option("--limit", a->limit, "at most this many units (default 20)");
  sub->add_flag("--any-variant", a->any_variant, "let zh take traditional Chinese too");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      std::string wanted = RequireLanguage(a->lang, "--lang");
      if (a->text.find_first_not_of(" \t") == std::string::npos) ThrowUsage("empty search text");
      if (a->text.size() > 10000) ThrowUsage("search text over 10,000 bytes");
      ConcordanceOptions o;
      o.lang = wanted;
      o.any_variant = a->any_variant;
      o.in_source = a->in == "source";
      o.in_target = a->in == "target";
      o.limit = a->limit;
      auto store = OpenForReading(g);
      auto snap = store->Read();
      std::vector<ConcordanceHit> hits = Concordance(*snap, a->text, o);
      if (g.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const ConcordanceHit& h : hits) {
          nlohmann::json j = {{"unit", h.unit}, {"lang", h.lang}, {"text", h.text},
                              {"match", {{"begin", h.begin}, {"end", h.end}}}};
          if (!h.tuid.empty()) j["tuid"] = h.tuid;
          j["variants"] = nlohmann::json::array();
          for (const auto& [lang, text] : h.others) j["variants"].push_back({{"lang", lang}, {"text", text}});
          arr.push_back(j);
        }
        std::printf("%s\n", arr.dump(2).c_str());
        return kExitOk;
      }
      bool color = isatty(STDOUT_FILENO);
      for (const ConcordanceHit& h : hits) {
        std::string left = Chars(h.text.substr(0, h.begin), 40, true);
        std::string match = h.text.substr(h.begin, h.end - h.begin);
        std::string right = Chars(h.text.substr(h.end), 40, false);
        std::printf("#%llu%s%s\n", (unsigned long long)h.unit, h.tuid.empty() ? "" : "  ", h.tuid.c_str());
        std::printf("  %-8s %s%s%s%s%s\n", h.lang.c_str(), left.c_str(), color ? "\033[1m" : "⟦",
                    match.c_str(), color ? "\033[0m" : "⟧", right.c_str());
        for (const auto& [lang, text] : h.others) std::printf("  %-8s %s\n", lang.c_str(), text.c_str());
      }
      if (hits.empty() && !g.quiet) std::fprintf(stderr, "not found\n");
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
