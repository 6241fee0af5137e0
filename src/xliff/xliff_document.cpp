#include "xliff/xliff_document.h"

#include <pugixml.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <set>
#include <sstream>

#include "text/encoding.h"
#include "text/lang_tag.h"
#include "tmx/seg.h"
#include "tmx/xml_scanner.h"
#include "util/output_file.h"

namespace tmkit {

namespace {

constexpr const char* kMatchesNs = "urn:oasis:names:tc:xliff:matches:2.0";
constexpr const char* kNsPrefix = "urn:oasis:names:tc:xliff:document:";

const char* AttrOf(pugi::xml_node n, const char* name) { return n.attribute(name).value(); }

void SetAttrOf(pugi::xml_node n, const char* name, const std::string& value) {
  pugi::xml_attribute a = n.attribute(name);
  if (!a) a = n.append_attribute(name);
  a.set_value(value.c_str());
}

// The white space before node on its own line ("\n    "), or "" when it shares a line.
std::string IndentBefore(pugi::xml_node n) {
  pugi::xml_node p = n.previous_sibling();
  if (!p || p.type() != pugi::node_pcdata) return "";
  std::string v = p.value();
  size_t nl = v.rfind('\n');
  if (nl == std::string::npos || v.find_first_not_of(" \t\r\n") != std::string::npos) return "";
  return v.substr(nl);
}

// A new element name right after sibling `after`, on a line of its own when `after` is.
pugi::xml_node InsertAfter(pugi::xml_node parent, pugi::xml_node after, const std::string& name) {
  std::string indent = IndentBefore(after);
  pugi::xml_node e = parent.insert_child_after(name.c_str(), after);
  if (!indent.empty()) parent.insert_child_after(pugi::node_pcdata, after).set_value(indent.c_str());
  return e;
}

pugi::xml_node LastElement(pugi::xml_node parent) {
  for (pugi::xml_node c = parent.last_child(); c; c = c.previous_sibling()) {
    if (c.type() == pugi::node_element) return c;
  }
  return {};
}

pugi::xml_node FirstElement(pugi::xml_node parent) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) return c;
  }
  return {};
}

pugi::xml_node AppendIndented(pugi::xml_node parent, const std::string& name) {
  pugi::xml_node last = LastElement(parent);
  return last ? InsertAfter(parent, last, name) : parent.append_child(name.c_str());
}

void RemoveChildren(pugi::xml_node n) {
  while (n.first_child()) n.remove_child(n.first_child());
}

// An XML NMTOKEN, approximately: no ASCII outside letters, digits and . - _ :
bool IsNmtoken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (c >= 0x80) continue;
    if (!std::isalnum(c) && c != '.' && c != '-' && c != '_' && c != ':') return false;
  }
  return true;
}

std::string FormatScore(double score, bool integer) {
  char buf[32];
  if (integer) {
    std::snprintf(buf, sizeof buf, "%d", static_cast<int>(std::floor(score + 1e-9)));
  } else {
    double r = std::floor(score * 10 + 1e-9) / 10;
    if (r == std::floor(r)) std::snprintf(buf, sizeof buf, "%d", static_cast<int>(r));
    else std::snprintf(buf, sizeof buf, "%.1f", r);
  }
  return buf;
}

}  // namespace

struct XliffSegData {
  pugi::xml_node unit;         // trans-unit or unit
  pugi::xml_node segment;      // 2.x segment
  pugi::xml_node source;       // source element, or the seg-source mrk
  pugi::xml_node target;       // target element or target mrk; may be null
  pugi::xml_node target_elem;  // 1.2 <target> (carries the state); may be null
  pugi::xml_node seg_source;   // 1.2 seg-source of a segmented unit
  std::string mid;
  InlineContext ctx;
  std::vector<XliffCode> codes;
  std::map<std::string, int> key_to_x;
  size_t unit_first = 0, unit_count = 1;  // the segments of the same unit
  int filled = 0;                          // by this run: 1 exact, 2 fuzzy
};

