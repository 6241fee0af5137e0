#include "xliff/xliff_inline.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <unordered_map>

#include "tmx/seg.h"
#include "util/error.h"

namespace tmkit {

std::string_view LocalName(pugi::xml_node node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string NamespaceOf(pugi::xml_node node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  std::string prefix = colon == std::string_view::npos ? "" : std::string(name.substr(0, colon));
  if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
  std::string attr = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
  }
  return "";
}

bool IsBlank(pugi::xml_node node) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element) return false;
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      for (const char* p = c.value(); *p; ++p) {
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return false;
      }
    }
  }
  return true;
}

namespace {

// How an element of a segment's content is converted.
enum class Kind {
  kText,        // not an element
  kWrapper,     // g, pc: bpt + content + ept
  kOpener,      // bx, bpt, sc: pairs with a later closer, else isolated
  kCloser,      // ex, ept, ec
  kIsolated,    // it, sc/ec isolated="yes"
  kStandalone,  // x, ph, cp, foreign elements
  kHighlight,   // mrk: TMX hi
  kDropped,     // 2.x sm, em
  kTransparent, // content kept, element dropped
};

struct Item {
  pugi::xml_node node;
  Kind kind = Kind::kStandalone;
  std::string family;    // pairing family: "bx", "bpt", "sc"
  std::string pair_key;  // id that links an opener and its closer
  std::string key;       // identity for x
  int partner = -1;      // index of the other end of a pair
  bool begin = true;     // for isolated codes: begin (open) or end (close)
};

const char* AttrOf(pugi::xml_node n, const char* name) { return n.attribute(name).value(); }

Kind Classify(pugi::xml_node n, const InlineContext& ctx, Item* item) {
  if (NamespaceOf(n) != ctx.core_ns) return Kind::kStandalone;
  std::string_view name = LocalName(n);
  if (ctx.family == XliffFamily::kV1) {
    if (name == "g") return Kind::kWrapper;
    if (name == "x" || name == "ph") return Kind::kStandalone;
    if (name == "bx" || name == "bpt" || name == "ex" || name == "ept") {
      bool open = name == "bx" || name == "bpt";
      item->family = (name == "bx" || name == "ex") ? "bx" : "bpt";
      item->pair_key = *AttrOf(n, "rid") ? AttrOf(n, "rid") : AttrOf(n, "id");
      return open ? Kind::kOpener : Kind::kCloser;
    }
    if (name == "it") {
      item->begin = std::strcmp(AttrOf(n, "pos"), "close") != 0;
      return Kind::kIsolated;
    }
    if (name == "mrk") return Kind::kHighlight;
    return Kind::kStandalone;
  }
  if (name == "pc") return Kind::kWrapper;
  if (name == "sc" || name == "ec") {
    bool open = name == "sc";
    item->family = "sc";
    if (std::strcmp(AttrOf(n, "isolated"), "yes") == 0) {
      item->begin = open;
      return Kind::kIsolated;
    }
    item->pair_key = open ? AttrOf(n, "id") : AttrOf(n, "startRef");
    return open ? Kind::kOpener : Kind::kCloser;
  }
  if (name == "mrk") return Kind::kHighlight;
  if (name == "sm" || name == "em") return Kind::kDropped;
  return Kind::kStandalone;
}

// Collects the code elements of container in document order, into wrappers and highlights.
void Flatten(pugi::xml_node container, const InlineContext& ctx, std::vector<Item>* items) {
  for (pugi::xml_node c : container.children()) {
    if (c.type() != pugi::node_element) continue;
    Item item;
    item.node = c;
    item.kind = Classify(c, ctx, &item);
    items->push_back(item);
    if (item.kind == Kind::kWrapper || item.kind == Kind::kHighlight) Flatten(c, ctx, items);
  }
}

// Pairs openers with closers and gives every code its identity.
void Pair(std::vector<Item>* items, const InlineContext& ctx) {
  std::map<std::string, std::vector<int>> open;  // family + key -> unpaired openers
  for (size_t i = 0; i < items->size(); ++i) {
    Item& it = (*items)[i];
    if (it.kind == Kind::kOpener) {
      open[it.family + "\x1f" + it.pair_key].push_back(static_cast<int>(i));
    } else if (it.kind == Kind::kCloser) {
      auto f = open.find(it.family + "\x1f" + it.pair_key);
      if (f != open.end() && !f->second.empty()) {
        it.partner = f->second.back();
        (*items)[it.partner].partner = static_cast<int>(i);
        f->second.pop_back();
      }
    }
  }
  std::map<std::string, int> seen;
  for (Item& it : *items) {
    std::string_view name = LocalName(it.node);
    std::string id = AttrOf(it.node, "id");
    std::string key;
    if (it.kind == Kind::kCloser && it.partner >= 0) continue;  // takes its opener's x
    if (it.kind == Kind::kOpener || it.kind == Kind::kCloser) {
      key = std::string(it.kind == Kind::kOpener ? "open:" : "close:") + it.family + ":" + it.pair_key;
      if (it.partner < 0) {
        it.begin = it.kind == Kind::kOpener;
        it.kind = Kind::kIsolated;
      }
    } else if (ctx.family == XliffFamily::kV2 && name == "cp") {
      key = std::string("cp:") + AttrOf(it.node, "hex");
    } else if (it.kind == Kind::kIsolated && ctx.family == XliffFamily::kV2) {
      key = std::string(it.begin ? "open:sc:" : "close:sc:") + id;
    } else {
      key = std::string(name) + ":" + id;
    }
    int n = seen[key]++;
    if (n > 0) key += "#" + std::to_string(n);
    it.key = key;
  }
}

void AppendNum(std::string* out, const char* name, int v) {
  out->append(" ");
  out->append(name);
  out->append("=\"");
  out->append(std::to_string(v));
  out->append("\"");
}

// Text of node's descendants, leaving out the native data of nested codes (for TMX <sub>).
void SubText(pugi::xml_node node, std::string* out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      AppendEscapedText(out, c.value());
    } else if (c.type() == pugi::node_element) {
      std::string_view n = LocalName(c);
      if (n == "bpt" || n == "ept" || n == "ph" || n == "it" || n == "x" || n == "bx" || n == "ex") continue;
      SubText(c, out);
    }
  }
}

