// Roles (read only), webhooks (current and legacy: list, get, add, delete, enable, disable), preview
// configuration (get, replace) and user invitations / role changes (echoed, not stored).
#include "emulator/identity_rules.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

ObjectTable& Webhooks(Environment& env, bool legacy) {
  return legacy ? env.legacy_webhooks : env.webhooks;
}

// The spec's webhook schema: name 1..200 characters, url an http(s) URL of 1..250 characters, secret a
// nonempty string ("When creating webhooks via API, you need to provide your own secret value"), at most
// 10 headers. Webhooks have no codename; an external id is not part of their schema.
std::vector<ValidationError> CheckWebhook(const JsonValue& body) {
  std::vector<ValidationError> errors;
  if (!NameFits(Member(body, "name"), 200)) errors.push_back({"The webhook needs a name of 1-200 characters.", "name"});
  auto url = StringMember(body, "url");
  if (!url || url->empty() || url->size() > 250 || (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0))
    errors.push_back({"The webhook needs an http(s) url of 1-250 characters.", "url"});
  auto secret = StringMember(body, "secret");
  if (!secret || secret->empty()) errors.push_back({"The webhook needs a nonempty secret.", "secret"});
  if (const JsonValue* headers = Member(body, "headers"); headers && (!headers->IsArray() || headers->Size() > 10))
    errors.push_back({"headers must be an array of at most 10 headers.", "headers"});
  return errors;
}

void AddWebhookFamily(Router& router, bool legacy) {
  const std::string base = std::string(kApiPrefix) + (legacy ? "/webhooks" : "/webhooks-vnext");
  const std::string one = base + "/{webhook_identifier}";
  auto not_found = [] { return NotFoundError(kErrWebhookNotFound, "The requested webhook was not found."); };
  router.Add("GET", base, [legacy](const ApiRequest&, RouteContext& ctx) {
    return ApiResponse::Json(200, JsonArrayOf(Webhooks(*ctx.environment, legacy)));
  });
  router.Add("GET", one, [legacy, not_found](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* w = FindByIdentifier(Webhooks(*ctx.environment, legacy), req.Param("webhook_identifier"));
    return w ? ApiResponse::Json(200, w->json) : not_found();
  });
  router.Add("POST", base, [legacy](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    std::vector<ValidationError> errors = CheckWebhook(*body);
    if (!errors.empty()) return InvalidBody(errors);
    auto& a = body->GetAllocator();
    SetStringMember(*body, "id", ctx.environment->NewId(), a);
    if (!legacy && !body->HasMember("enabled")) body->AddMember("enabled", true, a);
    if (!legacy && !body->HasMember("headers")) body->AddMember("headers", JsonValue(rapidjson::kArrayType), a);
    // "unknown": "Appears for newly created webhooks before any notification is sent" (both kinds).
    if (!body->HasMember("health_status")) SetStringMember(*body, "health_status", "unknown", a);
    SetStringMember(*body, "last_modified", NowTimestamp(), a);
    Webhooks(*ctx.environment, legacy).Put(ToStored(*body));
    return JsonResponse(201, *body);
  });
  router.Add("DELETE", one, [legacy, not_found](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* w = FindByIdentifier(Webhooks(*ctx.environment, legacy), req.Param("webhook_identifier"));
    if (w == nullptr) return not_found();
    Webhooks(*ctx.environment, legacy).Erase(std::string(w->id));
    return ApiResponse::NoContent();
  });
  for (bool enable : {true, false}) {
    router.Add("PUT", one + (enable ? "/enable" : "/disable"),
               [legacy, enable, not_found](const ApiRequest& req, RouteContext& ctx) {
                 ObjectTable& table = Webhooks(*ctx.environment, legacy);
                 const StoredObject* w = FindByIdentifier(table, req.Param("webhook_identifier"));
                 if (w == nullptr) return not_found();
                 JsonDocument doc = ParseJson(w->json).value();
                 SetMember(doc, "enabled", JsonValue(enable), doc.GetAllocator());
                 table.Put(ToStored(doc));
                 return ApiResponse::NoContent();
               });
  }
}

