// Internal helpers of the cell codec (the public ones are in cell_codec.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kbulk::feeds {

// Splits on unescaped `separator`, trimming unescaped spaces around entries; `unescape` = false keeps the
// backslashes (to split the parts again on another separator).
Result<std::vector<std::string>> SplitEscaped(std::string_view cell, char separator, bool unescape);
// Letters, digits and underscores: what a codename consists of.
bool IsCodename(std::string_view text);

}  // namespace kbulk::feeds
