// The taxonomy group operations of the spec: replace (group property, or a term's property when a
// reference names the term), remove (a term), addInto (under a referenced term or at the root, with
// before/after), move (before/after a term, or under one). Path-style operations (as for content types)
// are accepted too and go to ApplyPatch.
#pragma once

#include <vector>

#include "core/json.h"
#include "emulator/api_error.h"

namespace kbulk::emulator {

std::vector<ValidationError> ApplyTaxonomyPatch(JsonDocument& group, const JsonValue& operations);

}  // namespace kbulk::emulator
