// Entity kind names.
#include "core/entity_kind.h"

namespace kbulk {

std::string_view EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kEnvironment: return "environment";
    case EntityKind::kLanguage: return "languages";
    case EntityKind::kCollection: return "collections";
    case EntityKind::kSpace: return "spaces";
    case EntityKind::kTaxonomyGroup: return "taxonomy_groups";
    case EntityKind::kAssetFolder: return "asset_folders";
    case EntityKind::kSnippet: return "snippets";
    case EntityKind::kContentType: return "content_types";
    case EntityKind::kWorkflow: return "workflows";
    case EntityKind::kRole: return "roles";
    case EntityKind::kWebhook: return "webhooks";
    case EntityKind::kLegacyWebhook: return "legacy_webhooks";
    case EntityKind::kPreviewConfiguration: return "preview_configuration";
    case EntityKind::kWebSpotlight: return "web_spotlight";
    case EntityKind::kAsset: return "assets";
    case EntityKind::kRendition: return "renditions";
    case EntityKind::kBlob: return "blobs";
    case EntityKind::kItem: return "items";
    case EntityKind::kVariant: return "variants";
  }
  return "unknown";
}

std::optional<EntityKind> ParseEntityKind(std::string_view name) {
  for (EntityKind kind : kAllEntityKinds) {
    std::string_view plural = EntityKindName(kind);
    if (name == plural) return kind;
    if (plural.size() > 1 && plural.back() == 's' && name == plural.substr(0, plural.size() - 1)) return kind;
  }
  return std::nullopt;
}

}  // namespace kbulk
