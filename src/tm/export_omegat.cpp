#include "tm/export_omegat.h"

#include <pugixml.hpp>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <system_error>
#include <unordered_map>

#include "glossary/term_base.h"
#include "glossary/term_file.h"
#include "text/lang_match.h"
#include "text/lang_tag.h"
#include "tmx/tmx_writer.h"
#include "util/error.h"
#include "util/hash.h"

namespace tmkit {

namespace {

namespace fs = std::filesystem;

std::string ProjectLanguage(const pugi::xml_node& project, const char* name, const std::string& file) {
  std::string text = project.child(name).text().as_string();
  size_t b = text.find_first_not_of(" \t\r\n"), e = text.find_last_not_of(" \t\r\n");
  text = b == std::string::npos ? "" : text.substr(b, e - b + 1);
  std::optional<std::string> tag = CanonicalLangTag(text);
  if (text.empty() || !tag || *tag == "*all*") {
    ThrowInput(std::string("<") + name + "> is " + (text.empty() ? "missing" : "not a language: \"" + text + "\""),
               Location{file});
  }
  return *tag;
}

// Props OmegaT reads as the context of a segment (an alternative translation, or an ICE/100%
// match of one segment id): in an external memory they would stop a match being applied.
bool IsOmegaTContextProp(const Annotation& a) {
  if (a.kind != Annotation::Kind::kProp) return false;
  const std::string* type = FindAttr(a.attrs, "type");
  if (!type) return false;
  for (const char* t : {"file", "id", "prev", "next", "path", "x-ice", "x-100pc"}) {
    if (*type == t) return true;
  }
  return false;
}

// The unit as OmegaT should see it: tu attributes and annotations without OmegaT context,
// srclang = source, and the two variants retagged with the project's languages.
Unit PairUnit(const Unit& stored, const Variant& src, const Variant& tgt, const std::string& from,
              const std::string& to) {
  Unit u;
  u.id = stored.id;
  for (const Attr& a : stored.attrs) {
    if (a.name != "srclang") u.attrs.push_back(a);
  }
  u.attrs.push_back({"srclang", from});
  for (const Annotation& a : stored.annotations) {
    if (!IsOmegaTContextProp(a)) u.annotations.push_back(a);
  }
  u.variants = {src, tgt};
  u.variants[0].lang = from;
  u.variants[1].lang = to;
  return u;
}

// The confidence of an aligned unit (prop x-align-score), or nullopt.
std::optional<double> AlignScore(const Unit& unit) {
  for (const Annotation& a : unit.annotations) {
    if (a.kind != Annotation::Kind::kProp) continue;
    const std::string* type = FindAttr(a.attrs, "type");
    if (!type || *type != "x-align-score") continue;
    char* end = nullptr;
    double v = std::strtod(a.text.c_str(), &end);
    if (end != a.text.c_str()) return v;
  }
  return std::nullopt;
}

bool HasMarkup(const Variant& v) { return v.seg.find('<') != std::string::npos; }

void MakeDirectories(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    ThrowIo("cannot create the folder: " + (ec ? ec.message() : "not a directory"), dir.string());
  }
}

std::string Now() {
  char date[32];
  std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y%m%dT%H%M%SZ", std::gmtime(&now));
  return date;
}

// The concepts of the pair for the glossary: acceptable terms only, the comment in note.
std::vector<Concept> GlossaryConcepts(const std::vector<Concept>& all, const LangRequest& from,
                                      const LangRequest& to, OmegaTExportReport* report) {
  std::vector<Concept> out;
  for (const Concept& c : all) {
    Concept k;
    k.id = c.id;
    const Term* target = nullptr;
    size_t sources = 0, left_out = 0;
    for (const Term& t : c.terms) {
      bool is_from = from.Matches(t.lang), is_to = to.Matches(t.lang);
      if (!is_from && !is_to) continue;
      if (!IsAcceptable(t.status)) {
        ++left_out;
        continue;
      }
      k.terms.push_back(t);
      if (is_from) ++sources;
      if (is_to && (!target || (t.status == TermStatus::kPreferred && target->status != TermStatus::kPreferred))) {
        target = &t;
      }
    }
    report->terms_left_out += left_out;
    if (!target || sources == 0) continue;
    k.note = !target->usage_note.empty() ? target->usage_note
             : !c.definition.empty()     ? c.definition
                                         : c.note;
    report->terms += sources;
    ++report->concepts;
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace

bool ReadOmegaTProjectLanguages(const std::string& project_dir, OmegaTProjectLanguages* out) {
  std::string file = (fs::path(project_dir) / "omegat.project").string();
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return false;
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_file(file.c_str());
  if (!r) ThrowInput(std::string("not an OmegaT project file: ") + r.description(), Location{file});
  pugi::xml_node project = doc.child("omegat").child("project");
  if (!project) ThrowInput("not an OmegaT project file: no <omegat><project>", Location{file});
  out->source = ProjectLanguage(project, "source_lang", file);
  out->target = ProjectLanguage(project, "target_lang", file);
  return true;
}

OmegaTExportReport ExportOmegaT(Store& store, const Txn& snapshot, const std::string& project_dir,
                                const OmegaTExportOptions& options) {
  auto start = std::chrono::steady_clock::now();
  if (options.source_lang.empty() || options.target_lang.empty()) {
    ThrowUsage("the source and target languages are needed");
  }
  OmegaTExportReport report;
  const std::string& from_tag = options.source_lang;
  const std::string& to_tag = options.target_lang;
  LangRequest from(from_tag), to(to_tag);
  fs::path root(project_dir);
  fs::path tm_dir = root / "tm", auto_dir = tm_dir / "auto", glossary_dir = root / "glossary";
  MakeDirectories(tm_dir);
  if (options.auto_tm) MakeDirectories(auto_dir);
  MakeDirectories(glossary_dir);

  // The variants of the pair in a stored unit, or false.
  auto pair_of = [&](const Unit& u, const Variant** src, const Variant** tgt) {
    *src = *tgt = nullptr;
    for (const Variant& v : u.variants) {
      if (v.seg.empty()) continue;
      if (!*src && from.Matches(v.lang)) {
        *src = &v;
      } else if (!*tgt && to.Matches(v.lang)) {
        *tgt = &v;
      }
    }
    return *src && *tgt;
  };

  TmxWriter::Options wo;
  wo.srclang = from_tag;
  wo.datatype = "plaintext";
  wo.creationdate = Now();

  // Pass 1: tm/tmkit.tmx, and for tm/auto the targets each source text has (hashes: a
  // million units cost tens of megabytes).
  struct Targets {
    uint64_t first;       // hash of the first target seen
    bool several = false;
  };
  std::unordered_map<uint64_t, Targets> targets;
  std::string tm_path = (tm_dir / "tmkit.tmx").string();
  {
    TmxWriter writer(tm_path, wo);
    uint64_t done = 0;
    snapshot.ForEachUnit([&](const Unit& stored) {
      if (++done % 16384 == 0) store.ReleaseMappedPages();  // keep resident memory bounded
      const Variant *src, *tgt;
      if (!pair_of(stored, &src, &tgt)) {
        ++report.units_skipped;
        return true;
      }
      writer.Write(PairUnit(stored, *src, *tgt, from_tag, to_tag));
      if (options.auto_tm) {
        uint64_t th = Hash64(tgt->seg);
        auto [it, added] = targets.try_emplace(Hash64(src->seg), Targets{th});
        if (!added && it->second.first != th) it->second.several = true;
      }
      return true;
    });
    writer.Finish();
    report.units = writer.units_written();
  }
  report.files.push_back(tm_path);

  // Pass 2: tm/auto/tmkit-exact.tmx, one unit per unambiguous source.
  std::string auto_path = (auto_dir / "tmkit-exact.tmx").string();
  if (options.auto_tm) {
    TmxWriter writer(auto_path, wo);
    uint64_t done = 0;
    snapshot.ForEachUnit([&](const Unit& stored) {
      if (++done % 16384 == 0) store.ReleaseMappedPages();
      const Variant *src, *tgt;
      if (!pair_of(stored, &src, &tgt)) return true;
      auto it = targets.find(Hash64(src->seg));
      if (it == targets.end()) return true;  // written already: duplicates are written once
      if (it->second.several) {
        ++report.auto_ambiguous;
        return true;
      }
      if (HasMarkup(*src) || HasMarkup(*tgt)) {
        ++report.auto_markup;
        return true;
      }
      std::optional<double> score = AlignScore(stored);
      if (options.auto_min_score > 0 && score && *score * 100 < options.auto_min_score) {
        ++report.auto_low_score;
        return true;
      }
      Unit u = PairUnit(stored, *src, *tgt, from_tag, to_tag);
      // tuid too is context to newer OmegaT versions (it stands in for a missing id prop).
      std::erase_if(u.attrs, [](const Attr& a) { return a.name == "tuid"; });
      writer.Write(u);
      targets.erase(it);
      return true;
    });
    writer.Finish();
    report.auto_units = writer.units_written();
    report.files.push_back(auto_path);
  } else {
    std::error_code ec;
    report.stale_auto_file = fs::exists(auto_path, ec);
  }

  // The glossary, from the term base of the same snapshot.
  std::vector<Concept> concepts = GlossaryConcepts(LoadConcepts(snapshot), from, to, &report);
  std::string glossary_path = (glossary_dir / "tmkit.txt").string();
  TermFileOptions to_options;
  to_options.format = TermFormat::kOmegaT;
  to_options.from_lang = from_tag;
  to_options.to_lang = to_tag;
  WriteTermFile(glossary_path, concepts, to_options);
  report.files.push_back(glossary_path);

  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace tmkit
