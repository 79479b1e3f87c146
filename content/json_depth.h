// A guard for JSON from outside (archive records, API responses) before it meets a recursive parser: the
// nesting depth, counted in one pass over the bytes (strings skipped), never deeper than a limit.
#pragma once

#include <string_view>

#include "core/status.h"

namespace kbulk::content {

// Far beyond anything the API returns (components nest 6 levels, a few JSON levels each).
inline constexpr int kMaxJsonDepth = 256;

// Fails (kCorrupt, naming `what`) when arrays and objects nest deeper than `max_depth`.
Status CheckJsonDepth(std::string_view json, std::string_view what, int max_depth = kMaxJsonDepth);

}  // namespace kbulk::content
