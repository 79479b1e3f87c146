// Finds the exact text of a top-level member's value inside a JSON object without parsing or
// re-serializing it, so records keep their bytes (and unknown fields) untouched.
#pragma once

#include <optional>
#include <string_view>

namespace kbulk::formats {

// The raw text of `object_json`'s top-level member `key` (a key without escapes), or nullopt when the
// member is absent or the text is not a well-formed object. The first occurrence wins.
std::optional<std::string_view> RawMember(std::string_view object_json, std::string_view key);

}  // namespace kbulk::formats
