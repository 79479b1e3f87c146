// Content items: list, get, add, upsert (creates when named by a new external id), delete. An item
// created with an external id that variants already referenced takes the id reserved for it.
#include "core/reference.h"
#include "emulator/identity_rules.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

ApiResponse ItemNotFound(std::string_view identifier) {
  return NotFoundError(kErrItemNotFound, "The requested content item '" + std::string(identifier) + "' was not found.");
}

// Writes name/codename/type/collection/external_id from `body` into `item` (new when `existing` is null).
ApiResponse ApplyItem(Environment& env, const JsonValue& body, const StoredObject* existing,
                      std::string_view path_external_id, bool* created) {
  JsonDocument item;
  if (existing != nullptr) {
    item = ParseJson(existing->json).value();
  } else {
    item.SetObject();
  }
  auto& a = item.GetAllocator();
  std::vector<ValidationError> errors;
  auto name = StringMember(body, "name");
  if (!name || name->empty() || name->size() > 200)
    errors.push_back({"Provide a nonempty name which fits within 200 characters.", "name"});
  std::string type_id;
  if (const JsonValue* type = Member(body, "type")) {
    auto ref = ReferenceFrom(*type);
    const StoredObject* t = ref ? env.types.Find(*ref) : nullptr;
    if (t == nullptr)
      errors.push_back({"The content type " + ToJsonString(*type) + " does not exist.", "type"});
    else
      type_id = t->id;
  } else if (existing == nullptr) {
    errors.push_back({"The content type of a new content item must be specified.", "type"});
  }
  if (existing != nullptr && !type_id.empty()) {
    std::string old_type = RefId(item, "type");
    if (!old_type.empty() && old_type != type_id)
      errors.push_back({"The content type of a content item cannot be changed.", "type"});
  }
  std::string collection_id = existing ? RefId(item, "collection", kNilId) : std::string(kNilId);
  if (const JsonValue* collection = Member(body, "collection")) {
    auto ref = ReferenceFrom(*collection);
    const StoredObject* c = ref ? env.collections.Find(*ref) : nullptr;
    if (c == nullptr)
      errors.push_back({"The collection " + ToJsonString(*collection) + " does not exist.", "collection"});
    else
      collection_id = c->id;
  }
  std::string external_id(path_external_id);
  if (auto body_external = StringMember(body, "external_id")) {
    if (Status valid = ValidateExternalId(*body_external); !valid.ok())
      errors.push_back({valid.message(), "external_id"});
    if (existing != nullptr && !existing->external_id.empty() && existing->external_id != *body_external)
      errors.push_back({"The external ID of a content item cannot be changed.", "external_id"});
    else if (!path_external_id.empty() && *body_external != path_external_id)
      errors.push_back({"The external ID in the body does not match the one in the URL.", "external_id"});
    else
      external_id = std::string(*body_external);
    if (existing == nullptr && env.items.FindByExternalId(external_id) != nullptr)
      return ErrorResponse(400, kErrInvalidBody,
                           "A content item with external ID '" + external_id + "' already exists.");
  }
  if (!errors.empty()) return InvalidBody(errors);
  std::string id = existing ? existing->id : env.IdForNewObject(env.reserved_item_ids, external_id);
  // An existing item keeps its codename unless the body names a new one.
  Result<std::string> codename = existing != nullptr && !StringMember(body, "codename")
                                     ? Result<std::string>(existing->codename)
                                     : ChooseCodename(body, *name, env.items, env, "content item", id);
  if (!codename.ok()) return InvalidBody(codename.status().message(), "codename");
  SetStringMember(item, "id", id, a);
  SetStringMember(item, "name", *name, a);
  SetStringMember(item, "codename", *codename, a);
  if (!type_id.empty()) {
    JsonValue t;
    SetIdReference(t, type_id, a);
    SetMember(item, "type", std::move(t), a);
  }
  JsonValue c;
  SetIdReference(c, collection_id, a);
  SetMember(item, "collection", std::move(c), a);
  SetMember(item, "spaces", SpacesOfCollection(env, collection_id, a), a);  // the spaces of its collection
  if (!item.HasMember("sitemap_locations")) SetMember(item, "sitemap_locations", JsonValue(rapidjson::kArrayType), a);
  if (!external_id.empty()) SetStringMember(item, "external_id", external_id, a);
  SetStringMember(item, "last_modified", NowTimestamp(), a);
  std::string final_type = RefId(item, "type");
  env.items.Put(ToStored(item));
  if (existing != nullptr) env.variants.ReindexItem(id, final_type, collection_id);
  *created = existing == nullptr;
  return JsonResponse(*created ? 201 : 200, item);
}

}  // namespace

void AddItemRoutes(Router& router) {
  const std::string base = std::string(kApiPrefix) + "/items";
  router.Add("GET", base, [](const ApiRequest& req, RouteContext& ctx) {
    return ListPage(req, ctx.environment->items, "items", ctx.options.page_size);
  });
  router.Add("GET", base + "/{item_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* item = FindByIdentifier(ctx.environment->items, req.Param("item_identifier"));
    if (item == nullptr) return ItemNotFound(req.Param("item_identifier"));
    return ApiResponse::Json(200, item->json);
  });
  router.Add("POST", base, [](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    bool created = false;
    return ApplyItem(*ctx.environment, *body, nullptr, {}, &created);
  });
  router.Add("PUT", base + "/{item_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    auto ref = ParseIdentifier(req.Param("item_identifier"));
    const StoredObject* existing = ref ? ctx.environment->items.Find(*ref) : nullptr;
    if (existing == nullptr && (!ref || ref->kind() != Reference::Kind::kExternalId))
      return ItemNotFound(req.Param("item_identifier"));
    if (existing == nullptr) {
      Status valid = ValidateExternalId(ref->value());
      if (!valid.ok()) return InvalidBody(valid.message(), "external_id");
    }
    bool created = false;
    return ApplyItem(*ctx.environment, *body, existing, existing ? std::string_view() : std::string_view(ref->value()),
                     &created);
  });
  router.Add("DELETE", base + "/{item_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    const StoredObject* item = FindByIdentifier(env.items, req.Param("item_identifier"));
    if (item == nullptr) return ItemNotFound(req.Param("item_identifier"));
    std::string id = item->id;
    for (const StoredVariant* v : env.variants.OfItem(id)) {
      std::string language = v->language_id;
      env.variants.Erase(id, language);
    }
    env.items.Erase(id);
    return ApiResponse::NoContent();
  });
}

}  // namespace kbulk::emulator
