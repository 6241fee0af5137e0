// tmkit lexicon: the aligner's imported dictionary. import reads CC-CEDICT (Chinese-English)
// into the store; align then uses it between Chinese and English unless told not to.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iterator>
#include <vector>

#include "align/lexicon.h"
#include "cli/commands.h"

namespace tmkit::cli {

void AddLexiconCommands(CLI::App& app, GlobalOptions& g, Runner* run) {
  CLI::App* lex = AddSubcommand(
      app, g, "lexicon", "The aligner's imported dictionary (CC-CEDICT)",
      "  tools/fetch_cedict.sh cedict_ts.u8 && tmkit lexicon import cedict_ts.u8\n"
      "  tmkit lexicon stats");
  lex->require_subcommand(1, 1);

  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* imp = AddSubcommand(
      *lex, g, "import", "Import CC-CEDICT files (Chinese headwords, English glosses) into the store",
      "  tmkit lexicon import cedict_ts.u8\n"
      "Lines: Traditional Simplified [pin1 yin1] /gloss/gloss/ (# starts a comment). `tmkit align`\n"
      "then ties Chinese and English sentences that hold a headword and one of its glosses.");
  imp->add_option("files", *files, "CC-CEDICT files")->required();
  imp->callback([&g, run, files] {
    *run = [&g, files] {
      // Read every file first: a bad one stores nothing.
      std::vector<LexiconEntry> entries;
      for (const std::string& f : *files) {
        std::vector<LexiconEntry> read = ReadCedict(f);
        entries.insert(entries.end(), std::make_move_iterator(read.begin()), std::make_move_iterator(read.end()));
      }
      entries = MergeHeadwords(std::move(entries));
      auto store = OpenForWriting(g);
      uint64_t before = LexiconSize(*store->Read());
      store->Write([&](WriteTxn& t) {
        for (const LexiconEntry& e : entries) StoreLexiconEntry(t, e);
      });
      uint64_t after = LexiconSize(*store->Read());
      if (g.json()) {
        nlohmann::json j = {{"headwords_read", entries.size()}, {"headwords", after}, {"added", after - before}};
        std::printf("%s\n", j.dump(2).c_str());
      } else if (!g.quiet) {
        std::fprintf(stderr, "imported %zu headwords: %llu in the lexicon (%llu new) in %s\n", entries.size(),
                     static_cast<unsigned long long>(after), static_cast<unsigned long long>(after - before),
                     store->path().c_str());
      }
      return kExitOk;
    };
  });

  CLI::App* stats = AddSubcommand(*lex, g, "stats", "How many headwords the lexicon holds",
                                  "  tmkit lexicon stats --format json");
  stats->callback([&g, run] {
    *run = [&g] {
      uint64_t n = LexiconSize(*OpenForReading(g)->Read());
      if (g.json()) {
        std::printf("%s\n", nlohmann::json({{"headwords", n}}).dump(2).c_str());
      } else {
        std::printf("%llu headwords\n", static_cast<unsigned long long>(n));
      }
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
