// Unnamed temporary files for the runs a bulk import spills (postings, exact-index entries):
// the kernel removes such a file when it is closed, also when the process dies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tmkit {

// Opens a new unnamed file in dir (O_TMPFILE) for reading and writing. Throws Error (kIo)
// naming dir.
int OpenUnnamedTempFile(const std::string& dir);

// Writes all size bytes at offset. Throws Error (kIo) naming dir (the file's directory).
void WriteAllAt(int fd, const char* data, size_t size, uint64_t offset, const std::string& dir);

// Reads exactly size bytes from offset. False on an error (errno says which) or when the file
// ends first (errno 0).
bool ReadAllAt(int fd, char* data, size_t size, uint64_t offset);

}  // namespace tmkit