struct XliffDocument::Impl {
  std::string path, text, encoding, version;
  XliffFamily family = XliffFamily::kV1;
  std::string core_ns, prefix;  // prefix with its colon
  std::string mtc_prefix;       // 2.x, once the matches namespace is declared
  std::string trg_lang_default; // 2.x: --to, to write as trgLang when the file has none
  pugi::xml_document doc;
  std::vector<XliffSegment> segments;
  std::vector<XliffSegData> data;

  Location LocationAt(ptrdiff_t offset) const {
    Location loc{path, 0, 0};
    if (offset < 0) return loc;
    LineCounter c;
    c.Advance(text.data(), std::min<size_t>(static_cast<size_t>(offset), text.size()));
    loc.line = c.line();
    loc.column = c.column();
    return loc;
  }
  // Where an element starts: the offset pugixml gives is that of its name, after '<'.
  Location Where(pugi::xml_node n) const {
    ptrdiff_t off = n.offset_debug();
    return LocationAt(off > 0 ? off - 1 : off);
  }
  [[noreturn]] void Fail(pugi::xml_node n, const std::string& message) const {
    ThrowInput(message, Where(n));
  }

  bool IsCore(pugi::xml_node n) const {
    return n.type() == pugi::node_element && NamespaceOf(n) == core_ns;
  }
  pugi::xml_node CoreChild(pugi::xml_node parent, std::string_view local) const {
    for (pugi::xml_node c : parent.children()) {
      if (c.type() == pugi::node_element && LocalName(c) == local && IsCore(c)) return c;
    }
    return {};
  }

  void CheckWellFormed();
  void ReadText();
  void Parse();
  void DetectVersion();
  std::string Lang(pugi::xml_node at, const char* attr, const std::string& given, const char* hint) const;
  void CollectV1(const Options& o);
  void WalkV1(pugi::xml_node node, bool translate, const std::string& src, const std::string& tgt);
  void AddUnitV1(pugi::xml_node tu, bool translate, const std::string& src, const std::string& tgt);
  void CollectV2(const Options& o);
  void WalkV2(pugi::xml_node node, bool translate, const std::string& src, const std::string& tgt);
  void AddUnitV2(pugi::xml_node unit, bool translate, const std::string& src, const std::string& tgt);
  std::string Convert(pugi::xml_node container, XliffSegData* d, std::vector<XliffCode>* codes,
                      std::map<std::string, int>* key_to_x) const;
  void Add(XliffSegData d, XliffSegment s);
  void RefreshTarget(size_t i);
  void UpdateStateV1(size_t i);
  void EnsureTrgLang();
  std::string MatchesPrefix();
};

void XliffDocument::Impl::CheckWellFormed() {
  // The streaming scanner checks nesting, entities and character references with precise
  // positions (pugixml accepts undefined entities and some malformed input silently).
  Utf8Source source(path, /*sniff_xml_declaration=*/true);
  XmlScanner s(&source);
  XmlScanner::Token t = s.SkipMisc(/*allow_doctype=*/true);
  if (t == XmlScanner::Token::kEof) ThrowInput("not an XLIFF file: no root element", Location{path, 0, 0});
  if (t != XmlScanner::Token::kStartTag) s.FailAt(s.offset(), "text before the root element");
  std::string element;
  s.ReadElement(&element);
  if (s.SkipMisc(false) != XmlScanner::Token::kEof) s.FailAt(s.offset(), "content after the root element");
}

void XliffDocument::Impl::ReadText() {
  Utf8Source source(path, /*sniff_xml_declaration=*/true);
  while (source.Read(&text, 1 << 20)) {
  }
  encoding = source.encoding();
  // XML 1.0 allows no C0 control character but tab, LF and CR, raw or escaped (the scanner
  // checks references), and neither U+FFFE nor U+FFFF.
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
      bad = true;
    }
    if (bad) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", c < 0x20 ? c : 0xFFFE + (text[i + 2] & 1));
      ThrowInput(std::string("character ") + buf + " is not allowed in XML", LocationAt(static_cast<ptrdiff_t>(i)));
    }
  }
}

