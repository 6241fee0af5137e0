#include "text/srx_rules.h"

#include <pugixml.hpp>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <map>

#include "text/encoding.h"
#include "util/error.h"

namespace tmkit {

struct SrxRules::Impl {
  struct Rule {
    bool brk = true;
    std::unique_ptr<icu::RegexPattern> pattern;  // (?:before)(?=after); a break follows before
  };
  struct Map {
    std::unique_ptr<icu::RegexPattern> language;
    std::string rules;  // languagerulename
  };
  bool cascade = true;
  std::map<std::string, std::vector<Rule>> rules;
  std::vector<Map> maps;
};

namespace {

std::string_view LocalName(const char* name) {
  std::string_view n = name;
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  }
  return {};
}

}  // namespace

SrxRules::SrxRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SrxRules::SrxRules(SrxRules&&) noexcept = default;
SrxRules& SrxRules::operator=(SrxRules&&) noexcept = default;
SrxRules::~SrxRules() = default;

SrxRules SrxRules::Load(const std::string& path) { return Parse(ReadFileAsUtf8(path, true), path); }

SrxRules SrxRules::Parse(std::string_view xml, const std::string& name) {
  auto at = [&](size_t offset) {
    LineCounter counter;
    counter.Advance(xml.data(), std::min(offset, xml.size()));
    return Location{name, counter.line(), counter.column()};
  };
  auto at_node = [&](pugi::xml_node node) {
    ptrdiff_t off = node.offset_debug();
    size_t o = off < 0 ? 0 : static_cast<size_t>(off);
    if (o > 0 && o <= xml.size() && xml[o - 1] == '<') --o;
    return at(o);
  };
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) ThrowInput(std::string("malformed XML: ") + r.description(), at(static_cast<size_t>(r.offset)));
  pugi::xml_node root = doc.document_element();
  if (!root || LocalName(root.name()) != "srx") {
    ThrowInput("not an SRX document: the root element is not <srx>", root ? at_node(root) : Location{name, 1, 1});
  }
  pugi::xml_node header = Child(root, "header"), body = Child(root, "body");
  if (!body) ThrowInput("an SRX document needs a <body>", at_node(root));
  auto impl = std::make_unique<Impl>();
  if (header) impl->cascade = std::string_view(header.attribute("cascade").as_string("yes")) != "no";
  auto compile = [&](const std::string& pattern, pugi::xml_node where) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe{};
    std::unique_ptr<icu::RegexPattern> p(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), pe, status));
    if (U_FAILURE(status)) {
      ThrowInput("bad regular expression \"" + pattern + "\": " + u_errorName(status), at_node(where));
    }
    return p;
  };
  for (pugi::xml_node lr : Child(body, "languagerules").children()) {
    if (lr.type() != pugi::node_element || LocalName(lr.name()) != "languagerule") continue;
    std::vector<Impl::Rule>& list = impl->rules[lr.attribute("languagerulename").as_string()];
    for (pugi::xml_node rule : lr.children()) {
      if (rule.type() != pugi::node_element || LocalName(rule.name()) != "rule") continue;
      Impl::Rule x;
      x.brk = std::string_view(rule.attribute("break").as_string("yes")) != "no";
      std::string before = Child(rule, "beforebreak").text().as_string();
      std::string after = Child(rule, "afterbreak").text().as_string();
      x.pattern = compile("(?:" + before + ")(?=" + after + ")", rule);
      list.push_back(std::move(x));
    }
  }
  for (pugi::xml_node m : Child(body, "maprules").children()) {
    if (m.type() != pugi::node_element || LocalName(m.name()) != "languagemap") continue;
    std::string rules = m.attribute("languagerulename").as_string();
    if (!impl->rules.count(rules)) {
      ThrowInput("languagemap names the languagerule \"" + rules + "\", which is not defined", at_node(m));
    }
    impl->maps.push_back({compile(m.attribute("languagepattern").as_string(), m), rules});
  }
  if (impl->maps.empty()) ThrowInput("an SRX document needs <maprules> with a <languagemap>", at_node(body));
  return SrxRules(std::move(impl));
}

std::vector<std::string> SrxRules::Split(std::string_view paragraph, const std::string& lang) const {
  // The rules for lang, in order.
  std::vector<const Impl::Rule*> rules;
  icu::UnicodeString ulang = icu::UnicodeString::fromUTF8(lang);
  for (const Impl::Map& m : impl_->maps) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(m.language->matcher(ulang, status));
    if (U_FAILURE(status) || !matcher->matches(status)) continue;
    for (const Impl::Rule& r : impl_->rules.at(m.rules)) rules.push_back(&r);
    if (!impl_->cascade) break;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(paragraph);
  const int32_t n = text.length();
  // decided[i]: 0 undecided, 1 break before UTF-16 index i, 2 no break. The first rule wins.
  std::vector<char> decided(static_cast<size_t>(n) + 1, 0);
  for (const Impl::Rule* r : rules) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(r->pattern->matcher(text, status));
    if (U_FAILURE(status)) continue;
    int32_t from = 0;
    while (from <= n && matcher->find(from, status) && U_SUCCESS(status)) {
      int32_t end = matcher->end(status);
      if (end > 0 && end < n && decided[static_cast<size_t>(end)] == 0) {
        decided[static_cast<size_t>(end)] = r->brk ? 1 : 2;
      }
      // Next match starting after this one's start (matches may overlap).
      from = matcher->start(status) + 1;
    }
  }
  std::vector<std::string> out;
  auto add = [&](int32_t b, int32_t e) {
    std::string s;
    text.tempSubStringBetween(b, e).toUTF8String(s);
    size_t first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return;
    size_t last = s.find_last_not_of(" \t\r\n");
    out.push_back(s.substr(first, last - first + 1));
  };
  int32_t start = 0;
  for (int32_t i = 1; i < n; ++i) {
    if (decided[static_cast<size_t>(i)] == 1) {
      add(start, i);
      start = i;
    }
  }
  add(start, n);
  return out;
}

}  // namespace tmkit
