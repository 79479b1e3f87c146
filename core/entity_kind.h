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
  kPreviewConfiguration,
  kAsset,
  kRendition,
  kBlob,
  kItem,
  kVariant,
};

// In the order an importer needs them (model first, then assets, then content).
inline constexpr std::array<EntityKind, 17> kAllEntityKinds = {
    EntityKind::kEnvironment, EntityKind::kLanguage,  EntityKind::kCollection, EntityKind::kSpace,
    EntityKind::kTaxonomyGroup, EntityKind::kAssetFolder, EntityKind::kSnippet, EntityKind::kContentType,
    EntityKind::kWorkflow,    EntityKind::kRole,      EntityKind::kWebhook,   EntityKind::kPreviewConfiguration,
    EntityKind::kBlob,        EntityKind::kAsset,     EntityKind::kRendition, EntityKind::kItem,
    EntityKind::kVariant};

// snake_case plural names: "languages", "taxonomy_groups", "content_types", "variants", ...
std::string_view EntityKindName(EntityKind kind);
std::optional<EntityKind> ParseEntityKind(std::string_view name);  // accepts the name or its singular

}  // namespace kbulk
