// CheckJsonDepth(): the core check (core/json.cc), under the content model's name.
#include "content/json_depth.h"

namespace kbulk::content {

Status CheckJsonDepth(std::string_view json, std::string_view what, int max_depth) {
  return kbulk::CheckJsonDepth(json, what, max_depth);
}

}  // namespace kbulk::content
