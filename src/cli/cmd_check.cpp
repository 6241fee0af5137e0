// tmkit check [FILE]: glossary enforcement over a TMX or XLIFF file or the store, with an
// optional corrected copy (--fix) and consistency warnings.
#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <map>

#include "cli/commands.h"
#include "glossary/term_base.h"
#include "glossary/term_check.h"
#include "glossary/term_file.h"
#include "server/result_json.h"
#include "text/lang_tag.h"
#include "tmx/tmx_reader.h"
#include "tmx/tmx_writer.h"
#include "util/error.h"
#include "xliff/xliff_document.h"

namespace tmkit::cli {

namespace {

bool IsXliffPath(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".xlf" || ext == ".xliff" || ext == ".sdlxliff";
}

// Units of an XLIFF file: one per translatable segment, source and (when there is one)
// target, named by tuid (else position).
std::vector<std::pair<Unit, std::string>> XliffUnits(const XliffDocument& doc) {
  std::vector<std::pair<Unit, std::string>> out;
  size_t position = 0;
  for (const XliffSegment& s : doc.segments()) {
    ++position;
    if (!s.translate) continue;
    Unit u;
    SetAttr(&u.attrs, "srclang", s.source_lang);
    if (!s.tuid.empty()) SetAttr(&u.attrs, "tuid", s.tuid);
    u.variants.push_back({s.source_lang, {}, {}, s.source_seg});
    if (s.has_target) u.variants.push_back({s.target_lang, {}, {}, s.target_seg});
    out.emplace_back(std::move(u), s.tuid.empty() ? std::to_string(position) : s.tuid);
  }
  return out;
}

}  // namespace

void AddCheck(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::string file, glossary, glossary_format, from, fix;
    std::vector<std::string> to;
    bool strict = false, consistency = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "check", "Check translations against a glossary: missing, deprecated, forbidden terms",
      "  tmkit check tmx/shangganling.en-zh-ko.tmx --glossary glossaries/korean-war.tbx\n"
      "  tmkit check job.xlf --glossary terms.tsv --strict --format json\n"
      "  tmkit check --consistency                       # the store, with its term base\n"
      "  tmkit check memory.tmx --glossary terms.tbx --fix fixed.tmx --to ko\n"
      "Errors: a source term whose concept has no acceptable rendering in the target\n"
      "(missing), or has a deprecated or forbidden one; --strict warns about admitted ones,\n"
      "--consistency about terms and identical segments rendered differently across units.\n"
      "Offsets count characters of the plain text. Exit status 1 when there is an error.");
  sub->add_option("FILE", a->file,
                  "a TMX or XLIFF (.xlf, .xliff, .sdlxliff) file; none: the store's units");
  sub->add_option("--glossary", a->glossary,
                  "a term file (TBX, CSV, TSV, OmegaT) instead of the store's term base");
  sub->add_option("--glossary-format", a->glossary_format,
                  "the term file's format when its name does not say (tbx, csv, tsv, omegat)");
  sub->add_option("--from", a->from,
                  "source language (default: the unit's srclang, the file's, else en)");
  sub->add_option("--to", a->to, "target languages (default: all the others)")->delimiter(',');
  sub->add_flag("--strict", a->strict, "warn when only an admitted rendering is used");
  sub->add_flag("--consistency", a->consistency,
                "warn about terms and identical segments translated differently across units");
  sub->add_option("--fix", a->fix,
                  "write a copy (TMX) with deprecated and forbidden renderings replaced");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      TermCheckOptions o;
      if (!a->from.empty()) o.from = RequireLanguage(a->from, "--from");
      for (const std::string& t : a->to) o.to.push_back(RequireLanguage(t, "--to"));
      o.strict = a->strict;
      o.consistency = a->consistency;
      bool xliff = !a->file.empty() && IsXliffPath(a->file);
      if (!a->fix.empty() && xliff) ThrowUsage("--fix writes TMX: it takes a TMX file or the store");
      if (a->fix == "-") ThrowUsage("--fix needs a file name");

      // The glossary: the file given, else the store's term base.
      std::vector<Concept> concepts;
      std::unique_ptr<Store> store;
      std::unique_ptr<Snapshot> snap;
      if (a->file.empty() || a->glossary.empty()) {
        store = OpenForReading(g);
        snap = store->Read();
      }
      std::string glossary_name;
      if (!a->glossary.empty()) {
        TermFileOptions fo;
        if (!a->glossary_format.empty()) fo.format = TermFormatFor(a->glossary, a->glossary_format);
        if (!o.from.empty()) fo.from_lang = o.from;
        if (o.to.size() == 1) fo.to_lang = o.to[0];
        concepts = ReadTermFile(a->glossary, fo);
        glossary_name = a->glossary;
      } else {
        concepts = LoadConcepts(*snap);
        glossary_name = "the store's term base";
      }
      if (concepts.empty() && !a->consistency) {
        ThrowUsage(a->glossary.empty()
                       ? "the store's term base is empty: give --glossary FILE (or --consistency)"
                       : a->glossary + ": no concepts");
      }

