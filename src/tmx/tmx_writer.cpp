#include "tmx/tmx_writer.h"

#include "tmkit_version.h"
#include "tmx/seg.h"

namespace tmkit {

namespace {

void AppendAttrs(const Attrs& attrs, std::string* out) {
  for (const Attr& a : attrs) {
    out->push_back(' ');
    out->append(a.name);
    out->append("=\"");
    AppendEscapedAttr(out, a.value);
    out->push_back('"');
  }
}

void AppendAnnotations(const std::vector<Annotation>& list, const char* indent, std::string* out) {
  for (const Annotation& a : list) {
    const char* tag = a.kind == Annotation::Kind::kProp ? "prop" : "note";
    out->append(indent);
    out->push_back('<');
    out->append(tag);
    AppendAttrs(a.attrs, out);
    out->push_back('>');
    AppendEscapedText(out, a.text);
    out->append("</");
    out->append(tag);
    out->append(">\n");
  }
}

}  // namespace

void AppendTuXml(const Unit& unit, std::string* out) {
  out->append("    <tu");
  AppendAttrs(unit.attrs, out);
  out->append(">\n");
  AppendAnnotations(unit.annotations, "      ", out);
  for (const Variant& v : unit.variants) {
    out->append("      <tuv xml:lang=\"");
    AppendEscapedAttr(out, v.lang);
    out->push_back('"');
    AppendAttrs(v.attrs, out);
    out->append(">\n");
    AppendAnnotations(v.annotations, "        ", out);
    out->append("        <seg>");
    out->append(v.seg);
    out->append("</seg>\n      </tuv>\n");
  }
  out->append("    </tu>\n");
}

TmxWriter::TmxWriter(const std::string& path, const Options& options) : out_(path) {
  buf_.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header");
  Attrs header = {{"creationtool", "tmkit"},
                  {"creationtoolversion", TMKIT_VERSION},
                  {"segtype", options.segtype},
                  {"o-tmf", "tmkit"},
                  {"adminlang", "en"},
                  {"srclang", options.srclang},
                  {"datatype", options.datatype}};
  if (!options.creationdate.empty()) header.push_back({"creationdate", options.creationdate});
  AppendAttrs(header, &buf_);
  buf_.append("/>\n  <body>\n");
}

void TmxWriter::Flush() {
  out_.Write(buf_);
  buf_.clear();
}

void TmxWriter::Write(const Unit& unit) {
  AppendTuXml(unit, &buf_);
  ++units_;
  if (buf_.size() >= (1 << 20)) Flush();
}

void TmxWriter::Finish() {
  buf_.append("  </body>\n</tmx>\n");
  Flush();
  out_.Commit();
}

}  // namespace tmkit
