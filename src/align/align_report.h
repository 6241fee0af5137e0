// The reviewer's page for an alignment: one self-contained HTML file, the languages side by
// side a unit a row, rows of low confidence highlighted, no scripts or external resources.
#pragma once

#include <string>
#include <vector>

namespace tmkit {

struct ReportRow {
  std::vector<std::string> texts;  // one per language, in the order of the header
  double confidence = 1;
};

// The page; rows under low_confidence are highlighted and counted in the summary.
std::string AlignmentReportHtml(const std::string& title, const std::vector<std::string>& langs,
                                const std::vector<ReportRow>& rows, double low_confidence);

}  // namespace tmkit