      std::string default_from = "en";
      std::unique_ptr<TmxReader> reader;
      std::unique_ptr<XliffDocument> doc;
      if (!a->file.empty() && xliff) {
        XliffDocument::Options xo;
        xo.from = o.from;
        if (o.to.size() == 1) xo.to = o.to[0];
        doc = XliffDocument::Load(a->file, xo);
      } else if (!a->file.empty()) {
        reader = std::make_unique<TmxReader>(a->file, TmxReader::Options{});
        const std::string& srclang = reader->header().srclang;
        if (!srclang.empty() && srclang != "*all*") default_from = srclang;
      }
      o.default_from = default_from;
      TermChecker checker(std::move(concepts), o);

      std::vector<Finding> findings;
      uint64_t units = 0;
      size_t replacements = 0;
      std::vector<Finding> unfixed;
      std::unique_ptr<TmxWriter> writer;
      if (!a->fix.empty()) {
        TmxWriter::Options wo;
        if (reader) {
          const TmxHeader& h = reader->header();
          if (!h.srclang.empty()) wo.srclang = h.srclang;
          if (const std::string* v = FindAttr(h.attrs, "segtype")) wo.segtype = *v;
          if (const std::string* v = FindAttr(h.attrs, "datatype")) wo.datatype = *v;
          if (const std::string* v = FindAttr(h.attrs, "creationdate")) wo.creationdate = *v;
        }
        writer = std::make_unique<TmxWriter>(a->fix, wo);
      }
      auto check = [&](const Unit& unit, const std::string& name) {
        ++units;
        for (Finding& f : checker.CheckUnit(unit, name)) findings.push_back(std::move(f));
        if (writer) {
          TermFix fix = checker.FixUnit(unit, name);
          replacements += fix.replacements;
          for (Finding& f : fix.unfixed) unfixed.push_back(std::move(f));
          writer->Write(fix.unit);
        }
      };
      if (doc) {
        for (const auto& [unit, name] : XliffUnits(*doc)) check(unit, name);
      } else if (reader) {
        Unit unit;
        Location where;
        uint64_t position = 0;
        while (reader->Next(&unit, &where)) {
          ++position;
          const std::string* tuid = unit.attr("tuid");
          check(unit, tuid && !tuid->empty() ? *tuid : std::to_string(position));
        }
        if (!reader->problems().empty()) {
          const TmxProblem& p = reader->problems().front();
          ThrowInput(p.message, p.where);
        }
      } else {
        snap->ForEachUnit([&](const Unit& unit) {
          const std::string* tuid = unit.attr("tuid");
          check(unit, tuid && !tuid->empty() ? *tuid : std::to_string(unit.id));
          return true;
        });
      }
      if (a->consistency) {
        for (Finding& f : checker.ConsistencyFindings()) findings.push_back(std::move(f));
      }
      if (writer) writer->Finish();

      size_t errors = 0, warnings = 0;
      std::map<std::string, size_t> by_kind;
      for (const Finding& f : findings) {
        (f.severity == Severity::kError ? errors : warnings) += 1;
        ++by_kind[std::string(FindingKindName(f.kind))];
      }
      if (g.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const Finding& f : findings) list.push_back(FindingJson(f));
        nlohmann::json summary = {{"units", units},
                                  {"checked", checker.units_checked()},
                                  {"skipped", checker.units_skipped()},
                                  {"concepts", checker.concept_count()},
                                  {"errors", errors},
                                  {"warnings", warnings},
                                  {"by_kind", by_kind}};
        if (writer) {
          nlohmann::json not_fixed = nlohmann::json::array();
          for (const Finding& f : unfixed) not_fixed.push_back(FindingJson(f));
          summary["fix"] = {{"output", a->fix}, {"replacements", replacements}, {"unfixed", not_fixed}};
        }
        std::printf("%s\n", nlohmann::json{{"findings", list}, {"summary", summary}}.dump(2).c_str());
      } else {
        for (const Finding& f : findings) std::printf("%s\n", FindingLine(f).c_str());
        for (const Finding& f : unfixed) Warn("not fixed: " + FindingLine(f) + " (" + f.note + ")");
        if (!g.quiet) {
          std::fprintf(stderr, "%llu units (%zu checked) against %s (%zu concepts): %zu errors, %zu warnings\n",
                       (unsigned long long)units, checker.units_checked(), glossary_name.c_str(),
                       checker.concept_count(), errors, warnings);
          if (checker.units_skipped()) {
            Warn(std::to_string(checker.units_skipped()) +
                 " units have no variant in the source language and were not checked");
          }
          if (writer) {
            std::fprintf(stderr, "%s: %zu replacements%s\n", a->fix.c_str(), replacements,
                         unfixed.empty() ? "" : (", " + std::to_string(unfixed.size()) + " not fixed").c_str());
          }
        }
      }
      return errors ? kExitFindings : kExitOk;
    };
  });
}

}  // namespace tmkit::cli
