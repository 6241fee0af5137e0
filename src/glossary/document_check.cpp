#include "glossary/document_check.h"

#include <cctype>
#include <filesystem>
#include <memory>

#include "tmx/tmx_reader.h"
#include "tmx/tmx_writer.h"
#include "util/error.h"
#include "xliff/xliff_document.h"

namespace tmkit {

DocumentKind DocumentKindOfPath(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".xlf" || ext == ".xliff" || ext == ".sdlxliff" ? DocumentKind::kXliff : DocumentKind::kTmx;
}

DocumentKind DocumentKindOfContent(std::string_view head) {
  head = head.substr(0, 4096);
  // UTF-16 (a BOM, or the zero bytes of "<?" either way round): look at its ASCII bytes.
  std::string narrow;
  if (head.size() >= 2 && (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF" ||
                           head.substr(0, 2) == std::string_view("<\0", 2) ||
                           head.substr(0, 2) == std::string_view("\0<", 2))) {
    for (char c : head) {
      if (c != '\0') narrow.push_back(c);
    }
    head = narrow;
  }
  // Element names only: "<xliff" also starts "<xliff:..."-prefixed roots; a TMX file names
  // xliff nowhere before its root.
  size_t tmx = head.find("<tmx"), xliff = head.find("<xliff");
  if (xliff == std::string_view::npos) xliff = head.find(":xliff");
  return xliff != std::string_view::npos && (tmx == std::string_view::npos || xliff < tmx) ? DocumentKind::kXliff
                                                                                          : DocumentKind::kTmx;
}

namespace {

// The check of a sequence of units, with the optional fixed copy.
class Run {
 public:
  Run(std::vector<Concept> concepts, const DocumentCheckOptions& options, const TmxWriter::Options& wo)
      : checker_(std::move(concepts), options.check) {
    if (!options.fix_path.empty()) writer_ = std::make_unique<TmxWriter>(options.fix_path, wo);
  }
  void Check(const Unit& unit, const std::string& name) {
    ++result_.units;
    for (Finding& f : checker_.CheckUnit(unit, name)) result_.findings.push_back(std::move(f));
    if (writer_) {
      TermFix fix = checker_.FixUnit(unit, name);
      result_.replacements += fix.replacements;
      for (Finding& f : fix.unfixed) result_.unfixed.push_back(std::move(f));
      writer_->Write(fix.unit);
    }
  }
  DocumentCheckResult Finish(bool consistency) {
    if (consistency) {
      for (Finding& f : checker_.ConsistencyFindings()) result_.findings.push_back(std::move(f));
    }
    if (writer_) writer_->Finish();
    for (const Finding& f : result_.findings) {
      (f.severity == Severity::kError ? result_.errors : result_.warnings) += 1;
      ++result_.by_kind[std::string(FindingKindName(f.kind))];
    }
    result_.checked = checker_.units_checked();
    result_.skipped = checker_.units_skipped();
    result_.concepts = checker_.concept_count();
    return std::move(result_);
  }

 private:
  TermChecker checker_;
  std::unique_ptr<TmxWriter> writer_;
  DocumentCheckResult result_;
};

std::string NameOf(const Unit& unit, uint64_t fallback) {
  const std::string* tuid = unit.attr("tuid");
  return tuid && !tuid->empty() ? *tuid : std::to_string(fallback);
}

}  // namespace

DocumentCheckResult CheckDocument(const std::string& path, DocumentKind kind, std::vector<Concept> concepts,
                                  DocumentCheckOptions options) {
  if (kind == DocumentKind::kXliff) {
    if (!options.fix_path.empty()) {
      throw Error(Error::Kind::kUsage, "a fixed copy is written as TMX: it takes a TMX file or the store");
    }
    XliffDocument::Options xo;
    xo.from = options.check.from;
    if (options.check.to.size() == 1) xo.to = options.check.to[0];
    std::unique_ptr<XliffDocument> doc = XliffDocument::Load(path, xo);
    Run run(std::move(concepts), options, {});
    size_t position = 0;
    for (const XliffSegment& s : doc->segments()) {
      ++position;
      if (!s.translate) continue;
      // One unit per translatable segment: its source and, when there is one, its target.
      Unit u;
      SetAttr(&u.attrs, "srclang", s.source_lang);
      if (!s.tuid.empty()) SetAttr(&u.attrs, "tuid", s.tuid);
      u.variants.push_back({s.source_lang, {}, {}, s.source_seg});
      if (s.has_target) u.variants.push_back({s.target_lang, {}, {}, s.target_seg});
      run.Check(u, s.tuid.empty() ? std::to_string(position) : s.tuid);
    }
    return run.Finish(options.check.consistency);
  }
  TmxReader reader(path, TmxReader::Options{});
  const TmxHeader& h = reader.header();
  if (!h.srclang.empty() && h.srclang != "*all*") options.check.default_from = h.srclang;
  TmxWriter::Options wo;
  if (!h.srclang.empty()) wo.srclang = h.srclang;
  if (const std::string* v = FindAttr(h.attrs, "segtype")) wo.segtype = *v;
  if (const std::string* v = FindAttr(h.attrs, "datatype")) wo.datatype = *v;
  if (const std::string* v = FindAttr(h.attrs, "creationdate")) wo.creationdate = *v;
  Run run(std::move(concepts), options, wo);  // the copy appears only when Finish succeeds
  Unit unit;
  Location where;
  uint64_t position = 0;
  while (reader.Next(&unit, &where)) run.Check(unit, NameOf(unit, ++position));
  if (!reader.problems().empty()) {
    const TmxProblem& p = reader.problems().front();
    throw Error(Error::Kind::kInput, p.message, p.where);
  }
  return run.Finish(options.check.consistency);
}

DocumentCheckResult CheckStoreUnits(const Txn& snapshot, std::vector<Concept> concepts,
                                    DocumentCheckOptions options) {
  Run run(std::move(concepts), options, {});
  snapshot.ForEachUnit([&](const Unit& unit) {
    run.Check(unit, NameOf(unit, unit.id));
    return true;
  });
  return run.Finish(options.check.consistency);
}

}  // namespace tmkit
