// Ids and fixed values of the `sample` seed. Every id is a name-based UUID of a readable path such as
// "item/on_roasts" or "element/article/title", so tests and documents can name objects without listing
// UUIDs, and the same sample always has the same ids.
#pragma once

#include <string>
#include <string_view>

#include "core/uuid.h"

namespace kbulk::emulator::sample {

inline constexpr std::string_view kNamespace = "kbulk-sample";
inline constexpr std::string_view kNil = "00000000-0000-0000-0000-000000000000";

// The service gives these special steps the same ids in every workflow.
inline constexpr std::string_view kPublishedStep = "c199950d-99f0-4983-b711-6c4c91624b22";
inline constexpr std::string_view kScheduledStep = "9d2b0228-4d0d-4c23-8b49-01a698857709";
inline constexpr std::string_view kArchivedStep = "7a535a69-ad34-47f8-806a-def1fdf4d391";

// Fixed clock: the model was last modified at kModelTime, content at kContentTime and later.
inline constexpr std::string_view kModelTime = "2026-01-15T10:00:00Z";
inline constexpr std::string_view kContentTime = "2026-01-15T11:00:00Z";
inline constexpr std::string_view kPublishedTime = "2026-01-15T09:30:00Z";  // older published versions

// The id of the object at `path`. The default language, collection and workflow keep the nil id.
inline std::string Id(std::string_view path) {
  if (path == "language/en-US" || path == "collection/default" || path == "workflow/default") return std::string(kNil);
  return Uuid::FromName(kNamespace, path).ToString();
}

}  // namespace kbulk::emulator::sample
