// Collections (one list with addInto/move/remove/replace operations by reference) and spaces (list,
// get, add, modify by property name, delete).
#include "core/codename.h"
#include "emulator/identity_rules.h"
#include "emulator/property_patch.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

std::string CollectionsBody(const Environment& env) {
  JsonWriter w;
  w.StartObject().Key("last_modified").String(env.collections_last_modified).Key("collections").StartArray();
  for (const StoredObject* c : env.collections.All()) w.Raw(c->json);
  w.EndArray().EndObject();
  return w.str();
}

int IndexOf(const JsonValue& array, const JsonValue* ref_value) {
  auto ref = ref_value ? ReferenceFrom(*ref_value) : std::nullopt;
  if (!ref) return -1;
  std::string_view key = ref->kind() == Reference::Kind::kId         ? "id"
                         : ref->kind() == Reference::Kind::kCodename ? "codename"
                                                                     : "external_id";
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i)
    if (StringMember(array[i], key).value_or("\x01") == ref->value()) return static_cast<int>(i);
  return -1;
}

void InsertAt(JsonValue& array, JsonValue value, int position, JsonAllocator& a) {
  array.PushBack(std::move(value), a);
  for (int k = static_cast<int>(array.Size()) - 1; position >= 0 && k > position; --k)
    array[static_cast<rapidjson::SizeType>(k)].Swap(array[static_cast<rapidjson::SizeType>(k - 1)]);
}

int Position(const JsonValue& array, const JsonValue& op, bool* bad) {
  const JsonValue* before = Member(op, "before");
  const JsonValue* after = Member(op, "after");
  if (!before && !after) return -1;
  int i = IndexOf(array, before ? before : after);
  if (i < 0) *bad = true;
  return after ? i + 1 : i;
}

