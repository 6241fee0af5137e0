// The on-disk form of a Unit: length-prefixed fields (LEB128 varints), in model order. Part
// of the store format: a change here needs a new schema version.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tmx/unit.h"

namespace tmkit {

void EncodeUnit(const Unit& unit, std::string* out);
// Decodes data into unit (unit->id is left as it was). Throws Error (kStore) when corrupt.
void DecodeUnit(std::string_view data, Unit* unit);

// Appends v as a LEB128 varint (inline: record, key and posting encoders call it per field).
inline void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
// The bytes PutVarint takes for v.
inline size_t VarintLength(uint64_t v) {
  size_t n = 1;
  for (; v >= 0x80; v >>= 7) ++n;
  return n;
}
// Writes v as PutVarint does at p, which has room (VarintLength(v)); returns the end.
inline char* EncodeVarint(char* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}
// Appends v as 8 big-endian bytes, so keys sort numerically.
void PutBigEndian64(std::string* out, uint64_t v);
uint64_t GetBigEndian64(std::string_view data);

}  // namespace tmkit
