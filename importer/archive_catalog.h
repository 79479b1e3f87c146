// What the archive holds of items, assets and renditions, learned as their records stream past, so that
// references in later records can be named in the target (content::ImportNaming): an object keeps its
// archived external id, else gets content::SourceExternalId(its source id). Memory is one id per object
// plus the external ids that differ from the rule. Add* are called by the driver's thread; the lookups
// may be called from write threads once every item record was added (items precede variants).
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "content/import_naming.h"

namespace kbulk::importer {

class ArchiveCatalog {
 public:
  // Returns the external id the object gets in the target.
  std::string AddItem(std::string_view id, std::string_view external_id);
  std::string AddAsset(std::string_view id, std::string_view external_id);
  std::string AddRendition(std::string_view id, std::string_view external_id);

  // The archived item `id` is the target item `target_id`, matched by codename (it has no external id and
  // cannot gain one): references to it are written by that id.
  void MatchItemById(std::string_view id, std::string_view target_id);
  std::string ItemTargetId(std::string_view id) const;  // "" unless matched by codename
  std::size_t items_matched_by_codename() const;
  // The same for assets.
  void MatchAssetById(std::string_view id, std::string_view target_id);
  std::string AssetTargetId(std::string_view id) const;  // "" unless matched by codename

  std::string ItemExternalId(std::string_view id, bool& in_archive) const;
  std::string AssetExternalId(std::string_view id, bool& in_archive) const;
  std::string RenditionExternalId(std::string_view id) const;

  // Naming functions bound to this catalog (which must outlive them).
  content::ImportNaming Naming() const;

 private:
  struct Table {
    std::unordered_set<std::string> ids;
    std::unordered_map<std::string, std::string> explicit_external_ids;
  };
  static std::string Add(Table& table, std::string_view id, std::string_view external_id);
  static std::string Find(const Table& table, std::string_view id, bool& in_archive);

  mutable std::mutex mutex_;
  Table items_, assets_, renditions_;
  std::unordered_map<std::string, std::string> item_target_ids_;  // source id -> target id (codename matches)
  std::unordered_map<std::string, std::string> asset_target_ids_;
};

}  // namespace kbulk::importer
