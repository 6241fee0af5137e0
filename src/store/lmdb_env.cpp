#include "store/lmdb_env.h"

#include "util/error.h"

namespace tmkit {

void Check(int rc, const char* what) {
  if (rc == MDB_SUCCESS) return;
  if (rc == MDB_MAP_FULL) throw MapFull{};
  throw Error(Error::Kind::kStore, std::string(what) + ": " + mdb_strerror(rc));
}

}  // namespace tmkit
