// Thin helpers over the LMDB C API for the store's implementation only: error checking
// (MDB_MAP_FULL becomes MapFull so the caller can grow the map and retry) and MDB_val views.
#pragma once

#include <lmdb.h>

#include <string>
#include <string_view>

namespace tmkit {

// Thrown by Check for MDB_MAP_FULL; Store::Write catches it, grows the map and retries.
struct MapFull {};

// Throws Error (kStore) naming what failed, or MapFull, unless rc is MDB_SUCCESS.
void Check(int rc, const char* what);

inline MDB_val Val(std::string_view s) {
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}
inline std::string_view View(const MDB_val& v) {
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

}  // namespace tmkit