void XliffDocument::Impl::Parse() {
  unsigned flags = pugi::parse_full | pugi::parse_ws_pcdata;
  pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), flags, pugi::encoding_utf8);
  if (!r) ThrowInput(r.description(), LocationAt(r.offset));
}

void XliffDocument::Impl::DetectVersion() {
  pugi::xml_node root = doc.document_element();
  if (LocalName(root) != "xliff") {
    Fail(root, std::string("not an XLIFF file: the root element is <") + root.name() + ">");
  }
  std::string_view name = root.name();
  size_t colon = name.find(':');
  prefix = colon == std::string_view::npos ? "" : std::string(name.substr(0, colon + 1));
  core_ns = NamespaceOf(root);
  version = AttrOf(root, "version");
  std::string ns_version;
  if (core_ns.rfind(kNsPrefix, 0) == 0) ns_version = core_ns.substr(std::strlen(kNsPrefix));
  if (version.empty()) version = ns_version;
  if (version == "1.0" || version == "1.1" || version == "1.2") {
    family = XliffFamily::kV1;
  } else if (version == "2.0" || version == "2.1" || version == "2.2") {
    family = XliffFamily::kV2;
  } else if (version.empty()) {
    Fail(root, "<xliff> has no version attribute and no XLIFF namespace");
  } else {
    Fail(root, "unknown XLIFF version \"" + version + "\" (tmkit reads 1.0, 1.1, 1.2, 2.0, 2.1 and 2.2)");
  }
  if (!ns_version.empty() && (ns_version[0] == '2') != (family == XliffFamily::kV2)) {
    Fail(root, "XLIFF version " + version + " in the namespace of XLIFF " + ns_version);
  }
}

std::string XliffDocument::Impl::Lang(pugi::xml_node at, const char* attr, const std::string& given,
                                      const char* hint) const {
  if (!given.empty()) return given;
  std::string value = AttrOf(at, attr);
  if (value.empty()) {
    Fail(at, std::string("<") + at.name() + "> has no " + attr + " (give the language with " + hint + ")");
  }
  std::optional<std::string> canon = CanonicalLangTag(value);
  if (!canon || *canon == "*all*") Fail(at, std::string("invalid language tag \"") + value + "\" in " + attr);
  if (!IsKnownLanguage(*canon)) Fail(at, std::string("unknown language \"") + value + "\" in " + attr);
  return *canon;
}

std::string XliffDocument::Impl::Convert(pugi::xml_node container, XliffSegData* d,
                                         std::vector<XliffCode>* codes,
                                         std::map<std::string, int>* key_to_x) const {
  try {
    return XliffToTmx(container, d->ctx, codes, key_to_x);
  } catch (const Error& e) {
    if (e.where().line > 0) throw;
    Fail(container, e.message());
  }
}

void XliffDocument::Impl::Add(XliffSegData d, XliffSegment s) {
  data.push_back(std::move(d));
  segments.push_back(std::move(s));
}

void XliffDocument::Impl::CollectV1(const Options& o) {
  pugi::xml_node root = doc.document_element();
  for (pugi::xml_node file : root.children()) {
    if (file.type() != pugi::node_element || LocalName(file) != "file" || !IsCore(file)) continue;
    std::string src = Lang(file, "source-language", o.from, "--from");
    std::string tgt = Lang(file, "target-language", o.to, "--to");
    pugi::xml_node body = CoreChild(file, "body");
    if (body) WalkV1(body, true, src, tgt);
  }
}

void XliffDocument::Impl::WalkV1(pugi::xml_node node, bool translate, const std::string& src,
                                 const std::string& tgt) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element || !IsCore(c)) continue;
    std::string_view name = LocalName(c);
    std::string t = AttrOf(c, "translate");
    bool tr = t.empty() ? translate : t != "no";
    if (name == "group") WalkV1(c, tr, src, tgt);
    else if (name == "trans-unit") AddUnitV1(c, tr, src, tgt);
  }
}

