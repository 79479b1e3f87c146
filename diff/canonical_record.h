// The canonical form of one record for comparison: members sorted by name, every known id (also inside
// rich-text strings) replaced by its symbolic key, volatile fields, import external ids ("kbulk-<id>") and
// members that are null or empty arrays dropped, the <img> the service adds inside rich-text figures
// ignored; then hashed.
#pragma once

#include <string>

#include "core/json.h"
#include "diff/object_keys.h"

namespace kbulk::diff {

// SHA-256 hex of the canonical form of `value`.
std::string CanonicalHash(const JsonValue& value, const ObjectKeys& keys);

// The canonical text itself (for tests and for showing a difference).
std::string CanonicalText(const JsonValue& value, const ObjectKeys& keys);

}  // namespace kbulk::diff
