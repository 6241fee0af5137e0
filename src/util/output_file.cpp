#include "util/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/error.h"

namespace tmkit {

namespace {

namespace fs = std::filesystem;

// The file path names once symbolic links are followed (the last one may name a missing file);
// path itself when it is no link.
std::string FollowLinks(const std::string& path, int* err) {
  fs::path p = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st;
    if (lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p.string();
    std::error_code ec;
    fs::path target = fs::read_symlink(p, ec);
    if (ec) {
      *err = ec.value();
      return {};
    }
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  *err = ELOOP;
  return {};
}

int OpenRetrying(const char* path, int flags, mode_t mode = 0) {
  int fd;
  do {
    fd = open(path, flags | O_CLOEXEC, mode);
  } while (fd < 0 && errno == EINTR);  // opening a FIFO waits for its reader
  return fd;
}

}  // namespace

OutputFile::OutputFile(const std::string& path) : path_(path) {
  if (path == "-") {
    std::fflush(stdout);  // what stdio holds comes first
    fd_ = STDOUT_FILENO;
    return;
  }
  struct stat st;
  bool exists = stat(path.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) Fail("cannot write", errno);
  if (exists && S_ISDIR(st.st_mode)) Fail("cannot write", EISDIR);
  if (exists && !S_ISREG(st.st_mode)) {
    fd_ = OpenRetrying(path.c_str(), O_WRONLY);
    if (fd_ < 0) Fail("cannot write", errno);
    return;
  }
  int err = 0;
  target_ = FollowLinks(path, &err);
  if (err != 0) Fail("cannot write", err);
  // Created with 0666 so that the umask (and a default ACL) applies as to any new file.
  std::string stem = target_ + ".tmp-" + std::to_string(getpid()) + "-";
  for (int n = 0; fd_ < 0; ++n) {
    temp_ = stem + std::to_string(n);
    fd_ = OpenRetrying(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd_ < 0 && (errno != EEXIST || n == 100)) {
      err = errno;
      temp_.clear();
      Fail("cannot write", err);
    }
  }
  if (exists && fchmod(fd_, st.st_mode & 07777) != 0) Fail("cannot keep the file's mode", errno);
}

OutputFile::~OutputFile() {
  if (!committed_) Discard();
}

void OutputFile::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) Fail("write failed", n < 0 ? errno : EIO);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void OutputFile::Commit() {
  if (!temp_.empty() && fsync(fd_) != 0) Fail("write failed", errno);
  if (fd_ != STDOUT_FILENO) {
    int fd = fd_;
    fd_ = -1;
    // Linux closes the descriptor even when close reports EINTR.
    if (close(fd) != 0 && errno != EINTR) Fail("write failed", errno);
  }
  if (!temp_.empty() && std::rename(temp_.c_str(), target_.c_str()) != 0) {
    Fail("cannot move the new file into place", errno);
  }
  committed_ = true;
}

void OutputFile::Fail(const char* what, int err) {
  Discard();
  ThrowIo(std::string(what) + ": " + std::strerror(err), path_);
}

void OutputFile::Discard() {
  if (fd_ >= 0 && fd_ != STDOUT_FILENO) close(fd_);
  fd_ = -1;
  if (!temp_.empty()) unlink(temp_.c_str());
  temp_.clear();
}

void WriteOutputFile(const std::string& path, std::string_view bytes) {
  OutputFile out(path);
  out.Write(bytes);
  out.Commit();
}

}  // namespace tmkit
