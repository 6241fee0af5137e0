// tmkit align LANG=FILE LANG=FILE: sentence alignment of a text and its translation.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include "align/bead_aligner.h"
#include "align/lexicon.h"
#include "align/multi_align.h"
#include "align/paragraph_corners.h"
#include "align/align_report.h"
#include "cli/commands.h"
#include "glossary/term_base.h"
#include "glossary/term_check.h"
#include "server/result_json.h"
#include "glossary/term_file.h"
#include "glossary/term_lookup.h"
#include "text/encoding.h"
#include "text/lang_tag.h"
#include "text/sentence_splitter.h"
#include "text/srx_rules.h"
#include "tm/import_tmx.h"
#include "tmx/seg.h"
#include "tmx/tmx_writer.h"
#include "util/error.h"

namespace tmkit::cli {

namespace {

struct Side {
  std::string lang, file;
  std::vector<std::string> sentences;
  std::vector<std::vector<std::string>> paragraphs;  // the same sentences by paragraph (not with
                                                     // --one-sentence-per-line)
};

Side ReadSide(const std::string& spec, bool one_per_line, const SrxRules* srx) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) ThrowUsage("expected LANG=FILE, got \"" + spec + "\"");
  Side side;
  side.lang = RequireLanguage(spec.substr(0, eq), spec);
  side.file = spec.substr(eq + 1);
  std::string text = ReadFileAsUtf8(side.file, false);
  if (one_per_line) {
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      side.sentences.push_back(line);
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
  } else {
    for (const std::string& p : SplitParagraphs(text)) {
      std::vector<std::string> sentences = srx ? srx->Split(p, side.lang) : SplitSentences(p, side.lang);
      if (sentences.empty()) continue;
      side.sentences.insert(side.sentences.end(), sentences.begin(), sentences.end());
      side.paragraphs.push_back(std::move(sentences));
    }
  }
  if (side.sentences.empty()) ThrowInput("no sentences to align", Location{side.file, 1, 1});
  return side;
}

std::string Join(const Side& side, const std::vector<size_t>& idx) {
  bool no_space = PrimaryLanguage(side.lang) == "zh" || PrimaryLanguage(side.lang) == "ja";
  std::string out;
  for (size_t i : idx) {
    if (!out.empty() && !no_space) out += " ";
    out += side.sentences[i];
  }
  return out;
}

std::string Indexes(const std::vector<size_t>& idx) {
  std::string s = "[";
  for (size_t k = 0; k < idx.size(); ++k) s += (k ? ", " : "") + std::to_string(idx[k]);
  return s + "]";
}

}  // namespace