namespace {

// The mrk mtype="seg" elements under node, outermost only, in document order.
void FindSegMrks(pugi::xml_node node, std::vector<pugi::xml_node>* out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    if (LocalName(c) == "mrk" && std::strcmp(c.attribute("mtype").value(), "seg") == 0) {
      out->push_back(c);
    } else {
      FindSegMrks(c, out);
    }
  }
}

pugi::xml_node FindMrk(pugi::xml_node node, const std::string& mid) {
  std::vector<pugi::xml_node> mrks;
  FindSegMrks(node, &mrks);
  for (pugi::xml_node m : mrks) {
    if (mid == m.attribute("mid").value()) return m;
  }
  return {};
}

}  // namespace

void XliffDocument::Impl::AddUnitV1(pugi::xml_node tu, bool translate, const std::string& src,
                                    const std::string& tgt) {
  pugi::xml_node source = CoreChild(tu, "source");
  if (!source) return;
  pugi::xml_node seg_source = CoreChild(tu, "seg-source");
  pugi::xml_node target = CoreChild(tu, "target");
  std::vector<pugi::xml_node> mrks;
  if (seg_source) FindSegMrks(seg_source, &mrks);
  std::string unit_id = AttrOf(tu, "id");
  size_t first = segments.size();
  size_t count = mrks.empty() ? 1 : mrks.size();
  for (size_t k = 0; k < count; ++k) {
    XliffSegData d;
    d.unit = tu;
    d.ctx = InlineContext{XliffFamily::kV1, core_ns, prefix, {}};
    d.target_elem = target;
    d.unit_first = first;
    d.unit_count = count;
    XliffSegment s;
    s.unit_id = unit_id;
    if (mrks.empty()) {
      d.source = source;
      d.target = target;
    } else {
      d.seg_source = seg_source;
      d.source = mrks[k];
      d.mid = AttrOf(mrks[k], "mid");
      d.target = target ? FindMrk(target, d.mid) : pugi::xml_node();
      s.segment_id = d.mid;
    }
    s.tuid = count == 1 ? unit_id : unit_id + "/" + (d.mid.empty() ? std::to_string(k + 1) : d.mid);
    s.source_lang = src;
    s.target_lang = tgt;
    s.source_seg = Convert(d.source, &d, &d.codes, &d.key_to_x);
    s.source_text = SegPlainText(s.source_seg);
    s.state = target ? AttrOf(target, "state") : "";
    s.approved = std::strcmp(AttrOf(tu, "approved"), "yes") == 0;
    s.translate = translate;
    s.where = Where(d.source);
    if (d.target && !IsBlank(d.target)) {
      std::vector<XliffCode> codes;
      std::map<std::string, int> keys = d.key_to_x;
      s.has_target = true;
      s.target_seg = Convert(d.target, &d, &codes, &keys);
      s.target_text = SegPlainText(s.target_seg);
    }
    Add(std::move(d), std::move(s));
  }
}

void XliffDocument::Impl::CollectV2(const Options& o) {
  pugi::xml_node root = doc.document_element();
  std::string src = Lang(root, "srcLang", o.from, "--from");
  std::string tgt = Lang(root, "trgLang", o.to, "--to");
  if (!*AttrOf(root, "trgLang")) trg_lang_default = tgt;
  for (pugi::xml_node file : root.children()) {
    if (file.type() != pugi::node_element || LocalName(file) != "file" || !IsCore(file)) continue;
    std::string t = AttrOf(file, "translate");
    WalkV2(file, t != "no", src, tgt);
  }
}

void XliffDocument::Impl::WalkV2(pugi::xml_node node, bool translate, const std::string& src,
                                 const std::string& tgt) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element || !IsCore(c)) continue;
    std::string_view name = LocalName(c);
    if (name != "group" && name != "unit") continue;
    std::string id = AttrOf(c, "id");
    if (!IsNmtoken(id)) {
      Fail(c, "<" + std::string(name) + "> id \"" + id + "\" is not a valid XLIFF 2 identifier (NMTOKEN)");
    }
    std::string t = AttrOf(c, "translate");
    bool tr = t.empty() ? translate : t != "no";
    if (name == "group") WalkV2(c, tr, src, tgt);
    else AddUnitV2(c, tr, src, tgt);
  }
}

