// Environment endpoints: information, rename, delete, mark as production, clone (with copy options; the
// clone reports "in_progress" on its first cloning-state polls, then "done").
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

std::string InfoJson(const Environment& env, const ServerOptions& options) {
  JsonWriter w;
  w.StartObject().Key("id").String(env.id).Key("name").String(options.project_name);
  w.Key("environment").String(env.name).Key("is_production").Bool(env.is_production).EndObject();
  return w.str();
}

}  // namespace

void AddEnvironmentRoutes(Router& router) {
  const std::string base = kApiPrefix;
  router.Add("GET", base, [](const ApiRequest&, RouteContext& ctx) {
    return ApiResponse::Json(200, InfoJson(*ctx.environment, ctx.options));
  });
  router.Add("PATCH", base, [](const ApiRequest& req, RouteContext& ctx) {
    auto ops = ParseBody(req);
    if (!ops.ok()) return BadJson(ops.status());
    if (!ops->IsArray() || ops->Empty())
      return InvalidBody("No patch operations were provided, provide at least one operation.");
    for (const JsonValue& op : ops->GetArray()) {
      auto name = StringMember(op, "value");
      if (StringMember(op, "op").value_or("") != "rename_environment" || !name || name->empty() || name->size() > 200)
        return InvalidBody("The only operation is rename_environment with a name of 1-200 characters.");
      ctx.environment->name = std::string(*name);
    }
    JsonWriter w;
    w.StartObject().Key("id").String(ctx.environment->id).Key("name").String(ctx.environment->name);
    w.Key("is_production").Bool(ctx.environment->is_production).EndObject();
    return ApiResponse::Json(200, w.str());
  });
  router.Add("DELETE", base, [](const ApiRequest&, RouteContext& ctx) {
    if (ctx.environment->is_production)
      return ErrorResponse(400, kErrProductionCannotBeDeleted, "The production environment can’t be deleted.");
    ctx.store.Erase(std::string(ctx.environment->id));
    return ApiResponse::NoContent();  // environments-api.txt: 204, empty response
  });
  router.Add("PUT", base + "/mark-environment-as-production", [](const ApiRequest&, RouteContext& ctx) {
    if (ctx.environment->is_production)
      return ErrorResponse(400, kErrAlreadyProduction,
                           "The environment " + ctx.environment->id + " is already marked as production.");
    for (const Environment* e : ctx.store.All()) ctx.store.Find(e->id)->is_production = false;
    ctx.environment->is_production = true;
    return ApiResponse::NoContent();
  });
  router.Add("POST", base + "/clone-environment", [](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    auto name = body->IsObject() ? StringMember(*body, "name") : std::nullopt;
    if (!name || name->empty() || name->size() > 200)
      return InvalidBody("Provide a nonempty name which fits within 200 characters.", "name");
    if (const JsonValue* roles = Member(*body, "roles_to_activate")) {
      if (!roles->IsArray()) return InvalidBody("roles_to_activate must be an array of role ids.", "roles_to_activate");
      for (const JsonValue& role : roles->GetArray())
        if (!role.IsString() || ctx.environment->roles().FindById(role.GetString()) == nullptr)
          return InvalidBody("The role " + ToJsonString(role) + " does not exist.", "roles_to_activate");
    }
    bool with_content = true;
    if (const JsonValue* copy = Member(*body, "copy_data_options"))
      with_content = BoolMember(*copy, "content_items_assets").value_or(true);
    auto clone = ctx.environment->Clone(ctx.store.NewEnvironmentId(), std::string(*name), with_content);
    clone->cloning_state = "in_progress";
    clone->cloning_polls_left = 2;
    std::string id = clone->id;
    ctx.store.Adopt(std::move(clone));
    JsonWriter w;
    w.StartObject().Key("id").String(id).Key("management_api_key").String(ctx.options.api_key);
    w.Key("delivery_preview_api_key").Null().Key("secured_delivery_api_key").Null().EndObject();
    return ApiResponse::Json(200, w.str());
  });
  router.Add("GET", base + "/environment-cloning-state", [](const ApiRequest&, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    if (env.cloning_polls_left > 0 && --env.cloning_polls_left == 0) env.cloning_state = "done";
    JsonWriter w;
    w.StartObject()
        .Key("cloning_state")
        .String(env.cloning_polls_left > 0 ? "in_progress" : env.cloning_state)
        .EndObject();
    return ApiResponse::Json(200, w.str());
  });
}

}  // namespace kbulk::emulator
