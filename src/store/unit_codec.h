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

void PutVarint(std::string* out, uint64_t v);
// Appends v as 8 big-endian bytes, so keys sort numerically.
void PutBigEndian64(std::string* out, uint64_t v);
uint64_t GetBigEndian64(std::string_view data);

}  // namespace tmkit