// The native data held by a 1.2 bpt, ept, ph or it: its text, with <sub> kept.
void NativeV1(pugi::xml_node node, std::string* out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      AppendEscapedText(out, c.value());
    } else if (c.type() == pugi::node_element) {
      if (LocalName(c) == "sub") {
        out->append("<sub>");
        SubText(c, out);
        out->append("</sub>");
      } else {
        NativeV1(c, out);
      }
    }
  }
}

// The 2.x original data a dataRef points at, escaped; throws when it is not there.
std::string NativeV2(const char* ref, const InlineContext& ctx, const char* attr) {
  std::string out;
  if (!*ref) return out;
  for (pugi::xml_node d : ctx.original_data.children()) {
    if (d.type() != pugi::node_element || LocalName(d) != "data") continue;
    if (std::strcmp(AttrOf(d, "id"), ref) != 0) continue;
    for (pugi::xml_node c : d.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        AppendEscapedText(&out, c.value());
      }
    }
    return out;
  }
  throw Error(Error::Kind::kInput, std::string(attr) + "=\"" + ref +
                                       "\" refers to no <data> in the unit's <originalData>");
}

std::string Native(const Item& it, const InlineContext& ctx, bool end_of_wrapper) {
  std::string out;
  if (ctx.family == XliffFamily::kV1) {
    std::string_view n = LocalName(it.node);
    if (n == "bpt" || n == "ept" || n == "ph" || n == "it") NativeV1(it.node, &out);
    return out;
  }
  if (it.kind == Kind::kWrapper) {
    const char* attr = end_of_wrapper ? "dataRefEnd" : "dataRefStart";
    return NativeV2(AttrOf(it.node, attr), ctx, attr);
  }
  return NativeV2(AttrOf(it.node, "dataRef"), ctx, "dataRef");
}

void AppendCode(std::string* out, const char* tag, int i, int x, const char* pos,
                const std::string& native) {
  out->append("<");
  out->append(tag);
  if (pos) {
    out->append(" pos=\"");
    out->append(pos);
    out->append("\"");
  }
  if (i > 0) AppendNum(out, "i", i);
  if (x > 0) AppendNum(out, "x", x);
  if (native.empty()) {
    out->append("/>");
  } else {
    out->append(">");
    out->append(native);
    out->append("</");
    out->append(tag);
    out->append(">");
  }
}

