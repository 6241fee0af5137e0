#include "util/temp_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"

namespace tmkit {

int OpenUnnamedTempFile(const std::string& dir) {
  int fd = open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) ThrowIo(std::string("cannot create a temporary file: ") + std::strerror(errno), dir);
  return fd;
}

void WriteAllAt(int fd, const char* data, size_t size, uint64_t offset, const std::string& dir) {
  while (size > 0) {
    ssize_t w = pwrite(fd, data, size, static_cast<off_t>(offset));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) ThrowIo(std::string("cannot write a temporary file: ") + std::strerror(errno), dir);
    data += w;
    offset += static_cast<uint64_t>(w);
    size -= static_cast<size_t>(w);
  }
}

bool ReadAllAt(int fd, char* data, size_t size, uint64_t offset) {
  while (size > 0) {
    ssize_t r = pread(fd, data, size, static_cast<off_t>(offset));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      if (r == 0) errno = 0;
      return false;
    }
    data += r;
    offset += static_cast<uint64_t>(r);
    size -= static_cast<size_t>(r);
  }
  return true;
}

}  // namespace tmkit
