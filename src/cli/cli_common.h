// What every tmkit command shares: the global options, where the default store lives, how a
// store is opened for reading or writing, progress lines on stderr, and the exit codes.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "store/store.h"

namespace tmkit::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

struct GlobalOptions {
  std::string db;              // --db; empty: the default store
  bool quiet = false;          // --quiet
  std::string format = "text";  // --format text|json
  bool json() const { return format == "json"; }
};

// Adds --db, --quiet and --format to app (for the top level and every subcommand, so they
// may come before or after the command name).
void AddGlobalOptions(CLI::App* app, GlobalOptions* g);

// --db, else $TMKIT_DB, else $XDG_DATA_HOME/tmkit/default, else ~/.local/share/tmkit/default.
std::string StorePath(const GlobalOptions& g);

std::unique_ptr<Store> OpenForReading(const GlobalOptions& g);
// Creates the store when it is missing (and the directories above it).
std::unique_ptr<Store> OpenForWriting(const GlobalOptions& g);
// Removes the store OpenForWriting created in this process, and the directories it made
// for it, if the store holds nothing (no units, terms or lexicon entries): for a command
// that failed, so that it leaves no empty store behind. Never throws.
void RemoveStoreCreatedInVain();

// A progress line on stderr, redrawn at most a few times a second; silent unless stderr is a
// terminal and --quiet is off.
class Progress {
 public:
  explicit Progress(const GlobalOptions& g);
  ~Progress();
  // fraction in [0, 1] (negative: unknown); items counted so far, and what they are.
  void Update(const std::string& label, double fraction, uint64_t items, const char* unit);
  void Clear();

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// The canonical form of a language given on the command line; throws a usage Error naming
// the option when it is not a language tag ICU knows.
std::string RequireLanguage(const std::string& tag, const std::string& option);

void Warn(const std::string& message);  // "tmkit: warning: ..." on stderr
void Fail(const std::string& message);  // "tmkit: ..." on stderr

// "1.2 MB", "340 kB"...
std::string HumanBytes(uint64_t bytes);

}  // namespace tmkit::cli
