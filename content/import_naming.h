// How items, assets and renditions are named in an import's target. Content is written with external-id
// references only, so no target id ever has to be known: an object keeps its archived external id, and one
// that had none gets SourceExternalId(its source id). docs/import.md documents the rule.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace kbulk::content {

// "kbulk-" + source id: the external id of an imported object that had none in the source.
std::string SourceExternalId(std::string_view source_id);

// Provided by the import driver, which knows the archive's items and assets.
struct ImportNaming {
  // The external id the item/asset gets in the target: its archived external_id, else SourceExternalId(id).
  // `in_archive` is set false when the archive does not hold that object (a forward reference).
  std::function<std::string(std::string_view source_id, bool& in_archive)> item_external_id;
  std::function<std::string(std::string_view source_id, bool& in_archive)> asset_external_id;
  // Optional: the external id of an asset rendition in the target (its archived external_id, else
  // SourceExternalId(id)). When unset, SourceExternalId(rendition id) is used.
  std::function<std::string(std::string_view rendition_id)> rendition_external_id;
  // Optional: the target id of an archived item the import matched by codename (a target item without an
  // external id, which the API cannot add to it), "" for every other item. References to such an item are
  // written by this id, never by an external id.
  std::function<std::string(std::string_view source_id)> item_target_id;
  std::function<std::string(std::string_view source_id)> asset_target_id;  // the same for assets
};

}  // namespace kbulk::content
