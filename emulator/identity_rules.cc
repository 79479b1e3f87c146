// Codename, name and external-id checks, and items' spaces.
#include "emulator/identity_rules.h"

#include <unordered_map>
#include <vector>

#include "core/reference.h"
#include "emulator/route_support.h"

namespace kbulk::emulator {
namespace {

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

Status CheckCodename(std::string_view codename, std::size_t limit) {
  const std::string quoted = "The codename '" + std::string(codename) + "' ";
  if (codename.empty()) return InvalidArgument("A codename must have at least one character.");
  if (codename.size() > limit)
    return InvalidArgument(quoted + "is longer than " + std::to_string(limit) + " characters.");
  const char first = codename.front();
  if (!((first >= 'a' && first <= 'z') || first == '_'))
    return InvalidArgument(quoted + "must start with a lowercase letter or an underscore.");
  for (char ch : codename)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
      return InvalidArgument(quoted + "may hold only lowercase letters, digits and underscores.");
  return Status::Ok();
}

bool NameFits(const JsonValue* name, std::size_t limit) {
  if (name == nullptr || !name->IsString() || name->GetStringLength() == 0) return false;
  return Utf8Length(std::string_view(name->GetString(), name->GetStringLength())) <= limit;
}

Status CheckExternalId(std::string_view external_id, const ObjectTable& table, std::string_view kind_label,
                       std::string_view own_id) {
  KBULK_RETURN_IF_ERROR(ValidateExternalId(external_id));
  const StoredObject* other = table.FindByExternalId(external_id);
  if (other != nullptr && other->id != own_id)
    return Status(StatusCode::kAlreadyExists, "The external ID '" + std::string(external_id) +
                                                  "' is already used by another " + std::string(kind_label) + ".");
  return Status::Ok();
}

JsonValue SpacesOfCollection(const Environment& env, std::string_view collection_id, JsonAllocator& a) {
  JsonValue spaces(rapidjson::kArrayType);
  for (const StoredObject* space : env.spaces.All()) {
    const JsonValue* collections = Member(space->Doc(), "collections");
    if (collections == nullptr || !collections->IsArray()) continue;
    for (const JsonValue& c : collections->GetArray()) {
      if (StringMember(c, "id").value_or("") != collection_id) continue;
      JsonValue ref;
      SetIdReference(ref, space->id, a);
      spaces.PushBack(std::move(ref), a);
      break;
    }
  }
  return spaces;
}

void RefreshItemSpaces(Environment& env) {
  std::unordered_map<std::string, std::string> spaces_json;  // collection id -> its spaces as JSON text
  for (const StoredObject* item : env.items.All()) {
    std::string collection = RefId(item->Doc(), "collection", kNilId);
    auto it = spaces_json.find(collection);
    if (it == spaces_json.end()) {
      JsonDocument scratch;
      it = spaces_json.emplace(collection, ToJsonString(SpacesOfCollection(env, collection, scratch.GetAllocator())))
               .first;
    }
    const JsonValue* current = Member(item->Doc(), "spaces");
    if (current != nullptr && ToJsonString(*current) == it->second) continue;
    JsonDocument doc;
    doc.CopyFrom(item->Doc(), doc.GetAllocator());
    SetMember(doc, "spaces", JsonValue(ParseJson(it->second).value(), doc.GetAllocator()), doc.GetAllocator());
    env.items.Put(ToStored(doc));
  }
}

}  // namespace kbulk::emulator
