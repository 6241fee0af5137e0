#include "align/align_report.h"

#include <catch2/catch.hpp>

using namespace tmkit;

TEST_CASE("the reviewer's page escapes text and highlights weak units", "[align]") {
  std::vector<ReportRow> rows = {{{"Fine <b>bold</b> & co", "很好"}, 0.9},
                                 {{"Doubtful", "可疑"}, 0.1}};
  std::string html = AlignmentReportHtml("a \"test\"", {"en", "zh-CN"}, rows, 0.3);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("Fine &lt;b&gt;bold&lt;/b&gt; &amp; co") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<tr class=\"low\"><td class=\"n\">2</td>") != std::string::npos);
  CHECK(html.find("<tr><td class=\"n\">1</td>") != std::string::npos);
  CHECK(html.find("2 units; 1 of confidence under 0.30") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http") == std::string::npos);  // self-contained
}
