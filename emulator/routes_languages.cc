// Languages: list, get, add, modify (replace by property name). The default language cannot be
// deactivated; language codenames follow the service (e.g. "de-DE" is allowed); names and codenames
// have at most 25 characters (spec: Language object).
#include "emulator/identity_rules.h"
#include "emulator/property_patch.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

ApiResponse LanguageNotFound(std::string_view identifier) {
  return NotFoundError(kErrObjectNotFound, "The requested language '" + std::string(identifier) + "' was not found.");
}

std::string CheckLanguageProperty(Environment& env, const std::string& own_id, bool is_default,
                                  const std::string& property, JsonValue& value, JsonAllocator& a) {
  if (property == "name" && !NameFits(&value, kLanguageLimit))
    return "The name must be a nonempty string of at most 25 characters.";
  if (property == "codename") {
    if (!NameFits(&value, kLanguageLimit)) return "The codename must be a nonempty string of at most 25 characters.";
    const StoredObject* other = env.languages.FindByCodename(value.GetString());
    if (other != nullptr && other->id != own_id) return "The codename is already used by another language.";
  }
  if (property == "is_active" && (!value.IsBool() || (is_default && !value.GetBool())))
    return "is_active must be a boolean; the default language cannot be deactivated.";
  if (property == "fallback_language") {
    auto ref = ReferenceFrom(value);
    const StoredObject* fallback = ref ? env.languages.Find(*ref) : nullptr;
    if (fallback == nullptr) return "The fallback language does not exist.";
    SetIdReference(value, fallback->id, a);
  }
  return "";
}

}  // namespace

void AddLanguageRoutes(Router& router) {
  const std::string base = std::string(kApiPrefix) + "/languages";
  router.Add("GET", base, [](const ApiRequest& req, RouteContext& ctx) {
    return ListPage(req, ctx.environment->languages, "languages", ctx.options.page_size);
  });
  router.Add("GET", base + "/{language_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* l = FindByIdentifier(ctx.environment->languages, req.Param("language_identifier"));
    if (l == nullptr) return LanguageNotFound(req.Param("language_identifier"));
    return ApiResponse::Json(200, l->json);
  });
  router.Add("POST", base, [](const ApiRequest& req, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    auto& a = body->GetAllocator();
    std::vector<ValidationError> errors;
    for (const char* required : {"name", "codename"}) {
      if (!Member(*body, required)) {
        errors.push_back({std::string("The property '") + required + "' is required.", required});
        continue;
      }
      std::string problem = CheckLanguageProperty(env, "", false, required, (*body)[required], a);
      if (!problem.empty()) errors.push_back({problem, required});
    }
    if (auto ext = StringMember(*body, "external_id"))
      if (Status valid = CheckExternalId(*ext, env.languages, "language"); !valid.ok())
        errors.push_back({valid.message(), "external_id"});
    if (!body->HasMember("fallback_language")) {
      JsonValue fallback;
      SetIdReference(fallback, kNilId, a);
      for (const StoredObject* l : env.languages.All())
        if (l->json.find("\"is_default\":true") != std::string::npos) SetIdReference(fallback, l->id, a);
      body->AddMember("fallback_language", std::move(fallback), a);
    } else {
      std::string problem = CheckLanguageProperty(env, "", false, "fallback_language", (*body)["fallback_language"], a);
      if (!problem.empty()) errors.push_back({problem, "fallback_language"});
    }
    if (!errors.empty()) return InvalidBody(errors);
    SetStringMember(*body, "id", env.NewId(), a);
    if (!body->HasMember("is_active")) body->AddMember("is_active", true, a);
    SetMember(*body, "is_default", JsonValue(false), a);
    env.languages.Put(ToStored(*body));
    return JsonResponse(201, *body);
  });
  router.Add("PATCH", base + "/{language_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    const StoredObject* l = FindByIdentifier(env.languages, req.Param("language_identifier"));
    if (l == nullptr) return LanguageNotFound(req.Param("language_identifier"));
    auto ops = ParseBody(req);
    if (!ops.ok()) return BadJson(ops.status());
    JsonDocument doc = ParseJson(l->json).value();
    const std::string id = l->id;
    const bool is_default = BoolMember(doc, "is_default").value_or(false);
    auto errors = ApplyPropertyPatch(doc, *ops, {"name", "codename", "is_active", "fallback_language"},
                                     [&](const std::string& p, JsonValue& v, JsonAllocator& a) {
                                       return CheckLanguageProperty(env, id, is_default, p, v, a);
                                     });
    if (!errors.empty()) return InvalidBody(errors);
    env.languages.Put(ToStored(doc));
    return JsonResponse(200, doc);
  });
}

}  // namespace kbulk::emulator
