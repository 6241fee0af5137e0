#include "util/error.h"

namespace tmkit {

std::string Location::ToString() const {
  std::string s = file;
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  return s;
}

static std::string Compose(const Location& where, const std::string& message) {
  std::string prefix = where.ToString();
  return prefix.empty() ? message : prefix + ": " + message;
}

Error::Error(Kind kind, const std::string& message, Location where)
    : std::runtime_error(Compose(where, message)),
      kind_(kind),
      where_(std::move(where)),
      message_(message) {}

void ThrowInput(const std::string& message, Location where) {
  throw Error(Error::Kind::kInput, message, std::move(where));
}

void ThrowUsage(const std::string& message) { throw Error(Error::Kind::kUsage, message); }

void ThrowIo(const std::string& message, const std::string& file) {
  throw Error(Error::Kind::kIo, message, Location{file, 0, 0});
}

}  // namespace tmkit
