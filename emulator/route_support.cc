// Shared route helpers.
#include "emulator/route_support.h"

#include "core/codename.h"
#include "emulator/pagination.h"

namespace kbulk::emulator {

std::optional<Reference> ParseIdentifier(std::string_view segment) {
  if (segment.empty()) return std::nullopt;
  if (segment.rfind("codename/", 0) == 0) return Reference::ByCodename(std::string(segment.substr(9)));
  if (segment.rfind("external-id/", 0) == 0) return Reference::ByExternalId(std::string(segment.substr(12)));
  return Reference::ById(std::string(segment));
}

Result<JsonDocument> ParseBody(const ApiRequest& request) {
  if (request.body.empty()) return InvalidArgument("The request body is empty.");
  // The parser recurses per nesting level: refuse absurd nesting before it can exhaust a thread's stack.
  constexpr int kMaxDepth = 256;
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < request.body.size(); ++i) {
    char c = request.body[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return InvalidArgument("The JSON nests deeper than 256 levels.");
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return ParseJson(request.body);
}

ApiResponse BadJson(const Status& status) {
  return InvalidBody("The provided request body is not valid JSON: " + status.message());
}

std::optional<Reference> ReferenceFrom(const JsonValue& value) {
  if (!value.IsObject()) return std::nullopt;
  if (auto id = StringMember(value, "id")) return Reference::ById(std::string(*id));
  if (auto codename = StringMember(value, "codename")) return Reference::ByCodename(std::string(*codename));
  if (auto external_id = StringMember(value, "external_id")) return Reference::ByExternalId(std::string(*external_id));
  return std::nullopt;
}

const StoredObject* FindByIdentifier(const ObjectTable& table, std::string_view segment) {
  auto ref = ParseIdentifier(segment);
  return ref ? table.Find(*ref) : nullptr;
}

std::string RefId(const JsonValue& object, std::string_view key, std::string_view fallback) {
  const JsonValue* ref = Member(object, key);
  return std::string(ref != nullptr ? StringMember(*ref, "id").value_or(fallback) : fallback);
}

void SetMember(JsonValue& object, std::string_view key, JsonValue value, JsonAllocator& allocator) {
  auto it =
      object.FindMember(JsonValue(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
  if (it != object.MemberEnd()) {
    it->value = std::move(value);
  } else {
    object.AddMember(MakeString(key, allocator), std::move(value), allocator);
  }
}

void SetStringMember(JsonValue& object, std::string_view key, std::string_view value, JsonAllocator& allocator) {
  SetMember(object, key, MakeString(value, allocator), allocator);
}

void SetIdReference(JsonValue& value, std::string_view id, JsonAllocator& allocator) {
  value.SetObject();
  value.AddMember("id", MakeString(id, allocator), allocator);
}

Result<std::string> ChooseCodename(const JsonValue& body, std::string_view name, const ObjectTable& table,
                                   Environment& env, std::string_view kind_label, std::string_view own_id) {
  if (auto requested = StringMember(body, "codename")) {
    Status valid = ValidateCodename(*requested);
    if (!valid.ok())
      return InvalidArgument("The codename '" + std::string(*requested) + "' is invalid: " + valid.message());
    const StoredObject* other = table.FindByCodename(*requested);
    if (other != nullptr && other->id != own_id)
      return Status(StatusCode::kAlreadyExists, "The codename '" + std::string(*requested) +
                                                    "' is already used by another " + std::string(kind_label) + ".");
    return std::string(*requested);
  }
  std::string base = CodenameFromName(name.empty() ? std::string_view(kind_label) : name);
  return UniqueCodename(
      base, [&](std::string_view c) { return table.CodenameTaken(c); }, env.rng);
}

ApiResponse ListPage(const ApiRequest& request, const ObjectTable& table, std::string_view array_key,
                     std::size_t page_size) {
  auto from = RequestedPosition(request);
  if (!from) return ErrorResponse(400, 0, "The specified continuation token is incorrect.");
  ObjectPage page = table.Page(*from, page_size);
  JsonWriter w;
  w.StartObject().Key(array_key).StartArray();
  for (const StoredObject* o : page.objects) w.Raw(o->json);
  w.EndArray();
  WritePagination(w, request, page.next_seq);
  w.EndObject();
  return ApiResponse::Json(200, w.str());
}

std::string JsonArrayOf(const ObjectTable& table) {
  JsonWriter w;
  w.StartArray();
  for (const StoredObject* o : table.All()) w.Raw(o->json);
  w.EndArray();
  return w.str();
}

ApiResponse JsonResponse(int status, const JsonValue& doc) {
  return ApiResponse::Json(status, ToJsonString(doc));
}

JsonDocument FolderTree(const Environment& env) {
  auto parsed = ParseJson(env.folders_json);
  JsonDocument tree;
  if (parsed.ok() && parsed->IsObject())
    tree = std::move(parsed).value();
  else
    tree.SetObject();
  if (!tree.HasMember("folders") || !tree["folders"].IsArray())
    SetMember(tree, "folders", JsonValue(rapidjson::kArrayType), tree.GetAllocator());
  return tree;
}

StoredObject ToStored(const JsonValue& doc) {
  StoredObject o;
  o.id = std::string(StringMember(doc, "id").value_or(""));
  o.codename = std::string(StringMember(doc, "codename").value_or(""));
  o.external_id = std::string(StringMember(doc, "external_id").value_or(""));
  o.json = ToJsonString(doc);
  return o;
}

}  // namespace kbulk::emulator