ApiResponse PatchCollections(const ApiRequest& req, Environment& env) {
  auto ops = ParseBody(req);
  if (!ops.ok()) return BadJson(ops.status());
  if (!ops->IsArray() || ops->Empty())
    return InvalidBody("No patch operations were provided, provide at least one operation.");
  JsonDocument doc;
  doc.SetArray();
  auto& a = doc.GetAllocator();
  for (const StoredObject* c : env.collections.All()) doc.PushBack(JsonValue(ParseJson(c->json).value(), a), a);
  std::vector<ValidationError> errors;
  for (const JsonValue& op : ops->GetArray()) {
    std::string kind(StringMember(op, "op").value_or(""));
    bool bad = false;
    int target = IndexOf(doc, Member(op, "reference"));
    if (kind == "addInto") {
      const JsonValue* value = Member(op, "value");
      auto name = value ? StringMember(*value, "name") : std::nullopt;
      if (!name || !NameFits(Member(*value, "name"), 200)) {
        errors.push_back({"A new collection needs a name of 1-200 characters.", "value.name"});
        continue;
      }
      JsonValue c(*value, a);
      SetStringMember(c, "id", env.NewId(), a);
      if (!StringMember(c, "codename")) SetStringMember(c, "codename", CodenameFromName(*name), a);
      std::string codename(StringMember(c, "codename").value_or(""));
      if (Status valid = CheckCodename(codename, kCollectionCodenameLimit); !valid.ok()) {
        errors.push_back({valid.message(), "value.codename"});
        continue;
      }
      for (const JsonValue& other : doc.GetArray())
        if (StringMember(other, "codename").value_or("") == codename) bad = true;
      if (bad) {
        errors.push_back({"The codename '" + codename + "' is already used by another collection.", "value.codename"});
        continue;
      }
      if (auto ext = StringMember(c, "external_id")) {
        Status valid = ValidateExternalId(*ext);
        for (const JsonValue& other : doc.GetArray())
          if (valid.ok() && StringMember(other, "external_id").value_or("\x01") == *ext)
            valid = Status(StatusCode::kAlreadyExists,
                           "The external ID '" + std::string(*ext) + "' is already used by another collection.");
        if (!valid.ok()) {
          errors.push_back({valid.message(), "value.external_id"});
          continue;
        }
      }
      int at = Position(doc, op, &bad);
      if (bad)
        errors.push_back({"The collection named in before/after does not exist.", "before"});
      else
        InsertAt(doc, std::move(c), at, a);
    } else if (target < 0) {
      errors.push_back({"The referenced collection does not exist.", "reference"});
    } else if (kind == "remove") {
      const std::string id(StringMember(doc[static_cast<rapidjson::SizeType>(target)], "id").value_or(""));
      if (id == kNilId)
        errors.push_back({"The default collection cannot be removed.", "reference"});
      else if (!env.variants.Page(VariantTable::Index::kCollection, id, 0, 1).variants.empty())
        errors.push_back({"The collection '" + id + "' still holds content and cannot be removed.", "reference"});
      else
        doc.Erase(doc.Begin() + target);
    } else if (kind == "replace") {
      std::string property(StringMember(op, "property_name").value_or(""));
      const JsonValue* value = Member(op, "value");
      Status valid = property == "codename" && value != nullptr && value->IsString()
                         ? CheckCodename(value->GetString(), kCollectionCodenameLimit)
                         : Status::Ok();
      for (rapidjson::SizeType k = 0;
           valid.ok() && property == "codename" && value && value->IsString() && k < doc.Size(); ++k)
        if (static_cast<int>(k) != target && StringMember(doc[k], "codename").value_or("") == value->GetString())
          valid = InvalidArgument("The codename is already used by another collection.");
      if ((property != "name" && property != "codename") || value == nullptr || !value->IsString())
        errors.push_back({"replace changes name or codename to a string value.", "property_name"});
      else if (property == "name" && !NameFits(value, 200))
        errors.push_back({"The name must have 1-200 characters.", "value"});
      else if (!valid.ok())
        errors.push_back({valid.message(), "value"});
      else
        SetMember(doc[static_cast<rapidjson::SizeType>(target)], property, JsonValue(*value, a), a);
    } else if (kind == "move") {
      JsonValue moved(std::move(doc[static_cast<rapidjson::SizeType>(target)]));
      doc.Erase(doc.Begin() + target);
      int at = Position(doc, op, &bad);
      if (bad || at < 0)
        errors.push_back({"move needs before or after naming an existing collection.", "before"});
      else
        InsertAt(doc, std::move(moved), at, a);
    } else {
      errors.push_back({"Unknown operation '" + kind + "' (addInto, move, remove, replace).", "op"});
    }
  }
  if (!errors.empty()) return InvalidBody(errors);
  env.collections = ObjectTable();
  for (const JsonValue& c : doc.GetArray()) env.collections.Put(ToStored(c));
  env.collections_last_modified = NowTimestamp();
  RefreshItemSpaces(env);
  return ApiResponse::Json(200, CollectionsBody(env));
}

std::string CheckSpaceProperty(Environment& env, const std::string& own_id, const std::string& property,
                               JsonValue& value, JsonAllocator& a) {
  if (property == "name" && !NameFits(&value, 200)) return "The name must be a string of 1-200 characters.";
  if (property == "codename") {
    if (!value.IsString()) return "The codename must be a string.";
    if (Status valid = CheckCodename(value.GetString(), kCollectionCodenameLimit); !valid.ok()) return valid.message();
    const StoredObject* other = env.spaces.FindByCodename(value.GetString());
    if (other != nullptr && other->id != own_id) return "The codename is already used by another space.";
  }
  if (property == "web_spotlight_root_item" && !value.IsNull()) {
    auto ref = ReferenceFrom(value);
    const StoredObject* item = ref ? env.items.Find(*ref) : nullptr;
    if (item == nullptr) return "The root item does not exist.";
    SetIdReference(value, item->id, a);
  }
  if (property == "collections") {
    if (!value.IsArray()) return "collections must be an array of references.";
    for (JsonValue& ref_value : value.GetArray()) {
      auto ref = ReferenceFrom(ref_value);
      const StoredObject* c = ref ? env.collections.Find(*ref) : nullptr;
      if (c == nullptr) return "A collection of the space does not exist.";
      SetIdReference(ref_value, c->id, a);
    }
  }
  return "";
}

}  // namespace

