// OutputFile: the file a writer's bytes go to. A regular or absent file (behind any symlinks) is
// replaced atomically, keeping its mode; a FIFO, device or socket is written straight through.
#pragma once

#include <string>
#include <string_view>

namespace tmkit {

// Where the bytes go depends on what path names when it is opened:
// - "-": standard output.
// - a regular file or nothing (symbolic links followed, also to a missing file): a temporary
//   file in the target's directory, synced and renamed onto the target by Commit(), so the
//   target holds either its old content or all of the new. The links stay links; an existing
//   target keeps its permission bits, a new one gets 0666 & ~umask.
// - anything else but a directory (a FIFO, a character device such as /dev/full or a
//   terminal, a socket): the path itself, opened for writing (a FIFO waits for a reader).
// Every failure throws Error kIo naming path (as given) and the system's reason, e.g.
// "out.tmx: write failed: No space left on device"; after one, or when the object dies
// without Commit(), the temporary is removed and the target is as it was.
class OutputFile {
 public:
  // Opens the output. Throws Error kIo (a directory, no permission, a missing folder, ...).
  explicit OutputFile(const std::string& path);
  ~OutputFile();  // removes the temporary unless Commit() succeeded
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Writes all of bytes (unbuffered: callers write large pieces). Throws Error kIo.
  void Write(std::string_view bytes);
  // Makes the output complete: syncs, closes and renames a temporary onto the target. Throws
  // Error kIo. Nothing may be written after it.
  void Commit();

  const std::string& path() const { return path_; }

 private:
  [[noreturn]] void Fail(const char* what, int err);
  void Discard();

  std::string path_;    // as given, for messages
  std::string target_;  // the file renamed onto (symlinks followed); empty when written through
  std::string temp_;    // the temporary beside target_; empty when written through
  int fd_ = -1;
  bool committed_ = false;
};

// Writes bytes to path through an OutputFile and commits it. Throws Error kIo.
void WriteOutputFile(const std::string& path, std::string_view bytes);

}  // namespace tmkit