// Resolves a reference member (`key`) of `object` against `table` to {"id"}; null stays null.
void ResolveMember(JsonValue& object, const char* key, const ObjectTable& table, const char* label, JsonAllocator& a,
                   std::vector<ValidationError>& errors) {
  if (!object.IsObject() || !object.HasMember(key) || object[key].IsNull()) return;
  auto ref = ReferenceFrom(object[key]);
  const StoredObject* o = ref ? table.Find(*ref) : nullptr;
  if (o == nullptr) {
    errors.push_back({std::string("The ") + label + " " + ToJsonString(object[key]) + " does not exist.", key});
    return;
  }
  SetIdReference(object[key], o->id, a);
}

// Spaces and content types in the preview configuration are answered by id, like everywhere else.
std::vector<ValidationError> ResolvePreviewReferences(Environment& env, JsonDocument& body) {
  std::vector<ValidationError> errors;
  auto& a = body.GetAllocator();
  for (JsonValue& domain : body["space_domains"].GetArray())
    ResolveMember(domain, "space", env.spaces, "space", a, errors);
  for (JsonValue& pattern : body["preview_url_patterns"].GetArray()) {
    ResolveMember(pattern, "content_type", env.types, "content type", a, errors);
    if (pattern.IsObject() && pattern.HasMember("url_patterns") && pattern["url_patterns"].IsArray())
      for (JsonValue& url : pattern["url_patterns"].GetArray())
        ResolveMember(url, "space", env.spaces, "space", a, errors);
  }
  return errors;
}

// Users are not stored: the answer echoes the collection groups the request gave.
ApiResponse UserResponse(int status, const std::string& user_id, const JsonValue& body) {
  JsonWriter w;
  w.StartObject().Key("user_id").String(user_id).Key("collection_groups");
  if (const JsonValue* groups = Member(body, "collection_groups"))
    w.Value(*groups);
  else
    w.StartArray().EndArray();
  w.EndObject();
  return ApiResponse::Json(status, w.str());
}

}  // namespace

void AddMiscRoutes(Router& router) {
  const std::string p = kApiPrefix;
  router.Add("GET", p + "/roles", [](const ApiRequest&, RouteContext& ctx) {
    return ApiResponse::Json(200, "{\"roles\":" + JsonArrayOf(ctx.environment->roles()) + "}");
  });
  router.Add("GET", p + "/roles/{role_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* r = FindByIdentifier(ctx.environment->roles(), req.Param("role_identifier"));
    return r ? ApiResponse::Json(200, r->json) : NotFoundError(kErrObjectNotFound, "The requested role was not found.");
  });
  AddWebhookFamily(router, false);
  AddWebhookFamily(router, true);
  router.Add("GET", p + "/preview-configuration", [](const ApiRequest&, RouteContext& ctx) {
    return ApiResponse::Json(200, ctx.environment->preview_configuration_json);
  });
  router.Add("PUT", p + "/preview-configuration", [](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    auto& a = body->GetAllocator();
    for (const char* key : {"space_domains", "preview_url_patterns"})
      if (!body->HasMember(key) || !(*body)[key].IsArray()) SetMember(*body, key, JsonValue(rapidjson::kArrayType), a);
    auto errors = ResolvePreviewReferences(*ctx.environment, *body);
    if (!errors.empty()) return InvalidBody(errors);
    ctx.environment->preview_configuration_json = ToJsonString(*body);
    return JsonResponse(200, *body);
  });
  router.Add("POST", p + "/users", [](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject() || !StringMember(*body, "email"))
      return InvalidBody("An invitation needs an email.", "email");
    return UserResponse(201, ctx.environment->NewId(), *body);
  });
  router.Add("PUT", p + "/users/{user_identifier}/roles", [](const ApiRequest& req, RouteContext&) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    std::string user(req.Param("user_identifier"));
    if (user.rfind("email/", 0) == 0) user = user.substr(6);
    return UserResponse(200, user, *body);
  });
}

}  // namespace kbulk::emulator