void XliffDocument::Impl::AddUnitV2(pugi::xml_node unit, bool translate, const std::string& src,
                                    const std::string& tgt) {
  pugi::xml_node original_data = CoreChild(unit, "originalData");
  std::vector<pugi::xml_node> segs;
  for (pugi::xml_node c : unit.children()) {
    if (c.type() == pugi::node_element && LocalName(c) == "segment" && IsCore(c)) segs.push_back(c);
  }
  // An <ec> must come after its <sc> in the unit (they may be in different segments).
  std::set<std::string> opened;
  std::function<void(pugi::xml_node)> check = [&](pugi::xml_node n) {
    for (pugi::xml_node c : n.children()) {
      if (c.type() != pugi::node_element || !IsCore(c)) continue;
      std::string_view name = LocalName(c);
      bool isolated = std::strcmp(AttrOf(c, "isolated"), "yes") == 0;
      if (name == "sc" && !isolated) opened.insert(AttrOf(c, "id"));
      if (name == "ec" && !isolated && !opened.count(AttrOf(c, "startRef"))) {
        Fail(c, std::string("<ec startRef=\"") + AttrOf(c, "startRef") +
                    "\"> without an earlier <sc> of that id in the unit");
      }
      check(c);
    }
  };
  for (pugi::xml_node seg : segs) check(CoreChild(seg, "source"));
  std::string unit_id = AttrOf(unit, "id");
  size_t first = segments.size();
  for (size_t k = 0; k < segs.size(); ++k) {
    XliffSegData d;
    d.unit = unit;
    d.segment = segs[k];
    d.ctx = InlineContext{XliffFamily::kV2, core_ns, prefix, original_data};
    d.unit_first = first;
    d.unit_count = segs.size();
    d.source = CoreChild(segs[k], "source");
    d.target = CoreChild(segs[k], "target");
    if (!d.source) Fail(segs[k], "<segment> without <source>");
    XliffSegment s;
    s.unit_id = unit_id;
    s.segment_id = AttrOf(segs[k], "id");
    if (!s.segment_id.empty() && !IsNmtoken(s.segment_id)) {
      Fail(segs[k], "<segment> id \"" + s.segment_id + "\" is not a valid XLIFF 2 identifier (NMTOKEN)");
    }
    s.tuid = segs.size() == 1 ? unit_id
                              : unit_id + "/" + (s.segment_id.empty() ? std::to_string(k + 1) : s.segment_id);
    s.source_lang = src;
    s.target_lang = tgt;
    s.source_seg = Convert(d.source, &d, &d.codes, &d.key_to_x);
    s.source_text = SegPlainText(s.source_seg);
    s.state = AttrOf(segs[k], "state");
    s.translate = translate;
    s.where = Where(d.source);
    if (d.target && !IsBlank(d.target)) {
      std::vector<XliffCode> codes;
      std::map<std::string, int> keys = d.key_to_x;
      s.has_target = true;
      s.target_seg = Convert(d.target, &d, &codes, &keys);
      s.target_text = SegPlainText(s.target_seg);
    }
    Add(std::move(d), std::move(s));
  }
}

XliffDocument::XliffDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XliffDocument::~XliffDocument() = default;

std::unique_ptr<XliffDocument> XliffDocument::Load(const std::string& path, const Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->ReadText();
  impl->CheckWellFormed();
  impl->Parse();
  impl->DetectVersion();
  if (impl->family == XliffFamily::kV1) impl->CollectV1(options);
  else impl->CollectV2(options);
  return std::unique_ptr<XliffDocument>(new XliffDocument(std::move(impl)));
}

XliffFamily XliffDocument::family() const { return impl_->family; }
const std::string& XliffDocument::version() const { return impl_->version; }
const std::string& XliffDocument::encoding() const { return impl_->encoding; }
const std::string& XliffDocument::path() const { return impl_->path; }
const std::vector<XliffSegment>& XliffDocument::segments() const { return impl_->segments; }

