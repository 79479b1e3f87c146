// The Management API's patch operations for content types, snippets and taxonomy groups: addInto,
// move, remove and replace, with paths such as "/elements/codename:title/options" where a segment
// "id:x", "codename:x" or "external_id:x" picks an array entry by that property.
// (Languages, spaces and collections use property_name / reference operations; their routes apply
// those themselves.)
#pragma once

#include <vector>

#include "core/json.h"
#include "emulator/api_error.h"

namespace kbulk::emulator {

// Applies `operations` (a JSON array) to `doc` in order. Returns the problems; `doc` is only
// meaningful when the list is empty.
std::vector<ValidationError> ApplyPatch(JsonDocument& doc, const JsonValue& operations);

}  // namespace kbulk::emulator
