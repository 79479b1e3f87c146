// Brings a content type or snippet written by a client into the shape GET returns: ids and unique
// codenames for the object, its content groups, elements and multiple-choice options, and references
// (snippets, taxonomy groups, allowed types, content groups) resolved to ids.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "emulator/api_error.h"
#include "emulator/environment.h"

namespace kbulk::emulator {

struct TypeKind {
  bool is_snippet = false;
};

// Normalizes `doc` in place (a new object when `existing_id` is empty). Returns the problems.
std::vector<ValidationError> NormalizeType(Environment& env, JsonDocument& doc, TypeKind kind,
                                           const std::string& existing_id);

}  // namespace kbulk::emulator