void XliffDocument::RemoveMatches(const std::string& origin) {
  Impl& m = *impl_;
  std::set<const void*> units;
  for (XliffSegData& d : m.data) {
    if (!units.insert(d.unit.internal_object()).second) continue;
    if (m.family == XliffFamily::kV1) {
      std::vector<pugi::xml_node> gone;
      for (pugi::xml_node c : d.unit.children()) {
        if (c.type() == pugi::node_element && LocalName(c) == "alt-trans" && m.IsCore(c) &&
            origin == AttrOf(c, "origin")) {
          gone.push_back(c);
        }
      }
      for (pugi::xml_node c : gone) {
        pugi::xml_node ws = c.previous_sibling();
        if (ws && ws.type() == pugi::node_pcdata &&
            std::string(ws.value()).find_first_not_of(" \t\r\n") == std::string::npos) {
          d.unit.remove_child(ws);
        }
        d.unit.remove_child(c);
      }
      continue;
    }
    for (pugi::xml_node matches : d.unit.children()) {
      if (matches.type() != pugi::node_element || LocalName(matches) != "matches" ||
          NamespaceOf(matches) != kMatchesNs) {
        continue;
      }
      std::vector<pugi::xml_node> gone;
      for (pugi::xml_node c : matches.children()) {
        if (c.type() == pugi::node_element && LocalName(c) == "match" && origin == AttrOf(c, "origin")) {
          gone.push_back(c);
        }
      }
      for (pugi::xml_node c : gone) {
        pugi::xml_node ws = c.previous_sibling();
        if (ws && ws.type() == pugi::node_pcdata &&
            std::string(ws.value()).find_first_not_of(" \t\r\n") == std::string::npos) {
          matches.remove_child(ws);
        }
        matches.remove_child(c);
      }
    }
  }
}

std::string XliffDocument::Impl::MatchesPrefix() {
  if (!mtc_prefix.empty()) return mtc_prefix;
  pugi::xml_node root = doc.document_element();
  for (pugi::xml_attribute a : root.attributes()) {
    std::string_view n = a.name();
    if (n.rfind("xmlns:", 0) == 0 && std::strcmp(a.value(), kMatchesNs) == 0) {
      mtc_prefix = std::string(n.substr(6)) + ":";
      return mtc_prefix;
    }
  }
  std::string p = "mtc";
  if (root.attribute("xmlns:mtc")) p = "tmkit-mtc";
  root.append_attribute(("xmlns:" + p).c_str()) = kMatchesNs;
  mtc_prefix = p + ":";
  return mtc_prefix;
}

void XliffDocument::Impl::EnsureTrgLang() {
  if (trg_lang_default.empty()) return;
  pugi::xml_node root = doc.document_element();
  if (!root.attribute("trgLang")) {
    pugi::xml_attribute src = root.attribute("srcLang");
    pugi::xml_attribute a = src ? root.insert_attribute_after("trgLang", src) : root.append_attribute("trgLang");
    a.set_value(trg_lang_default.c_str());
  }
}

