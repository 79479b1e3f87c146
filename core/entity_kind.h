// The kinds of object kbulk moves, with the names used in archives, filters and summaries.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace kbulk {

enum class EntityKind {
  kEnvironment,
  kLanguage,
  kCollection,
  kSpace,
  kTaxonomyGroup,
  kAssetFolder,
  kSnippet,
  kContentType,
  kWorkflow,
  kRole,
  kWebhook,
  kLegacyWebhook,  // GET /webhooks (deprecated); archive format 1.1
  kPreviewConfiguration,
  kWebSpotlight,  // GET /web-spotlight/status (deprecated, not in the spec); archive format 1.1
  kAsset,
  kRendition,
  kBlob,
  kItem,
  kVariant,
};

// In the order an importer needs them (model first, then assets, then content).
// clang-format off
inline constexpr std::array<EntityKind, 19> kAllEntityKinds = {
    EntityKind::kEnvironment,   EntityKind::kLanguage,      EntityKind::kCollection,
    EntityKind::kSpace,         EntityKind::kTaxonomyGroup, EntityKind::kAssetFolder,
    EntityKind::kSnippet,       EntityKind::kContentType,   EntityKind::kWorkflow,
    EntityKind::kRole,          EntityKind::kWebhook,       EntityKind::kLegacyWebhook,
    EntityKind::kPreviewConfiguration,                      EntityKind::kWebSpotlight,
    EntityKind::kBlob,          EntityKind::kAsset,         EntityKind::kRendition,
    EntityKind::kItem,          EntityKind::kVariant};
// clang-format on

// snake_case plural names: "languages", "taxonomy_groups", "content_types", "variants", ...
std::string_view EntityKindName(EntityKind kind);
std::optional<EntityKind> ParseEntityKind(std::string_view name);  // accepts the name or its singular

}  // namespace kbulk
