// Symbolic keys for ids.
#include "diff/object_keys.h"

#include "core/sha256.h"
#include "core/uuid.h"

namespace kbulk::diff {
namespace {

// Keys replace ids inside canonical records, so a key is kept short whatever the archive holds: a long one
// (a huge codename, a deep chain of nested names) becomes its start and its SHA-256. Without this, one
// record referencing an id a million times would expand by the key's length a million times.
constexpr std::size_t kMaxKeyLength = 256;

std::string Bounded(std::string key) {
  if (key.size() <= kMaxKeyLength) return key;
  return key.substr(0, kMaxKeyLength - 72) + "...#" + Sha256::HexOf(key);
}

}  // namespace

bool IsImportExternalId(std::string_view external_id) {
  constexpr std::string_view kPrefix = "kbulk-";
  return external_id.size() == kPrefix.size() + 36 && external_id.substr(0, kPrefix.size()) == kPrefix &&
         Uuid::IsValid(external_id.substr(kPrefix.size()));
}

std::string StableName(const JsonValue& object) {
  if (auto codename = StringMember(object, "codename")) return std::string(*codename);
  if (auto external_id = StringMember(object, "external_id"); external_id && !IsImportExternalId(*external_id))
    return "ext:" + std::string(*external_id);
  if (auto name = StringMember(object, "name")) return "name:" + std::string(*name);
  return {};
}

std::string ObjectKeys::KeyOf(EntityKind kind, const JsonValue& record) const {
  std::string name = StableName(record);
  if (name.empty()) {
    auto id = StringMember(record, "id");
    name = id ? "id:" + std::string(*id) : std::string("?");
  }
  std::string key(EntityKindName(kind));
  key += ':';
  key += name;
  return key;
}

void ObjectKeys::Learn(EntityKind kind, const JsonValue& record) {
  if (record.IsArray()) {  // singleton documents that are arrays
    for (const auto& element : record.GetArray()) Learn(kind, element);
    return;
  }
  if (!record.IsObject()) return;
  std::string key = Bounded(KeyOf(kind, record));
  if (auto id = StringMember(record, "id"); id && Uuid::IsValid(*id)) keys_.emplace(std::string(*id), key);
  for (const auto& member : record.GetObject()) LearnNested(key, member.value);
}

void ObjectKeys::LearnNested(const std::string& parent, const JsonValue& value) {
  if (value.IsArray()) {
    for (const auto& element : value.GetArray()) LearnNested(parent, element);
    return;
  }
  if (!value.IsObject()) return;
  std::string key = parent;
  auto id = StringMember(value, "id");
  std::string name = StableName(value);
  // Only named nested objects get keys: a bare {"id": ...} is a reference, not a definition.
  if (id && !name.empty() && Uuid::IsValid(*id)) {
    key = Bounded(parent + "/" + name);
    keys_.emplace(std::string(*id), key);
  }
  for (const auto& member : value.GetObject()) LearnNested(key, member.value);
}

void ObjectKeys::LearnRendition(const std::string& asset_key, const JsonValue& rendition) {
  auto id = StringMember(rendition, "rendition_id");
  if (!id || !Uuid::IsValid(*id)) return;
  std::string name;
  if (auto external_id = StringMember(rendition, "external_id"); external_id && !IsImportExternalId(*external_id))
    name = "ext:" + std::string(*external_id);
  else if (const JsonValue* transformation = Member(rendition, "transformation"))
    name = ToJsonString(*transformation);
  keys_.emplace(std::string(*id), Bounded(asset_key + "/rendition:" + name));
}

const std::string* ObjectKeys::Find(std::string_view id) const {
  auto it = keys_.find(std::string(id));
  return it == keys_.end() ? nullptr : &it->second;
}

}  // namespace kbulk::diff
