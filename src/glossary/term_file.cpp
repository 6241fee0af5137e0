#include "glossary/term_file.h"

#include <cctype>
#include <filesystem>

#include "glossary/tbx_reader.h"
#include "glossary/tbx_writer.h"
#include "glossary/term_table.h"
#include "util/error.h"

namespace tmkit {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<TermFormat> FormatNamed(const std::string& name) {
  std::string n = Lower(name);
  if (n == "tbx" || n == "tbx2" || n == "tbx-v2" || n == "martif") return TermFormat::kTbx2;
  if (n == "tbx3" || n == "tbx-v3") return TermFormat::kTbx3;
  if (n == "csv") return TermFormat::kCsv;
  if (n == "tsv") return TermFormat::kTsv;
  if (n == "omegat" || n == "tab") return TermFormat::kOmegaT;
  return std::nullopt;
}

TermTableOptions TableOptions(TermFormat format, const TermFileOptions& options) {
  TermTableOptions t;
  t.style = format == TermFormat::kCsv   ? TableStyle::kCsv
            : format == TermFormat::kTsv ? TableStyle::kTsv
                                         : TableStyle::kOmegaT;
  t.encoding = options.encoding;
  t.from_lang = options.from_lang;
  t.to_lang = options.to_lang;
  t.warnings = options.warnings;
  return t;
}

}  // namespace

std::string_view TermFormatName(TermFormat format) {
  switch (format) {
    case TermFormat::kTbx2: return "tbx2";
    case TermFormat::kTbx3: return "tbx3";
    case TermFormat::kCsv: return "csv";
    case TermFormat::kTsv: return "tsv";
    case TermFormat::kOmegaT: return "omegat";
  }
  return "";
}

TermFormat TermFormatFor(const std::string& path, const std::string& as) {
  if (!as.empty()) {
    std::optional<TermFormat> f = FormatNamed(as);
    if (!f) ThrowUsage("unknown term file format \"" + as + "\" (tbx, tbx2, tbx3, csv, tsv, omegat)");
    return *f;
  }
  std::string ext = Lower(std::filesystem::path(path).extension().string());
  if (ext == ".tbx") return TermFormat::kTbx2;
  if (ext == ".csv") return TermFormat::kCsv;
  if (ext == ".tsv") return TermFormat::kTsv;
  if (ext == ".tab" || ext == ".txt" || ext == ".utf8") return TermFormat::kOmegaT;
  ThrowUsage("cannot tell the format of " + path +
             " from its name (.tbx, .csv, .tsv, .tab, .txt); name it (tbx2, tbx3, csv, tsv, omegat)");
}

TermFormat DetectTermFormat(const std::string& path, const std::string& as,
                            const std::string& encoding) {
  TermFormat format = TermFormatFor(path, as);
  bool named_version = !as.empty() && Lower(as) != "tbx";
  if (format == TermFormat::kTbx2 && !named_version) {
    return DetectTbxVersion(path, encoding) == TbxVersion::kV3 ? TermFormat::kTbx3 : TermFormat::kTbx2;
  }
  return format;
}

std::vector<Concept> ReadTermFile(const std::string& path, const TermFileOptions& options) {
  TermFormat format = options.format ? *options.format : TermFormatFor(path, "");
  switch (format) {
    case TermFormat::kTbx2:
    case TermFormat::kTbx3:
      return ReadTbx(path, options.encoding, nullptr, options.warnings);  // either version
    case TermFormat::kCsv:
    case TermFormat::kTsv:
    case TermFormat::kOmegaT:
      return ReadTermTable(path, TableOptions(format, options));
  }
  ThrowUsage("unknown term file format");
}

void WriteTermFile(const std::string& path, const std::vector<Concept>& concepts,
                   const TermFileOptions& options) {
  TermFormat format = options.format ? *options.format : TermFormatFor(path, "");
  switch (format) {
    case TermFormat::kTbx2:
      return WriteTbx(path, concepts, TbxVersion::kV2);
    case TermFormat::kTbx3:
      return WriteTbx(path, concepts, TbxVersion::kV3);
    case TermFormat::kCsv:
    case TermFormat::kTsv:
    case TermFormat::kOmegaT:
      return WriteTermTable(path, concepts, TableOptions(format, options));
  }
  ThrowUsage("unknown term file format");
}

}  // namespace tmkit
