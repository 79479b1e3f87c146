// The entries of a data-ops backup zip (data-ops 2.x, backup format of `metadata.json` "version" 1.x) and
// the kbulk archive entry kind / entity kind each one stands for.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/entity_kind.h"
#include "formats/archive_layout.h"

namespace kbulk::formats {

inline constexpr std::string_view kDataOpsMetadata = "metadata.json";
inline constexpr std::string_view kDataOpsAssets = "assets.json";
inline constexpr std::string_view kDataOpsItems = "contentItems.json";
inline constexpr std::string_view kDataOpsVariants = "languageVariants.json";
inline constexpr std::string_view kDataOpsBinaryPrefix = "assets/";

struct DataOpsEntry {
  enum class Role { kMetadata, kModel, kAssets, kItems, kVariants, kBinary, kUnknown };
  Role role = Role::kUnknown;
  EntryKind kind = EntryKind::kUnknown;  // the kbulk entry kind it is handed out as
  std::optional<EntityKind> entity;
  bool array = true;     // one JSON array (else one JSON object, or a binary)
  std::string asset_id;  // binaries: the asset id in the name
};

DataOpsEntry ClassifyDataOpsEntry(std::string_view path);

// The zip entry of a model kind ("languages.json" for kLanguage), or empty when data-ops has none.
std::string_view DataOpsModelEntry(EntityKind kind);

// The name data-ops gives an asset's binary.
std::string DataOpsBinaryPath(std::string_view asset_id, std::string_view file_name);

}  // namespace kbulk::formats
