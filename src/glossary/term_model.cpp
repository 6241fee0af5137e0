#include "glossary/term_model.h"

#include <cctype>
#include <string>

namespace tmkit {

std::string_view TermStatusName(TermStatus status) {
  switch (status) {
    case TermStatus::kUnspecified: return "";
    case TermStatus::kPreferred: return "preferred";
    case TermStatus::kAdmitted: return "admitted";
    case TermStatus::kDeprecated: return "deprecated";
    case TermStatus::kSuperseded: return "superseded";
    case TermStatus::kForbidden: return "forbidden";
  }
  return "";
}

bool ParseTermStatus(std::string_view text, TermStatus* status) {
  // Lower-cased, without TBX's "-admn-sts" suffix and then without a trailing "term", so that
  // "preferred", "preferredTerm" (TBX-Default normativeAuthorization) and
  // "preferredTerm-admn-sts" are one value.
  std::string key;
  for (char c : text) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  auto strip = [&key](std::string_view suffix) {
    if (key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
      key.resize(key.size() - suffix.size());
    }
  };
  strip("-admn-sts");
  strip("term");
  if (key == "preferred" || key == "standardized" || key == "legal") {
    *status = TermStatus::kPreferred;
  } else if (key == "admitted" || key == "regulated") {
    *status = TermStatus::kAdmitted;
  } else if (key == "deprecated") {
    *status = TermStatus::kDeprecated;
  } else if (key == "superseded") {
    *status = TermStatus::kSuperseded;
  } else if (key == "forbidden") {
    *status = TermStatus::kForbidden;
  } else {
    return false;
  }
  return true;
}

bool IsAcceptable(TermStatus status) {
  return status == TermStatus::kUnspecified || status == TermStatus::kPreferred ||
         status == TermStatus::kAdmitted;
}

}  // namespace tmkit