void AddAlign(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::vector<std::string> sides;
    std::string out, beads, report, glossary, srx, lexicon;
    bool one_per_line = false, import = false, no_glossary = false, check = false, no_lexicon = false;
    bool no_paragraphs = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "align", "Align a text and its translation sentence by sentence into TMX units",
      "  tmkit align en=tmx/sources/shangganling.en.txt zh=tmx/sources/shangganling.zh.txt -o en-zh.tmx\n"
      "  tmkit align en=a.txt ko=b.txt --one-sentence-per-line --beads ladder.txt\n"
      "  tmkit align en=a.en.txt zh=a.zh.txt ko=a.ko.txt -o a.en-zh-ko.tmx\n"
      "The first language is the pivot; each other one is aligned to it and the results are\n"
      "merged into the smallest units all agree on. Each unit carries its confidence in\n"
      "<prop type=\"x-align-score\">.");
  sub->add_option("LANG=FILE", a->sides, "the texts: plain text, paragraphs separated by blank lines")
      ->required();
  sub->add_option("-o,--output", a->out, "write the units as TMX here");
  sub->add_option("--beads", a->beads, "write the ladder here, a bead a line: [0]:[0, 1]");
  sub->add_option("--report", a->report, "write a side-by-side HTML page for a reviewer here");
  sub->add_flag("--one-sentence-per-line", a->one_per_line, "the input is already segmented");
  sub->add_option("--srx", a->srx, "segment with these SRX 2.0 rules instead of the built-in ones");
  sub->add_flag("--import", a->import, "also store the units");
  sub->add_option("--glossary", a->glossary,
                  "use this term file's terms as anchors (default: the store's term base, if any)");
  sub->add_flag("--no-glossary", a->no_glossary, "do not use glossary terms as anchors");
  sub->add_option("--lexicon", a->lexicon,
                  "between Chinese and English, use this CC-CEDICT file's entries as anchors "
                  "(default: the store's lexicon, if any: tmkit lexicon import)");
  sub->add_flag("--no-lexicon", a->no_lexicon, "do not use an imported lexicon");
  sub->add_flag("--ignore-paragraphs", a->no_paragraphs,
                "align the sentences without first pairing the paragraphs (blank-line blocks)");
  sub->add_flag("--check", a->check,
                "report glossary rendering errors in the aligned units (as tmkit check; exit 1 when there are)");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      if (a->out.empty() && a->beads.empty() && a->report.empty() && !a->import) {
        ThrowUsage("say where the alignment goes: -o OUT.tmx, --beads FILE, --report FILE or --import");
      }
      if (a->sides.size() < 2) ThrowUsage("give at least two texts: LANG=FILE LANG=FILE ...");
      if (!a->beads.empty() && a->sides.size() != 2) ThrowUsage("--beads is for two languages");
      std::vector<Side> sides;
      if (!a->srx.empty() && a->one_per_line) ThrowUsage("--srx segments the texts: drop --one-sentence-per-line");
      std::optional<SrxRules> srx;
      if (!a->srx.empty()) srx.emplace(SrxRules::Load(a->srx));
      for (const std::string& spec : a->sides) {
        sides.push_back(ReadSide(spec, a->one_per_line, srx ? &*srx : nullptr));
      }
      const Side& src = sides[0];
      // Glossary terms tie the sentences that hold a term and its rendering: the concepts
      // found in a sentence are among its anchors.
      std::unique_ptr<TermLookup> terms;
      if (a->check && a->no_glossary) ThrowUsage("--check needs the glossary: drop --no-glossary");
      if (!a->no_glossary) {
        if (!a->glossary.empty()) {
          terms = std::make_unique<TermLookup>(ReadTermFile(a->glossary, {}));
        } else if (std::filesystem::exists(StorePath(g) + "/data.mdb")) {
          std::vector<Concept> concepts = LoadConcepts(*OpenForReading(g)->Read());
          if (!concepts.empty()) terms = std::make_unique<TermLookup>(std::move(concepts));
        }
      }
      // A dictionary between Chinese and English ties the sentences that hold a headword and
      // one of its glosses.
      std::unique_ptr<Lexicon> lexicon;
      auto is = [](const Side& side, const char* lang) { return PrimaryLanguage(side.lang) == lang; };
      auto zh_en = [&](const Side& other) {
        return (is(src, "zh") && is(other, "en")) || (is(src, "en") && is(other, "zh"));
      };
      const bool any_zh_en = std::any_of(sides.begin() + 1, sides.end(), zh_en);
      if (a->no_lexicon && !a->lexicon.empty()) ThrowUsage("--lexicon and --no-lexicon exclude each other");
      if (!a->lexicon.empty()) {
        lexicon = std::make_unique<Lexicon>(ReadCedict(a->lexicon));
      } else if (!a->no_lexicon && any_zh_en && std::filesystem::exists(StorePath(g) + "/data.mdb")) {
        lexicon = Lexicon::Load(*OpenForReading(g)->Read());
        if (lexicon->empty()) lexicon.reset();
      }
      std::vector<std::vector<Bead>> pairwise;
      for (size_t k = 1; k < sides.size(); ++k) {
        AlignOptions o;
        o.source_lang = src.lang;
        o.target_lang = sides[k].lang;
        if (terms) {
          o.extra_anchors = [&terms, &o](const std::string& sentence, bool source) {
            std::vector<std::string> ids;
            for (const TermFound& f : terms->Find(sentence, source ? o.source_lang : o.target_lang, {})) {
              ids.push_back(f.entry->id);
            }
            return ids;
          };
        }
        if (lexicon && zh_en(sides[k])) {
          const bool source_zh = is(src, "zh");
          o.lexicon_anchors = [&lexicon, source_zh](const std::string& sentence, bool source) {
            return source == source_zh ? lexicon->ChineseAnchors(sentence) : Lexicon::EnglishAnchors(sentence);
          };
        }
        // Paragraphs first: where paragraphs pair up confidently, no bead crosses their start.
        if (!a->no_paragraphs) o.corners = ParagraphCorners(src.paragraphs, sides[k].paragraphs, o);
        pairwise.push_back(AlignSentences(src.sentences, sides[k].sentences, o));
      }
      if (!a->beads.empty()) {
        std::ofstream f(a->beads);
        if (!f) ThrowIo("cannot write", a->beads);
        for (const Bead& b : pairwise[0]) f << Indexes(b.source) << ":" << Indexes(b.target) << "\n";
      }
      std::vector<MultiBead> merged = MergeAlignments(pairwise, src.sentences.size());
      std::vector<Unit> units;
      size_t low = 0, beads = 0;
      for (const auto& p : pairwise) beads += p.size();
      for (const MultiBead& b : merged) {
        Unit u;
        u.attrs.push_back({"srclang", src.lang});
        char score[32];
        std::snprintf(score, sizeof score, "%.3f", b.confidence);
        if (b.confidence < 0.3) ++low;
        u.annotations.push_back({Annotation::Kind::kProp, {{"type", "x-align-score"}}, score});
        for (size_t k = 0; k < sides.size(); ++k) {
          const std::vector<size_t>& idx = k == 0 ? b.pivot : b.others[k - 1];
          if (idx.empty()) continue;
          Variant v;
          v.lang = sides[k].lang;
          AppendEscapedText(&v.seg, Join(sides[k], idx));
          u.variants.push_back(std::move(v));
        }
        if (u.variants.size() >= 2) units.push_back(std::move(u));
      }
      const Side& tgt = sides.back();
      if (!a->report.empty()) {
        std::vector<std::string> langs;
        for (const Side& side : sides) langs.push_back(side.lang);
        std::vector<ReportRow> rows;
        for (const MultiBead& b : merged) {
          ReportRow r;
          r.confidence = b.confidence;
          r.texts.push_back(Join(sides[0], b.pivot));
          for (size_t k = 1; k < sides.size(); ++k) r.texts.push_back(Join(sides[k], b.others[k - 1]));
          rows.push_back(std::move(r));
        }
        std::string title = "Alignment of";
        for (const Side& side : sides) title += " " + side.file;
        std::ofstream f(a->report, std::ios::binary);
        f << AlignmentReportHtml(title, langs, rows, 0.3);
        if (!f) ThrowIo("cannot write", a->report);
      }
      if (!a->out.empty()) {
        TmxWriter::Options wo;
        wo.srclang = src.lang;
        wo.datatype = "plaintext";
        TmxWriter w(a->out, wo);
        for (const Unit& u : units) w.Write(u);
        w.Finish();
      }
      if (a->import) {
        auto store = OpenForWriting(g);
        store->Write([&](WriteTxn& txn) {
          for (const Unit& u : units) {
            PreparedUnit p = PrepareUnit(u);
            PutUnit(txn, p, DuplicatePolicy::kMerge);
          }
        });
      }
      // The renderings of glossary terms in what was aligned, as tmkit check reports them.
      size_t check_errors = 0;
      if (a->check) {
        if (!terms) ThrowUsage("--check needs a glossary: --glossary FILE, or terms in the store");
        TermCheckOptions co;
        co.from = src.lang;
        TermChecker checker(terms->concepts(), co);
        nlohmann::json list = nlohmann::json::array();
        for (size_t i = 0; i < units.size(); ++i) {
          for (const Finding& f : checker.CheckUnit(units[i], std::to_string(i + 1))) {
            if (f.severity == Severity::kError) ++check_errors;
            if (g.json()) {
              list.push_back(FindingJson(f));
            } else {
              std::printf("%s\n", FindingLine(f).c_str());
            }
          }
        }
        if (g.json()) {
          std::printf("%s\n", nlohmann::json({{"findings", list}, {"summary", {{"units", units.size()},
                                                                                 {"errors", check_errors}}}})
                                  .dump(2)
                                  .c_str());
        }
      }
      if (!g.quiet) {
        std::string counts;
        for (const Side& side : sides) {
          counts += (counts.empty() ? "" : ", ") + std::to_string(side.sentences.size()) + " " + side.lang;
        }
        std::fprintf(stderr, "aligned %s sentences: %zu pairwise beads, %zu units (%zu of low confidence)\n",
                     counts.c_str(), beads, units.size(), low);
      }
      if (units.size() > 4 && low * 2 > units.size()) {
        ThrowInput("most beads have low confidence: are these texts translations of each other?",
                   Location{tgt.file, 0, 0});
      }
      return check_errors > 0 ? kExitFindings : kExitOk;
    };
  });
}

}  // namespace tmkit::cli
