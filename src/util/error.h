// Error: the one exception type the library throws. It carries a kind (which exit status the
// CLI maps it to) and, for input errors, the file, line and column the problem was found at.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace tmkit {

// A position in an input file. line and column are 1-based; 0 means unknown.
struct Location {
  std::string file;
  uint64_t line = 0;
  uint64_t column = 0;

  // "file:line:column", "file:line", "file" or "" depending on what is known.
  std::string ToString() const;
};

class Error : public std::runtime_error {
 public:
  enum class Kind {
    kInput,  // a bad input file or argument: the user can fix it (exit status 2)
    kUsage,  // a wrong option or argument combination (exit status 2)
    kStore,  // the store cannot be opened, is too new, or LMDB failed
    kIo,     // reading or writing a file failed
    kBusy,   // another process is importing into the store: try again when it has finished
  };

  Error(Kind kind, const std::string& message, Location where = {});

  Kind kind() const { return kind_; }
  const Location& where() const { return where_; }
  // The message without the location prefix.
  const std::string& message() const { return message_; }

 private:
  Kind kind_;
  Location where_;
  std::string message_;
};

[[noreturn]] void ThrowInput(const std::string& message, Location where = {});
[[noreturn]] void ThrowUsage(const std::string& message);
[[noreturn]] void ThrowIo(const std::string& message, const std::string& file);

}  // namespace tmkit
