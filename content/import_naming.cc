// The documented naming rule for objects that had no external id in the source.
#include "content/import_naming.h"

namespace kbulk::content {

std::string SourceExternalId(std::string_view source_id) {
  std::string out = "kbulk-";
  out.append(source_id);
  return out;
}

}  // namespace kbulk::content