void XliffDocument::AddMatch(size_t i, const XliffMatch& match) {
  Impl& m = *impl_;
  XliffSegData& d = m.data.at(i);
  XliffSegment& s = m.segments.at(i);
  const std::string& p = m.prefix;
  auto fill = [&](pugi::xml_node out, const std::string& seg) {
    if (!TmxToXliffMapped(seg, match.source_seg, d.codes, d.ctx, out)) {
      TmxToXliffGeneric(seg, d.ctx, out);
    }
  };
  if (m.family == XliffFamily::kV1) {
    pugi::xml_node alt = AppendIndented(d.unit, p + "alt-trans");
    if (!d.mid.empty()) alt.append_attribute("mid") = d.mid.c_str();
    alt.append_attribute("match-quality") = FormatScore(match.score, true).c_str();
    alt.append_attribute("origin") = match.origin.c_str();
    pugi::xml_node src = alt.append_child((p + "source").c_str());
    src.append_attribute("xml:lang") = s.source_lang.c_str();
    fill(src, match.source_seg);
    pugi::xml_node tgt = alt.append_child((p + "target").c_str());
    tgt.append_attribute("xml:lang") = s.target_lang.c_str();
    fill(tgt, match.target_seg);
    return;
  }
  m.EnsureTrgLang();
  if (s.segment_id.empty()) {
    // ref must name the segment: give it an id no element of the unit has.
    std::set<std::string> ids;
    std::function<void(pugi::xml_node)> collect = [&](pugi::xml_node n) {
      for (pugi::xml_node c : n.children()) {
        if (c.type() != pugi::node_element) continue;
        if (const char* id = AttrOf(c, "id"); *id) ids.insert(id);
        collect(c);
      }
    };
    collect(d.unit);
    for (int k = 1;; ++k) {
      std::string id = "tmkit-s" + std::to_string(k);
      if (!ids.count(id)) {
        s.segment_id = id;
        break;
      }
    }
    d.segment.append_attribute("id") = s.segment_id.c_str();
  }
  pugi::xml_node matches;
  for (pugi::xml_node c : d.unit.children()) {
    if (c.type() == pugi::node_element && LocalName(c) == "matches" && NamespaceOf(c) == kMatchesNs) {
      matches = c;
      break;
    }
  }
  std::string mp;
  if (matches) {
    std::string_view n = matches.name();
    size_t colon = n.find(':');
    mp = colon == std::string_view::npos ? "" : std::string(n.substr(0, colon + 1));
  } else {
    mp = m.MatchesPrefix();
    pugi::xml_node first = FirstElement(d.unit);
    std::string indent = first ? IndentBefore(first) : "";
    matches = first ? d.unit.insert_child_before((mp + "matches").c_str(), first)
                    : d.unit.append_child((mp + "matches").c_str());
    if (!indent.empty()) d.unit.insert_child_after(pugi::node_pcdata, matches).set_value(indent.c_str());
  }
  pugi::xml_node mt = AppendIndented(matches, mp + "match");
  mt.append_attribute("ref") = ("#" + s.segment_id).c_str();
  std::string score = FormatScore(match.score, false);
  mt.append_attribute("similarity") = score.c_str();
  mt.append_attribute("matchQuality") = score.c_str();
  mt.append_attribute("origin") = match.origin.c_str();
  pugi::xml_node src = mt.append_child((p + "source").c_str());
  fill(src, match.source_seg);
  pugi::xml_node tgt = mt.append_child((p + "target").c_str());
  fill(tgt, match.target_seg);
  // Codes copied from the unit keep their data references: bring the data along.
  std::set<std::string> refs;
  std::function<void(pugi::xml_node)> collect = [&](pugi::xml_node n) {
    for (pugi::xml_node c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      for (const char* a : {"dataRef", "dataRefStart", "dataRefEnd"}) {
        if (const char* v = AttrOf(c, a); *v) refs.insert(v);
      }
      collect(c);
    }
  };
  collect(mt);
  if (!refs.empty() && d.ctx.original_data) {
    pugi::xml_node od = mt.insert_child_before((p + "originalData").c_str(), src);
    for (pugi::xml_node data : d.ctx.original_data.children()) {
      if (data.type() == pugi::node_element && refs.count(AttrOf(data, "id"))) od.append_copy(data);
    }
  }
}

void XliffDocument::Impl::RefreshTarget(size_t i) {
  XliffSegData& d = data[i];
  XliffSegment& s = segments[i];
  s.has_target = d.target && !IsBlank(d.target);
  s.target_seg.clear();
  s.target_text.clear();
  if (s.has_target) {
    std::vector<XliffCode> codes;
    std::map<std::string, int> keys = d.key_to_x;
    s.target_seg = Convert(d.target, &d, &codes, &keys);
    s.target_text = SegPlainText(s.target_seg);
  }
}

