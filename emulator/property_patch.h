// The property_name form of patch operations used by languages and spaces:
// [{"op": "replace", "property_name": "name", "value": "..."}].
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/json.h"
#include "emulator/api_error.h"

namespace kbulk::emulator {

// Applies the replace operations to `doc`; `allowed` lists the properties that may change and `check`
// may veto or rewrite a value (e.g. resolve a reference); it returns an error message or "".
std::vector<ValidationError> ApplyPropertyPatch(
    JsonDocument& doc, const JsonValue& operations, const std::vector<std::string>& allowed,
    const std::function<std::string(const std::string& property, JsonValue& value, JsonAllocator&)>& check);

}  // namespace kbulk::emulator
