// Web Spotlight: GET /web-spotlight/status, PUT /web-spotlight/activate, PUT /web-spotlight/deactivate.
// Not in spec/ (the SDK 8.5.1 marks these routes deprecated: "Web Spotlight has been discontinued"), but
// @kontent-ai/data-ops 2.6.2 backs the status up and restores it, so the emulator serves them with the
// SDK's contract: {"enabled": bool, "root_type": {"id"} | null}. A new environment starts disabled;
// activation needs an existing content type as root type (by id, codename or external id) and may change
// the root type while on; deactivation always succeeds and forgets the root type (a disabled environment of
// the service reads {"enabled":false,"root_type":null} in data-ops' own backups).
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

ApiResponse Status(const Environment& env) {
  JsonWriter w;
  w.StartObject().Key("enabled").Bool(env.web_spotlight.enabled).Key("root_type");
  if (env.web_spotlight.enabled && !env.web_spotlight.root_type_id.empty())
    w.StartObject().Key("id").String(env.web_spotlight.root_type_id).EndObject();
  else
    w.Null();
  w.EndObject();
  return ApiResponse::Json(200, w.str());
}

ApiResponse Activate(const ApiRequest& req, Environment& env) {
  auto body = ParseBody(req);
  if (!body.ok()) return BadJson(body.status());
  if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
  const JsonValue* root = Member(*body, "root_type");
  if (root == nullptr || root->IsNull())
    return InvalidBody("Web Spotlight needs a root type: specify an existing content type.", "root_type");
  auto ref = ReferenceFrom(*root);
  if (!ref) return InvalidBody("The root type must be a reference to a content type.", "root_type");
  const StoredObject* type = env.types.Find(*ref);
  if (type == nullptr)
    return InvalidBody("The content type " + ref->ToString() + " used as the Web Spotlight root type was not found.",
                       "root_type");
  env.SetWebSpotlight(type->id);
  return Status(env);
}

}  // namespace

void AddWebSpotlightRoutes(Router& router) {
  const std::string base = std::string(kApiPrefix) + "/web-spotlight";
  router.Add("GET", base + "/status", [](const ApiRequest&, RouteContext& ctx) { return Status(*ctx.environment); });
  router.Add("PUT", base + "/activate",
             [](const ApiRequest& req, RouteContext& ctx) { return Activate(req, *ctx.environment); });
  router.Add("PUT", base + "/deactivate", [](const ApiRequest&, RouteContext& ctx) {
    ctx.environment->SetWebSpotlight("");
    return Status(*ctx.environment);
  });
}

}  // namespace kbulk::emulator
