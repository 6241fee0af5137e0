#include "cli/cli_common.h"

#include "text/lang_tag.h"
#include "util/error.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace tmkit::cli {

void AddGlobalOptions(CLI::App* app, GlobalOptions* g) {
  app->add_option("--db", g->db, "the translation memory (a directory); default: $TMKIT_DB, "
                                 "else $XDG_DATA_HOME/tmkit/default");
  app->add_flag("-q,--quiet", g->quiet, "no progress or summary lines");
  app->add_option("--format", g->format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
}

std::string StorePath(const GlobalOptions& g) {
  if (!g.db.empty()) return g.db;
  if (const char* env = std::getenv("TMKIT_DB"); env && *env) return env;
  // The XDG base directory specification: a relative path there is to be ignored.
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && xdg[0] == '/') {
    return std::string(xdg) + "/tmkit/default";
  }
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/tmkit/default";
}

std::unique_ptr<Store> OpenForReading(const GlobalOptions& g) {
  StoreOptions o;
  o.read_only = true;
  return Store::Open(StorePath(g), o);
}

namespace {
// The store OpenForWriting created (empty: it opened one that was there), and the
// directories it made for it, deepest first.
std::filesystem::path created_store;
std::vector<std::filesystem::path> created_store_dirs;
}  // namespace

std::unique_ptr<Store> OpenForWriting(const GlobalOptions& g) {
  namespace fs = std::filesystem;
  StoreOptions o;
  o.create_if_missing = true;
  fs::path path = StorePath(g);
  std::error_code ec;
  bool exists = fs::exists(path / "data.mdb", ec);
  std::vector<fs::path> missing;
  for (fs::path p = fs::absolute(path, ec).lexically_normal(); !exists && !fs::exists(p, ec);
       p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  auto store = Store::Open(path.string(), o);
  if (!exists) {
    created_store = path;
    created_store_dirs = missing;
  }
  return store;
}

void RemoveStoreCreatedInVain() {
  namespace fs = std::filesystem;
  if (created_store.empty()) return;
  fs::path path = created_store;
  created_store.clear();
  try {
    StoreOptions o;
    o.read_only = true;
    auto store = Store::Open(path.string(), o);
    auto snap = store->Read();
    if (snap->UnitCount() != 0 || snap->RecordCount(RecordTable::kTerms) != 0 ||
        snap->RecordCount(RecordTable::kLexicon) != 0) {
      return;
    }
  } catch (...) {
    return;  // not something to remove
  }
  std::error_code ec;
  for (const char* file : {"data.mdb", "lock.mdb", "journal.lock"}) fs::remove(path / file, ec);
  for (const fs::path& dir : created_store_dirs) {
    if (!fs::remove(dir, ec)) break;  // not empty (or not ours to remove): stop there
  }
}

Progress::Progress(const GlobalOptions& g)
    : enabled_(!g.quiet && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { Clear(); }

void Progress::Update(const std::string& label, double fraction, uint64_t items, const char* unit) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? items / secs : 0;
  char line[256];
  int n = std::snprintf(line, sizeof line, "\r%s", label.c_str());
  if (fraction >= 0) n += std::snprintf(line + n, sizeof line - n, " %3.0f%%", fraction * 100);
  n += std::snprintf(line + n, sizeof line - n, "  %llu %s  %.0f %s/s",
                     static_cast<unsigned long long>(items), unit, rate, unit);
  if (fraction > 0.01 && fraction < 1) {
    n += std::snprintf(line + n, sizeof line - n, "  %.0f s left", secs / fraction - secs);
  }
  std::fprintf(stderr, "%s\033[K", line);
  std::fflush(stderr);
  shown_ = true;
}

void Progress::Clear() {
  if (shown_) std::fprintf(stderr, "\r\033[K");
  shown_ = false;
}

std::string RequireLanguage(const std::string& tag, const std::string& option) {
  if (tag.empty()) ThrowUsage(option + " is required");
  auto canon = CanonicalLangTag(tag);
  if (!canon || *canon == "*all*" || !IsKnownLanguage(*canon)) {
    ThrowUsage("unknown language \"" + tag + "\" for " + option);
  }
  return *canon;
}

void Warn(const std::string& message) { std::fprintf(stderr, "tmkit: warning: %s\n", message.c_str()); }
void Fail(const std::string& message) { std::fprintf(stderr, "tmkit: %s\n", message.c_str()); }

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int i = 0;
  while (v >= 1000 && i < 4) v /= 1000, ++i;
  char buf[32];
  std::snprintf(buf, sizeof buf, i == 0 ? "%.0f %s" : "%.1f %s", v, units[i]);
  return buf;
}

}  // namespace tmkit::cli
