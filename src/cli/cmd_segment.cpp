// tmkit segment FILE --lang LANG: one sentence a line.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>

#include "cli/commands.h"
#include "text/encoding.h"
#include "text/lang_tag.h"
#include "text/sentence_splitter.h"
#include "text/srx_rules.h"
#include "util/error.h"

namespace tmkit::cli {

void AddSegment(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::string file, lang, encoding, srx;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "segment", "Cut a plain text into sentences, one a line",
      "  tmkit segment tmx/sources/shangganling.zh.txt --lang zh\n"
      "  tmkit segment article.ko.txt --lang ko --format json\n"
      "  tmkit segment old.txt --lang en --encoding windows-1252\n"
      "  tmkit segment article.en.txt --lang en --srx segment.srx   # OmegaT's or Okapi's rules\n"
      "Paragraphs are blocks separated by blank lines; the output keeps one blank line\n"
      "between them (JSON: an array of paragraphs, each an array of sentences).");
  sub->add_option("FILE", a->file, "plain text (UTF-8 or UTF-16 with a BOM, or --encoding)")
      ->required();
  sub->add_option("--lang", a->lang, "the text's language")->required();
  sub->add_option("--encoding", a->encoding, "the file's encoding, when not UTF-8 or UTF-16 with a BOM");
  sub->add_option("--srx", a->srx, "SRX 2.0 segmentation rules to use instead of the built-in ones");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      std::string lang = RequireLanguage(a->lang, "--lang");
      std::optional<SrxRules> srx;
      if (!a->srx.empty()) srx.emplace(SrxRules::Load(a->srx));
      std::string text = ReadFileAsUtf8(a->file, false, a->encoding);
      std::vector<std::string> paragraphs = SplitParagraphs(text);
      if (paragraphs.empty()) ThrowInput("no text to segment", Location{a->file, 1, 1});
      nlohmann::json all = nlohmann::json::array();
      for (size_t i = 0; i < paragraphs.size(); ++i) {
        std::vector<std::string> sentences =
            srx ? srx->Split(paragraphs[i], lang) : SplitSentences(paragraphs[i], lang);
        if (g.json()) {
          all.push_back(sentences);
          continue;
        }
        if (i > 0) std::printf("\n");
        for (const std::string& s : sentences) std::printf("%s\n", s.c_str());
      }
      if (g.json()) std::printf("%s\n", all.dump(2).c_str());
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
