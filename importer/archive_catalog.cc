#include "importer/archive_catalog.h"

namespace kbulk::importer {

std::string ArchiveCatalog::Add(Table& table, std::string_view id, std::string_view external_id) {
  table.ids.emplace(id);
  if (external_id.empty()) return content::SourceExternalId(id);
  table.explicit_external_ids.emplace(std::string(id), std::string(external_id));
  return std::string(external_id);
}

std::string ArchiveCatalog::Find(const Table& table, std::string_view id, bool& in_archive) {
  std::string key(id);
  in_archive = table.ids.count(key) != 0;
  auto it = table.explicit_external_ids.find(key);
  return it != table.explicit_external_ids.end() ? it->second : content::SourceExternalId(id);
}

std::string ArchiveCatalog::AddItem(std::string_view id, std::string_view external_id) {
  std::lock_guard lock(mutex_);
  return Add(items_, id, external_id);
}

std::string ArchiveCatalog::AddAsset(std::string_view id, std::string_view external_id) {
  std::lock_guard lock(mutex_);
  return Add(assets_, id, external_id);
}

std::string ArchiveCatalog::AddRendition(std::string_view id, std::string_view external_id) {
  std::lock_guard lock(mutex_);
  return Add(renditions_, id, external_id);
}

void ArchiveCatalog::MatchItemById(std::string_view id, std::string_view target_id) {
  std::lock_guard lock(mutex_);
  item_target_ids_[std::string(id)] = std::string(target_id);
}

std::string ArchiveCatalog::ItemTargetId(std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto it = item_target_ids_.find(std::string(id));
  return it != item_target_ids_.end() ? it->second : std::string();
}

std::size_t ArchiveCatalog::items_matched_by_codename() const {
  std::lock_guard lock(mutex_);
  return item_target_ids_.size();
}

void ArchiveCatalog::MatchAssetById(std::string_view id, std::string_view target_id) {
  std::lock_guard lock(mutex_);
  asset_target_ids_[std::string(id)] = std::string(target_id);
}

std::string ArchiveCatalog::AssetTargetId(std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto it = asset_target_ids_.find(std::string(id));
  return it != asset_target_ids_.end() ? it->second : std::string();
}

std::string ArchiveCatalog::ItemExternalId(std::string_view id, bool& in_archive) const {
  std::lock_guard lock(mutex_);
  return Find(items_, id, in_archive);
}

std::string ArchiveCatalog::AssetExternalId(std::string_view id, bool& in_archive) const {
  std::lock_guard lock(mutex_);
  return Find(assets_, id, in_archive);
}

std::string ArchiveCatalog::RenditionExternalId(std::string_view id) const {
  std::lock_guard lock(mutex_);
  bool in_archive = false;
  return Find(renditions_, id, in_archive);
}

content::ImportNaming ArchiveCatalog::Naming() const {
  content::ImportNaming naming;
  naming.item_external_id = [this](std::string_view id, bool& in_archive) { return ItemExternalId(id, in_archive); };
  naming.asset_external_id = [this](std::string_view id, bool& in_archive) { return AssetExternalId(id, in_archive); };
  naming.rendition_external_id = [this](std::string_view id) { return RenditionExternalId(id); };
  naming.item_target_id = [this](std::string_view id) { return ItemTargetId(id); };
  naming.asset_target_id = [this](std::string_view id) { return AssetTargetId(id); };
  return naming;
}

}  // namespace kbulk::importer