struct Emitter {
  const InlineContext& ctx;
  std::vector<Item>& items;
  std::unordered_map<const void*, int> index;  // element -> item
  std::map<std::string, int>* key_to_x;
  std::vector<XliffCode>* codes;
  std::vector<int> x_of, i_of;
  int next_x = 1, next_i = 1;
  std::string out;

  int XFor(int item) {
    const std::string& key = items[item].key;
    auto f = key_to_x->find(key);
    if (f != key_to_x->end()) return f->second;
    (*key_to_x)[key] = next_x;
    return next_x++;
  }
  void Add(XliffCode::Role role, int item, int x, bool wrapper) {
    XliffCode c;
    c.role = role;
    c.wrapper = wrapper;
    c.node = items[item].node;
    c.key = items[item].key;
    c.x = x;
    codes->push_back(std::move(c));
  }

  void Walk(pugi::xml_node container) {
    for (pugi::xml_node c : container.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        AppendEscapedText(&out, c.value());
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      int k = index.at(c.internal_object());
      Item& it = items[k];
      switch (it.kind) {
        case Kind::kWrapper: {
          int x = XFor(k), i = next_i++;
          AppendCode(&out, "bpt", i, x, nullptr, Native(it, ctx, false));
          Add(XliffCode::Role::kBegin, k, x, true);
          Walk(c);
          AppendCode(&out, "ept", i, 0, nullptr, Native(it, ctx, true));
          Add(XliffCode::Role::kEnd, k, x, true);
          break;
        }
        case Kind::kOpener: {
          int x = XFor(k), i = next_i++;
          x_of[k] = x;
          i_of[k] = i;
          AppendCode(&out, "bpt", i, x, nullptr, Native(it, ctx, false));
          Add(XliffCode::Role::kBegin, k, x, false);
          break;
        }
        case Kind::kCloser: {
          AppendCode(&out, "ept", i_of[it.partner], 0, nullptr, Native(it, ctx, false));
          Add(XliffCode::Role::kEnd, k, x_of[it.partner], false);
          break;
        }
        case Kind::kIsolated: {
          int x = XFor(k);
          AppendCode(&out, "it", 0, x, it.begin ? "begin" : "end", Native(it, ctx, false));
          Add(XliffCode::Role::kIsolated, k, x, false);
          break;
        }
        case Kind::kStandalone: {
          int x = XFor(k);
          AppendCode(&out, "ph", 0, x, nullptr, Native(it, ctx, false));
          Add(XliffCode::Role::kStandalone, k, x, false);
          break;
        }
        case Kind::kHighlight: {
          std::string type = ctx.family == XliffFamily::kV1 ? AttrOf(c, "mtype") : AttrOf(c, "type");
          out.append("<hi");
          if (!type.empty()) {
            out.append(" type=\"");
            AppendEscapedAttr(&out, type);
            out.append("\"");
          }
          out.append(">");
          Walk(c);
          out.append("</hi>");
          break;
        }
        case Kind::kTransparent:
          Walk(c);
          break;
        case Kind::kDropped:
        case Kind::kText:
          break;
      }
    }
  }
};

}  // namespace

std::string XliffToTmx(pugi::xml_node container, const InlineContext& ctx,
                       std::vector<XliffCode>* codes, std::map<std::string, int>* key_to_x) {
  std::vector<Item> items;
  Flatten(container, ctx, &items);
  Pair(&items, ctx);
  // Closers pair with the x of their opener; make them carry its key for targets.
  for (Item& it : items) {
    if (it.kind == Kind::kCloser && it.partner >= 0) it.key = items[it.partner].key;
  }
  Emitter e{ctx, items, {}, key_to_x, codes, {}, {}, 1, 1, {}};
  for (const auto& [key, x] : *key_to_x) e.next_x = std::max(e.next_x, x + 1);
  for (size_t i = 0; i < items.size(); ++i) e.index[items[i].node.internal_object()] = static_cast<int>(i);
  e.x_of.assign(items.size(), 0);
  e.i_of.assign(items.size(), 0);
  e.Walk(container);
  return std::move(e.out);
}