void XliffDocument::Impl::UpdateStateV1(size_t i) {
  XliffSegData& d = data[i];
  bool fuzzy = false, complete = true;
  for (size_t k = d.unit_first; k < d.unit_first + d.unit_count; ++k) {
    fuzzy = fuzzy || data[k].filled == 2;
    complete = complete && segments[k].has_target;
  }
  pugi::xml_node t = d.target_elem;
  if (fuzzy) {
    SetAttrOf(t, "state", "needs-review-translation");
    SetAttrOf(t, "state-qualifier", "fuzzy-match");
  } else if (complete) {
    SetAttrOf(t, "state", "translated");
    SetAttrOf(t, "state-qualifier", "exact-match");
  } else {
    SetAttrOf(t, "state", "needs-translation");
    t.remove_attribute("state-qualifier");
  }
  for (size_t k = d.unit_first; k < d.unit_first + d.unit_count; ++k) segments[k].state = AttrOf(t, "state");
}

bool XliffDocument::FillTarget(size_t i, const std::string& tm_source_seg,
                               const std::string& tm_target_seg, FillKind kind) {
  Impl& m = *impl_;
  XliffSegData& d = m.data.at(i);
  XliffSegment& s = m.segments.at(i);
  if (d.target && !IsBlank(d.target)) return false;
  // A segmented 1.2 unit whose target exists but lacks this segment's mrk: no safe place.
  if (m.family == XliffFamily::kV1 && d.seg_source && d.target_elem && !d.target) return false;
  pugi::xml_document scratch;
  pugi::xml_node content = scratch.append_child("content");
  if (!TmxToXliffMapped(tm_target_seg, tm_source_seg, d.codes, d.ctx, content)) return false;
  const std::string& p = m.prefix;
  if (m.family == XliffFamily::kV1) {
    if (!d.target_elem) {
      pugi::xml_node after = d.seg_source ? d.seg_source : m.CoreChild(d.unit, "source");
      pugi::xml_node t = InsertAfter(d.unit, after, p + "target");
      t.append_attribute("xml:lang") = s.target_lang.c_str();
      if (d.seg_source) {
        for (pugi::xml_node c : d.seg_source.children()) t.append_copy(c);
        std::vector<pugi::xml_node> mrks;
        FindSegMrks(t, &mrks);
        for (pugi::xml_node mrk : mrks) RemoveChildren(mrk);
      }
      for (size_t k = d.unit_first; k < d.unit_first + d.unit_count; ++k) {
        m.data[k].target_elem = t;
        m.data[k].target = m.data[k].seg_source ? FindMrk(t, m.data[k].mid) : t;
      }
    }
    RemoveChildren(d.target);
    for (pugi::xml_node c : content.children()) d.target.append_copy(c);
    d.filled = kind == FillKind::kExact ? 1 : 2;
    m.RefreshTarget(i);
    m.UpdateStateV1(i);
    return true;
  }
  m.EnsureTrgLang();
  if (!d.target) d.target = InsertAfter(d.segment, d.source, p + "target");
  RemoveChildren(d.target);
  for (pugi::xml_node c : content.children()) d.target.append_copy(c);
  d.filled = kind == FillKind::kExact ? 1 : 2;
  d.segment.remove_attribute("subState");
  if (kind == FillKind::kExact) {
    SetAttrOf(d.segment, "state", "translated");
  } else {
    SetAttrOf(d.segment, "state", "initial");
    SetAttrOf(d.segment, "subState", "tmkit:fuzzy-match");
  }
  s.state = AttrOf(d.segment, "state");
  m.RefreshTarget(i);
  return true;
}

std::string XliffDocument::ToString() const {
  pugi::xml_document& doc = impl_->doc;
  pugi::xml_node decl;
  for (pugi::xml_node c : doc.children()) {
    if (c.type() == pugi::node_declaration) decl = c;
  }
  if (!decl) {
    decl = doc.prepend_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
  }
  SetAttrOf(decl, "encoding", "UTF-8");
  std::ostringstream out;
  for (pugi::xml_node c : doc.children()) {
    c.print(out, "", pugi::format_raw, pugi::encoding_utf8);
    out << '\n';
  }
  return out.str();
}

void XliffDocument::Save(const std::string& path) const { WriteOutputFile(path, ToString()); }

}  // namespace tmkit
