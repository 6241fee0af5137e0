#include "util/output_file.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"
#include "util/error.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

namespace fs = std::filesystem;

struct stat StatOf(const std::string& path) {
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st;
}

// The names in dir, so that a test can see that no temporary was left behind.
std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

mode_t CurrentUmask() {
  mode_t m = umask(0);
  umask(m);
  return m;
}

// Everything written into the FIFO at path until its writer closes it, read on a thread of its
// own; empty when no writer comes within five seconds.
class FifoReader {
 public:
  explicit FifoReader(const std::string& path)
      : fd_(open(path.c_str(), O_RDONLY | O_NONBLOCK)), thread_([this] { Run(); }) {}
  ~FifoReader() {
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) close(fd_);
  }
  std::string Take() {
    thread_.join();
    return bytes_;
  }

 private:
  void Run() {
    if (fd_ < 0) return;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    char buf[65536];
    for (;;) {
      ssize_t n = read(fd_, buf, sizeof buf);
      if (n > 0) {
        bytes_.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n == 0 && !bytes_.empty()) return;  // the writer closed
      if (n < 0 && errno != EAGAIN && errno != EINTR) return;
      // No writer yet (a FIFO without writers reads as at its end), or no data yet.
      if (std::chrono::steady_clock::now() > deadline) return;
      pollfd p{fd_, POLLIN, 0};
      poll(&p, 1, 20);
    }
  }

  int fd_;
  std::string bytes_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("a regular file is replaced whole and keeps its mode; a new one gets the umask's",
          "[output_file]") {
  TempDir dir;
  std::string path = WriteFile(dir / "out.tmx", "old content");
  REQUIRE(chmod(path.c_str(), 0640) == 0);
  ino_t old_inode = StatOf(path).st_ino;
  OutputFile out(path);
  out.Write("new ");
  CHECK(ReadFile(path) == "old content");  // untouched until committed
  out.Write("content");
  out.Commit();
  CHECK(ReadFile(path) == "new content");
  CHECK((StatOf(path).st_mode & 07777) == 0640);
  CHECK(StatOf(path).st_ino != old_inode);  // renamed onto the path, not rewritten in place
  CHECK(Names(dir.path()) == std::vector<std::string>{"out.tmx"});

  WriteOutputFile(dir / "new.tmx", "x");
  CHECK(ReadFile(dir / "new.tmx") == "x");
  CHECK((StatOf(dir / "new.tmx").st_mode & 07777) == (0666 & ~CurrentUmask()));
}

TEST_CASE("a symbolic link stays a link and its target is replaced", "[output_file]") {
  TempDir dir;
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  std::string target = WriteFile(dir / "b/target.tmx", "old");
  REQUIRE(chmod(target.c_str(), 0640) == 0);
  fs::create_symlink("../b/target.tmx", dir / "a/link.tmx");  // relative to the link's folder
  fs::create_symlink("a/link.tmx", dir / "chain.tmx");        // a link to a link
  WriteOutputFile(dir / "chain.tmx", "new");
  CHECK(fs::is_symlink(dir / "chain.tmx"));
  CHECK(fs::read_symlink(dir / "a/link.tmx") == "../b/target.tmx");
  CHECK(ReadFile(target) == "new");
  CHECK((StatOf(target).st_mode & 07777) == 0640);
  CHECK(Names(dir / "a") == std::vector<std::string>{"link.tmx"});
  CHECK(Names(dir / "b") == std::vector<std::string>{"target.tmx"});

  // A link to a missing file: the file is created where the link points.
  fs::create_symlink("b/later.tmx", dir / "dangling.tmx");
  WriteOutputFile(dir / "dangling.tmx", "created");
  CHECK(fs::is_symlink(dir / "dangling.tmx"));
  CHECK(ReadFile(dir / "b/later.tmx") == "created");
}

TEST_CASE("a FIFO is written into, not replaced", "[output_file]") {
  TempDir dir;
  std::string fifo = dir / "fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  std::string bytes(200000, 'x');  // more than a pipe holds: the writer waits for the reader
  bytes += "end";
  FifoReader reader(fifo);
  WriteOutputFile(fifo, bytes);
  CHECK(reader.Take() == bytes);
  CHECK(S_ISFIFO(StatOf(fifo).st_mode));
  CHECK(Names(dir.path()) == std::vector<std::string>{"fifo"});
}

TEST_CASE("a device that is full gives an error naming the path, and stays a device",
          "[output_file]") {
  struct stat full {};
  if (stat("/dev/full", &full) != 0 || !S_ISCHR(full.st_mode)) {
    WARN("skipped: /dev/full is not a character device");
    return;
  }
  // As root, a node of the same device in a folder of the test's own, so that a writer that
  // replaced devices would replace that one and not /dev/full; others cannot replace
  // /dev/full and use it.
  TempDir dir;
  std::string path = dir / "full";
  if (mknod(path.c_str(), S_IFCHR | 0666, full.st_rdev) != 0 || access(path.c_str(), W_OK) != 0) {
    path = "/dev/full";
  }
  INFO(path);
  try {
    OutputFile out(path);
    out.Write(std::string(100000, 'x'));
    out.Commit();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kIo);
    CHECK(e.where().file == path);
    CHECK_THAT(e.what(), Catch::Contains(path) && Catch::Contains("No space left on device"));
  }
  CHECK(S_ISCHR(StatOf(path).st_mode));
  CHECK(StatOf(path).st_rdev == full.st_rdev);
  if (path != "/dev/full") CHECK(Names(dir.path()) == std::vector<std::string>{"full"});
}

TEST_CASE("a failure leaves the old file as it was and no temporary behind", "[output_file]") {
  TempDir dir;
  std::string path = WriteFile(dir / "out.tmx", "old content");
  {
    OutputFile out(path);
    out.Write("half of the new");
    // Dropped without Commit, as when a writer throws half-way.
  }
  CHECK(ReadFile(path) == "old content");
  CHECK(Names(dir.path()) == std::vector<std::string>{"out.tmx"});

  // The rename fails: a folder has taken the new file's place meanwhile.
  {
    OutputFile out(dir / "taken");
    out.Write("x");
    fs::create_directories(dir / "taken/inside");
    CHECK_THROWS_AS(out.Commit(), Error);
  }
  CHECK(fs::is_directory(dir / "taken/inside"));
  CHECK(Names(dir.path()) == std::vector<std::string>{"out.tmx", "taken"});

  // A path that cannot be written: a directory, a missing folder.
  CHECK_THROWS_AS(WriteOutputFile(dir.path(), "x"), Error);
  CHECK_THROWS_WITH(WriteOutputFile(dir / "no/such/out.tmx", "x"),
                    Catch::Contains("no/such/out.tmx"));
  CHECK(Names(dir.path()) == std::vector<std::string>{"out.tmx", "taken"});
}
