// Rewrites the references in a rich-text value by splicing the source text: only the rewritten attributes
// change (value, and the attribute name when id becomes external id or back); every other byte is kept.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "richtext/reference_extractor.h"

namespace kbulk::richtext {

enum class TargetKind { kItem, kAsset, kComponent };
std::string_view TargetKindName(TargetKind kind);
TargetKind TargetOf(ReferenceKind kind);  // URL, e-mail and phone links have no target; they are never rewritten

// Mappings for one target kind. A reference by id is looked up in id_to_id first, then in id_to_external_id;
// a reference by external id in external_id_to_id. Components are only ever mapped id -> id (the service
// requires data-id on components).
struct ReferenceMap {
  std::unordered_map<std::string, std::string> id_to_id;
  std::unordered_map<std::string, std::string> id_to_external_id;
  std::unordered_map<std::string, std::string> external_id_to_id;
};

struct RewriteMaps {
  ReferenceMap items;
  ReferenceMap assets;
  ReferenceMap components;
  const ReferenceMap& For(TargetKind kind) const;
};

enum class UnmappedPolicy {
  kKeep,                   // leave the reference as it is (and report it)
  kFail,                   // return an error naming the first unmapped reference
  kExternalIdPlaceholder,  // turn an unmapped id into an external id (placeholder_external_id) and report it
};

struct RewriteOptions {
  UnmappedPolicy unmapped = UnmappedPolicy::kKeep;
  // The external id written for an unmapped id under kExternalIdPlaceholder; by default the id itself.
  std::function<std::string(TargetKind, std::string_view id)> placeholder_external_id;
};

struct UnmappedReference {
  ReferenceKind kind;
  ReferenceBy by;
  std::string value;
  std::size_t offset;  // of the attribute value in the input
};

struct RewriteResult {
  std::string html;
  std::vector<UnmappedReference> unmapped;  // every reference no map covered (also under kKeep)
  std::size_t rewritten = 0;                // attributes changed
};

// Rewrites one rich-text value. When an <img> in a figure would have to name its asset by external id
// (which <img> cannot), the <img> tag is removed: the service accepts a figure without it.
Result<RewriteResult> RewriteReferences(std::string_view html, const RewriteMaps& maps,
                                        const RewriteOptions& options = {});

// HTML-escapes an attribute value for a double-quoted attribute.
std::string EscapeAttribute(std::string_view value);

}  // namespace kbulk::richtext