namespace {

constexpr unsigned kSegFlags = pugi::parse_fragment | pugi::parse_ws_pcdata | pugi::parse_escapes |
                               pugi::parse_cdata | pugi::parse_eol;

struct TmCode {
  XliffCode::Role role;
  std::string identity;
  pugi::xml_node node;
};

void CollectTmNodes(pugi::xml_node n, std::vector<pugi::xml_node>* out) {
  for (pugi::xml_node c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = c.name();
    if (name == "bpt" || name == "ept" || name == "it" || name == "ph" || name == "ut") {
      out->push_back(c);
    } else if (name == "hi") {
      CollectTmNodes(c, out);
    }
  }
}

// The codes of a TMX segment with identities that link a target's codes to its source's.
std::vector<TmCode> TmCodes(pugi::xml_node seg) {
  std::vector<pugi::xml_node> nodes;
  CollectTmNodes(seg, &nodes);
  std::map<std::string, std::string> bpt_identity;  // i -> identity
  std::vector<TmCode> out;
  int its = 0, phs = 0;
  for (pugi::xml_node n : nodes) {
    std::string_view name = n.name();
    std::string x = n.attribute("x").value(), i = n.attribute("i").value();
    TmCode c{XliffCode::Role::kStandalone, "", n};
    if (name == "bpt") {
      c.role = XliffCode::Role::kBegin;
      c.identity = x.empty() ? "i" + i : "x" + x;
      bpt_identity[i] = c.identity;
    } else if (name == "ept") {
      c.role = XliffCode::Role::kEnd;
      auto f = bpt_identity.find(i);
      c.identity = f != bpt_identity.end() ? f->second : "i" + i;
    } else if (name == "it") {
      c.role = XliffCode::Role::kIsolated;
      c.identity = x.empty() ? "it" + std::to_string(its++) : "x" + x;
    } else {
      c.identity = x.empty() ? "ph" + std::to_string(phs++) : "x" + x;
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string RoleKey(const TmCode& c) {
  return std::to_string(static_cast<int>(c.role)) + ":" + c.identity;
}

}  // namespace

bool TmxToXliffMapped(std::string_view tm_seg, std::string_view tm_source_seg,
                      const std::vector<XliffCode>& file_codes, const InlineContext& ctx,
                      pugi::xml_node parent) {
  (void)ctx;
  pugi::xml_document src_doc, tgt_doc, scratch;
  if (!src_doc.load_buffer(tm_source_seg.data(), tm_source_seg.size(), kSegFlags, pugi::encoding_utf8) ||
      !tgt_doc.load_buffer(tm_seg.data(), tm_seg.size(), kSegFlags, pugi::encoding_utf8)) {
    return false;
  }
  std::vector<TmCode> src = TmCodes(src_doc);
  if (src.size() != file_codes.size()) return false;
  std::map<std::string, size_t> to_file;
  for (size_t k = 0; k < src.size(); ++k) {
    if (src[k].role != file_codes[k].role) return false;
    if (!to_file.emplace(RoleKey(src[k]), k).second) return false;
  }
  std::unordered_map<const void*, size_t> target_code;  // TM target element -> file code
  for (const TmCode& c : TmCodes(tgt_doc)) {
    auto f = to_file.find(RoleKey(c));
    if (f == to_file.end()) return false;
    target_code[c.node.internal_object()] = f->second;
  }
  std::vector<bool> used(file_codes.size(), false);
  pugi::xml_node root = scratch.append_child("root");
  struct Open {
    pugi::xml_node out;
    pugi::xml_node file_node;
  };
  std::vector<Open> stack;
  bool ok = true;
  auto current = [&] { return stack.empty() ? root : stack.back().out; };
  std::function<void(pugi::xml_node)> walk = [&](pugi::xml_node n) {
    for (pugi::xml_node c : n.children()) {
      if (!ok) return;
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        current().append_child(pugi::node_pcdata).set_value(c.value());
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      auto f = target_code.find(c.internal_object());
      if (f == target_code.end()) {
        if (std::string_view(c.name()) == "hi") walk(c);  // highlights are not carried over
        continue;
      }
      size_t k = f->second;
      if (used[k]) {
        ok = false;
        return;
      }
      used[k] = true;
      const XliffCode& fc = file_codes[k];
      if (fc.wrapper && fc.role == XliffCode::Role::kBegin) {
        pugi::xml_node e = current().append_child(fc.node.name());
        for (pugi::xml_attribute a : fc.node.attributes()) e.append_attribute(a.name()) = a.value();
        stack.push_back({e, fc.node});
      } else if (fc.wrapper) {
        if (stack.empty() || stack.back().file_node != fc.node) {
          ok = false;
          return;
        }
        stack.pop_back();
      } else {
        current().append_copy(fc.node);
      }
    }
  };
  walk(tgt_doc);
  if (!ok || !stack.empty()) return false;
  if (std::find(used.begin(), used.end(), false) != used.end()) return false;
  for (pugi::xml_node c : root.children()) parent.append_copy(c);
  return true;
}

void TmxToXliffGeneric(std::string_view tm_seg, const InlineContext& ctx, pugi::xml_node parent) {
  pugi::xml_document doc;
  if (!doc.load_buffer(tm_seg.data(), tm_seg.size(), kSegFlags, pugi::encoding_utf8)) {
    parent.append_child(pugi::node_pcdata).set_value(SegPlainText(tm_seg).c_str());
    return;
  }
  const std::string& p = ctx.prefix;
  bool v1 = ctx.family == XliffFamily::kV1;
  int next = 1;
  std::map<std::string, std::string> bpt_id;  // TMX i -> XLIFF id
  auto native = [&](pugi::xml_node code, pugi::xml_node out) {
    for (pugi::xml_node c : code.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        out.append_child(pugi::node_pcdata).set_value(c.value());
      } else if (c.type() == pugi::node_element && std::string_view(c.name()) == "sub") {
        std::string text;
        for (pugi::xml_node t : c.children()) {
          if (t.type() == pugi::node_pcdata || t.type() == pugi::node_cdata) text += t.value();
        }
        out.append_child((p + "sub").c_str()).append_child(pugi::node_pcdata).set_value(text.c_str());
      }
    }
  };
  std::function<void(pugi::xml_node, pugi::xml_node)> walk = [&](pugi::xml_node n, pugi::xml_node out) {
    for (pugi::xml_node c : n.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        out.append_child(pugi::node_pcdata).set_value(c.value());
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      std::string_view name = c.name();
      std::string i = c.attribute("i").value();
      if (name == "hi") {
        walk(c, out);
      } else if (name == "bpt") {
        std::string id = "tm" + std::to_string(next++);
        bpt_id[i] = id;
        pugi::xml_node e = out.append_child((p + (v1 ? "bpt" : "sc")).c_str());
        e.append_attribute("id") = id.c_str();
        if (v1) native(c, e);
      } else if (name == "ept") {
        auto f = bpt_id.find(i);
        if (v1) {
          pugi::xml_node e = out.append_child((p + "ept").c_str());
          e.append_attribute("id") = f != bpt_id.end() ? f->second.c_str() : ("tm" + std::to_string(next++)).c_str();
          native(c, e);
        } else if (f != bpt_id.end()) {
          out.append_child((p + "ec").c_str()).append_attribute("startRef") = f->second.c_str();
        } else {
          pugi::xml_node e = out.append_child((p + "ec").c_str());
          e.append_attribute("id") = ("tm" + std::to_string(next++)).c_str();
          e.append_attribute("isolated") = "yes";
        }
      } else if (name == "it") {
        bool begin = std::string_view(c.attribute("pos").value()) != "end";
        std::string id = "tm" + std::to_string(next++);
        if (v1) {
          pugi::xml_node e = out.append_child((p + "it").c_str());
          e.append_attribute("id") = id.c_str();
          e.append_attribute("pos") = begin ? "open" : "close";
          native(c, e);
        } else {
          pugi::xml_node e = out.append_child((p + (begin ? "sc" : "ec")).c_str());
          e.append_attribute("id") = id.c_str();
          e.append_attribute("isolated") = "yes";
        }
      } else if (name == "ph" || name == "ut") {
        pugi::xml_node e = out.append_child((p + "ph").c_str());
        e.append_attribute("id") = ("tm" + std::to_string(next++)).c_str();
        if (v1) native(c, e);
      }
    }
  };
  walk(doc, parent);
}

}  // namespace tmkit
