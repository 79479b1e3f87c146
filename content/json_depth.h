// A guard for JSON from outside (archive records, API responses) before it meets a recursive parser or
// walker: the nesting depth, counted in one pass over the bytes (strings skipped), never deeper than a
// limit. The check itself lives in core/json.h (ParseJson applies it to every parse); this is the content
// model's name for it.
#pragma once

#include <string_view>

#include "core/json.h"
#include "core/status.h"

namespace kbulk::content {

inline constexpr int kMaxJsonDepth = kbulk::kMaxJsonDepth;

// Fails (kCorrupt, naming `what`) when arrays and objects nest deeper than `max_depth`.
Status CheckJsonDepth(std::string_view json, std::string_view what, int max_depth = kMaxJsonDepth);

}  // namespace kbulk::content
