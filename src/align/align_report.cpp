#include "align/align_report.h"

#include <cstdio>

#include "tmx/seg.h"

namespace tmkit {

namespace {

std::string Escape(const std::string& s) {
  std::string out;
  AppendEscapedAttr(&out, s);  // escapes & < > " as well: safe in text and attributes
  return out;
}

}  // namespace

std::string AlignmentReportHtml(const std::string& title, const std::vector<std::string>& langs,
                                const std::vector<ReportRow>& rows, double low_confidence) {
  size_t low = 0;
  for (const ReportRow& r : rows) low += r.confidence < low_confidence;
  std::string h =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Escape(title) +
      "</title>\n<style>\n"
      "body{font-family:system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}\n"
      "td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}\n"
      "th{background:#f4f4f4}tr.low td{background:#ffe9b3}td.n,td.c{white-space:nowrap;color:#555}\n"
      "</style></head><body>\n<h1>" +
      Escape(title) + "</h1>\n<p>" + std::to_string(rows.size()) + " units; " +
      std::to_string(low) + " of confidence under " + std::to_string(low_confidence).substr(0, 4) +
      ", highlighted.</p>\n<table>\n<tr><th>#</th><th>confidence</th>";
  for (const std::string& l : langs) h += "<th lang=\"" + Escape(l) + "\">" + Escape(l) + "</th>";
  h += "</tr>\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const ReportRow& r = rows[i];
    char conf[16];
    std::snprintf(conf, sizeof conf, "%.3f", r.confidence);
    h += std::string("<tr") + (r.confidence < low_confidence ? " class=\"low\"" : "") +
         "><td class=\"n\">" + std::to_string(i + 1) + "</td><td class=\"c\">" + conf + "</td>";
    for (size_t k = 0; k < langs.size(); ++k) {
      h += "<td lang=\"" + Escape(langs[k]) + "\">" + (k < r.texts.size() ? Escape(r.texts[k]) : "") + "</td>";
    }
    h += "</tr>\n";
  }
  return h + "</table>\n</body></html>\n";
}

}  // namespace tmkit
