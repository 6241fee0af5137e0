// Merging a duplicate unit into a stored one: what an import does when a unit's variants are
// identical to a stored unit's. Adds what is new, keeps what is there; idempotent.
#pragma once

#include "tmx/unit.h"

namespace tmkit {

// Merges incoming into stored (whose variants have the same languages and segments):
// attributes missing from stored are added; usagecount becomes the larger one; lastusagedate
// and changedate the later one (changeid follows changedate); props and notes not yet there
// are appended, at unit and variant level. Returns true when stored changed.
bool MergeInto(Unit* stored, const Unit& incoming);

}  // namespace tmkit
