// ArchiveNames (archive_names.h).
#include "feeds/archive_names.h"

#include "content/import_naming.h"
#include "core/json.h"
#include "formats/record_envelope.h"

namespace kbulk::feeds {

Status ArchiveNames::AddAsset(std::string_view record) {
  KBULK_ASSIGN_OR_RETURN(formats::AssetRecord asset, formats::ParseAssetRecord(record));
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(asset.asset));
  auto id = doc.IsObject() ? StringMember(doc, "id") : std::nullopt;
  if (!id) return Corrupt("an asset without an id");
  if (auto external = StringMember(doc, "external_id"); external && !external->empty()) {
    asset_external_ids_[std::string(*id)] = std::string(*external);
  }
  KBULK_ASSIGN_OR_RETURN(JsonDocument renditions, ParseJson(asset.renditions));
  if (!renditions.IsArray()) return Status::Ok();
  for (const JsonValue& rendition : renditions.GetArray()) {
    if (!rendition.IsObject()) continue;
    auto rid = StringMember(rendition, "rendition_id");  // the API's name for a rendition's id
    if (!rid) rid = StringMember(rendition, "id");
    auto external = StringMember(rendition, "external_id");
    if (rid && external && !external->empty()) rendition_external_ids_[std::string(*rid)] = std::string(*external);
  }
  return Status::Ok();
}

Status ArchiveNames::AddItem(std::string_view json, const std::string* feed_type_id) {
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
  auto id = doc.IsObject() ? StringMember(doc, "id") : std::nullopt;
  if (!id) return Corrupt("an item without an id");
  ItemNames names;
  names.codename = std::string(StringMember(doc, "codename").value_or(""));
  if (auto external = StringMember(doc, "external_id"); external && !external->empty()) {
    names.external_id = std::string(*external);
  }
  std::string_view type_id;
  if (const JsonValue* type = Member(doc, "type"); type != nullptr) type_id = StringMember(*type, "id").value_or("");
  names.type = Intern(type_id);
  if (feed_type_id != nullptr && type_id == *feed_type_id) {
    names.name = std::string(StringMember(doc, "name").value_or(""));
    if (const JsonValue* collection = Member(doc, "collection"); collection != nullptr) {
      names.collection = Intern(StringMember(*collection, "id").value_or(""));
    }
  }
  if (auto uuid = Uuid::Parse(*id)) {
    items_[*uuid] = std::move(names);
  } else {
    other_items_[std::string(*id)] = std::move(names);
  }
  return Status::Ok();
}

std::uint32_t ArchiveNames::Intern(std::string_view text) {
  auto [it, added] = intern_index_.emplace(std::string(text), static_cast<std::uint32_t>(interned_.size()));
  if (added) interned_.emplace_back(text);
  return it->second;
}

const ItemNames* ArchiveNames::Item(std::string_view id) const {
  if (auto uuid = Uuid::Parse(id)) {
    auto found = items_.find(*uuid);
    if (found != items_.end()) return &found->second;
  }
  auto other = other_items_.find(std::string(id));
  return other != other_items_.end() ? &other->second : nullptr;
}

std::string ArchiveNames::LanguageName(std::string_view language_id) const {
  const std::string* codename = model_.LanguageCodename(language_id);
  return codename != nullptr ? *codename : std::string(language_id);
}

const std::string* ArchiveNames::ItemCodename(std::string_view item_id) const {
  const ItemNames* item = Item(item_id);
  return item != nullptr && !item->codename.empty() ? &item->codename : nullptr;
}

std::string ArchiveNames::ItemExternalId(std::string_view item_id) const {
  const ItemNames* item = Item(item_id);
  return item != nullptr && item->external_id ? *item->external_id : content::SourceExternalId(item_id);
}

std::string ArchiveNames::AssetExternalId(std::string_view asset_id) const {
  auto found = asset_external_ids_.find(std::string(asset_id));
  return found != asset_external_ids_.end() ? found->second : content::SourceExternalId(asset_id);
}

std::string ArchiveNames::RenditionExternalId(std::string_view rendition_id) const {
  auto found = rendition_external_ids_.find(std::string(rendition_id));
  return found != rendition_external_ids_.end() ? found->second : content::SourceExternalId(rendition_id);
}

}  // namespace kbulk::feeds
