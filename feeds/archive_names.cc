// ArchiveNames (archive_names.h). An item's names are packed as "<varint type><varint collection><varint
// codename size><codename><varint external id size + 1, 0 = none><external id><name>".
#include "feeds/archive_names.h"

#include "content/import_naming.h"
#include "core/json.h"
#include "core/uuid.h"
#include "formats/record_envelope.h"

namespace kbulk::feeds {
namespace {

// 'i' item, 'a' asset, 'r' rendition: lowercase with the 16 bytes of a UUID, uppercase with any other id.
std::string Key(char kind, std::string_view id) {
  std::string key;
  if (auto uuid = Uuid::Parse(id)) {
    key.push_back(kind);
    key.append(reinterpret_cast<const char*>(uuid->bytes().data()), uuid->bytes().size());
  } else {
    key.push_back(static_cast<char>(kind - 'a' + 'A'));
    key.append(id);
  }
  return key;
}

void PutVarint(std::string& out, std::uint64_t n) {
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
}

bool GetVarint(std::string_view text, std::size_t& pos, std::uint64_t& n) {
  n = 0;
  for (int shift = 0; shift < 64 && pos < text.size(); shift += 7) {
    auto byte = static_cast<unsigned char>(text[pos++]);
    n |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

std::string Pack(const ItemNames& names) {
  std::string out;
  PutVarint(out, names.type);
  PutVarint(out, names.collection);
  PutVarint(out, names.codename.size());
  out.append(names.codename);
  PutVarint(out, names.external_id ? names.external_id->size() + 1 : 0);
  if (names.external_id) out.append(*names.external_id);
  out.append(names.name);
  return out;
}

std::optional<ItemNames> Unpack(std::string_view text) {
  ItemNames names;
  std::size_t pos = 0;
  std::uint64_t type = 0, collection = 0, codename = 0, external = 0;
  if (!GetVarint(text, pos, type) || !GetVarint(text, pos, collection) || !GetVarint(text, pos, codename) ||
      codename > text.size() - pos) {
    return std::nullopt;
  }
  names.type = static_cast<std::uint32_t>(type);
  names.collection = static_cast<std::uint32_t>(collection);
  names.codename = std::string(text.substr(pos, codename));
  pos += codename;
  if (!GetVarint(text, pos, external) || (external > 0 && external - 1 > text.size() - pos)) return std::nullopt;
  if (external > 0) {
    names.external_id = std::string(text.substr(pos, external - 1));
    pos += external - 1;
  }
  names.name = std::string(text.substr(pos));
  return names;
}

}  // namespace

Status ArchiveNames::AddAsset(std::string_view record) {
  KBULK_ASSIGN_OR_RETURN(formats::AssetRecord asset, formats::ParseAssetRecord(record));
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(asset.asset));
  auto id = doc.IsObject() ? StringMember(doc, "id") : std::nullopt;
  if (!id) return Corrupt("an asset without an id");
  if (auto external = StringMember(doc, "external_id"); external && !external->empty()) {
    KBULK_RETURN_IF_ERROR(objects_.Put(Key('a', *id), *external));
  }
  KBULK_ASSIGN_OR_RETURN(JsonDocument renditions, ParseJson(asset.renditions));
  if (!renditions.IsArray()) return Status::Ok();
  for (const JsonValue& rendition : renditions.GetArray()) {
    if (!rendition.IsObject()) continue;
    auto rid = StringMember(rendition, "rendition_id");  // the API's name for a rendition's id
    if (!rid) rid = StringMember(rendition, "id");
    auto external = StringMember(rendition, "external_id");
    if (rid && external && !external->empty()) KBULK_RETURN_IF_ERROR(objects_.Put(Key('r', *rid), *external));
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
  return objects_.Put(Key('i', *id), Pack(names));
}

std::uint32_t ArchiveNames::Intern(std::string_view text) {
  auto [it, added] = intern_index_.emplace(std::string(text), static_cast<std::uint32_t>(interned_.size()));
  if (added) interned_.emplace_back(text);
  return it->second;
}

bool ArchiveNames::Find(const std::string& key, std::string& value) const {
  auto found = objects_.Get(key, value);
  if (found.ok()) return *found;
  if (status_.ok()) status_ = found.status();
  return false;
}

std::optional<ItemNames> ArchiveNames::Item(std::string_view id) const {
  if (!Find(Key('i', id), scratch_)) return std::nullopt;
  auto names = Unpack(scratch_);
  if (!names && status_.ok()) status_ = Corrupt("feed name index: damaged names of item " + std::string(id));
  if (names && names->type >= interned_.size()) names->type = 0;
  if (names && names->collection >= interned_.size()) names->collection = 0;
  return names;
}

std::string ArchiveNames::LanguageName(std::string_view language_id) const {
  const std::string* codename = model_.LanguageCodename(language_id);
  return codename != nullptr ? *codename : std::string(language_id);
}

const std::string* ArchiveNames::ItemCodename(std::string_view item_id) const {
  auto item = Item(item_id);
  if (!item || item->codename.empty()) return nullptr;
  codename_ = std::move(item->codename);
  return &codename_;
}

std::string ArchiveNames::ItemExternalId(std::string_view item_id) const {
  auto item = Item(item_id);
  return item && item->external_id ? *item->external_id : content::SourceExternalId(item_id);
}

std::string ArchiveNames::ExternalId(char kind, std::string_view id) const {
  return Find(Key(kind, id), scratch_) ? scratch_ : content::SourceExternalId(id);
}

std::string ArchiveNames::AssetExternalId(std::string_view asset_id) const {
  return ExternalId('a', asset_id);
}

std::string ArchiveNames::RenditionExternalId(std::string_view rendition_id) const {
  return ExternalId('r', rendition_id);
}

}  // namespace kbulk::feeds
