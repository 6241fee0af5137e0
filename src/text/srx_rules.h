// SRX 2.0 segmentation rules (the format of OmegaT and Okapi): ordered break and no-break
// rules per language, chosen by map rules; ICU regular expressions. Immutable once loaded.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tmkit {

class SrxRules {
 public:
  // Reads an SRX 2.0 file. Throws Error (kInput, file:line:col) when it is not well-formed
  // XML, not SRX, or holds a regular expression ICU cannot compile.
  static SrxRules Load(const std::string& path);
  static SrxRules Parse(std::string_view xml, const std::string& name);

  SrxRules(SrxRules&&) noexcept;
  SrxRules& operator=(SrxRules&&) noexcept;
  ~SrxRules();

  // The sentences of a paragraph in a language (canonical tag), white space at their ends
  // trimmed, empty ones left out. At each position between two characters the first rule,
  // in the order the map rules give (all matching maps when cascading, else the first), whose
  // beforebreak pattern matches the text before and afterbreak the text after decides
  // whether to break; no rule: no break.
  std::vector<std::string> Split(std::string_view paragraph, const std::string& lang) const;

 private:
  struct Impl;
  explicit SrxRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tmkit