void AddCollectionRoutes(Router& router) {
  const std::string base = std::string(kApiPrefix) + "/collections";
  router.Add("GET", base, [](const ApiRequest&, RouteContext& ctx) {
    return ApiResponse::Json(200, CollectionsBody(*ctx.environment));
  });
  router.Add("PATCH", base,
             [](const ApiRequest& req, RouteContext& ctx) { return PatchCollections(req, *ctx.environment); });
}

void AddSpaceRoutes(Router& router) {
  const std::string base = std::string(kApiPrefix) + "/spaces";
  auto not_found = [](std::string_view identifier) {
    return NotFoundError(kErrSpaceNotFound, "The requested space '" + std::string(identifier) + "' was not found.");
  };
  router.Add("GET", base, [](const ApiRequest&, RouteContext& ctx) {
    return ApiResponse::Json(200, JsonArrayOf(ctx.environment->spaces));
  });
  router.Add("GET", base + "/{space_identifier}", [not_found](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* s = FindByIdentifier(ctx.environment->spaces, req.Param("space_identifier"));
    return s ? ApiResponse::Json(200, s->json) : not_found(req.Param("space_identifier"));
  });
  router.Add("POST", base, [](const ApiRequest& req, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    auto& a = body->GetAllocator();
    std::vector<ValidationError> errors;
    for (auto& m : body->GetObject()) {
      std::string problem = CheckSpaceProperty(env, "", m.name.GetString(), m.value, a);
      if (!problem.empty()) errors.push_back({problem, m.name.GetString()});
    }
    // A requested codename was checked above (up to 210 characters); otherwise one is generated.
    Result<std::string> codename = std::string(StringMember(*body, "codename").value_or(""));
    if (codename->empty()) {
      JsonDocument no_codename;
      no_codename.SetObject();
      codename = ChooseCodename(no_codename, StringMember(*body, "name").value_or(""), env.spaces, env, "space");
    }
    if (!codename.ok()) errors.push_back({codename.status().message(), "codename"});
    if (!StringMember(*body, "name")) errors.push_back({"A space needs a name.", "name"});
    if (!errors.empty()) return InvalidBody(errors);
    SetStringMember(*body, "id", env.NewId(), a);
    SetStringMember(*body, "codename", *codename, a);
    if (!body->HasMember("collections")) body->AddMember("collections", JsonValue(rapidjson::kArrayType), a);
    env.spaces.Put(ToStored(*body));
    RefreshItemSpaces(env);
    return JsonResponse(201, *body);
  });
  router.Add("PATCH", base + "/{space_identifier}", [not_found](const ApiRequest& req, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    const StoredObject* s = FindByIdentifier(env.spaces, req.Param("space_identifier"));
    if (s == nullptr) return not_found(req.Param("space_identifier"));
    auto ops = ParseBody(req);
    if (!ops.ok()) return BadJson(ops.status());
    JsonDocument doc = ParseJson(s->json).value();
    const std::string id = s->id;
    auto errors = ApplyPropertyPatch(
        doc, *ops, {"name", "codename", "web_spotlight_root_item", "collections"},
        [&](const std::string& p, JsonValue& v, JsonAllocator& a) { return CheckSpaceProperty(env, id, p, v, a); });
    if (!errors.empty()) return InvalidBody(errors);
    env.spaces.Put(ToStored(doc));
    RefreshItemSpaces(env);
    return JsonResponse(200, doc);
  });
  router.Add("DELETE", base + "/{space_identifier}", [not_found](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* s = FindByIdentifier(ctx.environment->spaces, req.Param("space_identifier"));
    if (s == nullptr) return not_found(req.Param("space_identifier"));
    ctx.environment->spaces.Erase(std::string(s->id));
    RefreshItemSpaces(*ctx.environment);
    return ApiResponse::NoContent();
  });
}

}  // namespace kbulk::emulator
