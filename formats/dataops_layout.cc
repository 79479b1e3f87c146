#include "formats/dataops_layout.h"

#include <array>
#include <utility>

namespace kbulk::formats {
namespace {

// clang-format off
constexpr std::array<std::pair<EntityKind, std::string_view>, 12> kModelEntries = {{
    {EntityKind::kLanguage, "languages.json"},
    {EntityKind::kCollection, "collections.json"},
    {EntityKind::kSpace, "spaces.json"},
    {EntityKind::kTaxonomyGroup, "taxonomies.json"},
    {EntityKind::kAssetFolder, "assetFolders.json"},
    {EntityKind::kSnippet, "contentTypeSnippets.json"},
    {EntityKind::kContentType, "contentTypes.json"},
    {EntityKind::kWorkflow, "workflows.json"},
    {EntityKind::kRole, "roles.json"},
    {EntityKind::kWebhook, "webhooks.json"},
    {EntityKind::kPreviewConfiguration, "previewUrls.json"},
    {EntityKind::kWebSpotlight, "webSpotlight.json"},
}};
// clang-format on

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace

DataOpsEntry ClassifyDataOpsEntry(std::string_view path) {
  DataOpsEntry e;
  if (path == kDataOpsMetadata) {
    e.role = DataOpsEntry::Role::kMetadata;
    e.array = false;
    return e;
  }
  if (path == kDataOpsAssets) {
    e.role = DataOpsEntry::Role::kAssets;
    e.kind = EntryKind::kAssets;
    e.entity = EntityKind::kAsset;
    return e;
  }
  if (path == kDataOpsItems) {
    e.role = DataOpsEntry::Role::kItems;
    e.kind = EntryKind::kItems;
    e.entity = EntityKind::kItem;
    return e;
  }
  if (path == kDataOpsVariants) {
    e.role = DataOpsEntry::Role::kVariants;
    e.kind = EntryKind::kVariants;
    e.entity = EntityKind::kVariant;
    return e;
  }
  for (const auto& [kind, name] : kModelEntries) {
    if (path != name) continue;
    e.role = DataOpsEntry::Role::kModel;
    e.entity = kind;
    e.array = !IsSingletonModelKind(kind);
    e.kind = e.array ? EntryKind::kModelStream : EntryKind::kModelDocument;
    return e;
  }
  if (path.substr(0, kDataOpsBinaryPrefix.size()) == kDataOpsBinaryPrefix) {
    std::string_view rest = path.substr(kDataOpsBinaryPrefix.size());
    if (rest.size() > 37 && IsUuid(rest.substr(0, 36)) && rest[36] == '-' && rest.find('/') == std::string_view::npos) {
      e.role = DataOpsEntry::Role::kBinary;
      e.kind = EntryKind::kBlob;
      e.entity = EntityKind::kBlob;
      e.array = false;
      e.asset_id = std::string(rest.substr(0, 36));
    }
  }
  return e;
}

std::string_view DataOpsModelEntry(EntityKind kind) {
  for (const auto& [k, name] : kModelEntries) {
    if (k == kind) return name;
  }
  return {};
}

std::string DataOpsBinaryPath(std::string_view asset_id, std::string_view file_name) {
  return Cat(kDataOpsBinaryPrefix, asset_id, "-", file_name);
}

}  // namespace kbulk::formats
