// Content types and content type snippets: list, get, add, modify (patch operations), delete.
#include "emulator/json_patch.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"
#include "emulator/type_normalizer.h"

namespace kbulk::emulator {
namespace {

ObjectTable& TableOf(Environment& env, bool snippet) {
  return snippet ? env.snippets : env.types;
}

ApiResponse NotFound(bool snippet, std::string_view identifier) {
  return NotFoundError(kErrObjectNotFound, std::string("The requested ") +
                                               (snippet ? "content type snippet" : "content type") + " '" +
                                               std::string(identifier) + "' was not found.");
}

bool TypeInUse(const Environment& env, const StoredObject& type, bool snippet) {
  const std::string needle = "\"id\":\"" + type.id + "\"";
  if (snippet) {
    for (const StoredObject* t : env.types.All())
      if (t->json.find(needle) != std::string::npos) return true;
    return false;
  }
  ObjectPage page = env.items.Page(0, static_cast<std::size_t>(-1));
  for (const StoredObject* item : page.objects)
    if (item->json.find("\"type\":{" + needle + "}") != std::string::npos) return true;
  return false;
}

void AddFamily(Router& router, bool snippet) {
  const std::string base = std::string(kApiPrefix) + (snippet ? "/snippets" : "/types");
  const std::string param = snippet ? "snippet_identifier" : "type_identifier";
  const char* array_key = snippet ? "snippets" : "types";
  router.Add("GET", base, [snippet, array_key](const ApiRequest& req, RouteContext& ctx) {
    return ListPage(req, TableOf(*ctx.environment, snippet), array_key, ctx.options.page_size);
  });
  router.Add("GET", base + "/{" + param + "}", [snippet, param](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* o = FindByIdentifier(TableOf(*ctx.environment, snippet), req.Param(param));
    if (o == nullptr) return NotFound(snippet, req.Param(param));
    return ApiResponse::Json(200, o->json);
  });
  router.Add("POST", base, [snippet](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    auto errors = NormalizeType(*ctx.environment, *body, {snippet}, "");
    if (!errors.empty()) return InvalidBody(errors);
    TableOf(*ctx.environment, snippet).Put(ToStored(*body));
    return JsonResponse(201, *body);
  });
  router.Add("PATCH", base + "/{" + param + "}", [snippet, param](const ApiRequest& req, RouteContext& ctx) {
    ObjectTable& table = TableOf(*ctx.environment, snippet);
    const StoredObject* o = FindByIdentifier(table, req.Param(param));
    if (o == nullptr) return NotFound(snippet, req.Param(param));
    auto ops = ParseBody(req);
    if (!ops.ok()) return BadJson(ops.status());
    JsonDocument doc = ParseJson(o->json).value();
    auto errors = ApplyPatch(doc, *ops);
    if (errors.empty()) errors = NormalizeType(*ctx.environment, doc, {snippet}, o->id);
    if (!errors.empty()) return InvalidBody(errors);
    table.Put(ToStored(doc));
    return JsonResponse(200, doc);
  });
  router.Add("DELETE", base + "/{" + param + "}", [snippet, param](const ApiRequest& req, RouteContext& ctx) {
    ObjectTable& table = TableOf(*ctx.environment, snippet);
    const StoredObject* o = FindByIdentifier(table, req.Param(param));
    if (o == nullptr) return NotFound(snippet, req.Param(param));
    if (TypeInUse(*ctx.environment, *o, snippet)) {
      JsonDocument doc = ParseJson(o->json).value();
      return ErrorResponse(400, kErrGeneric,
                           std::string(snippet ? "Snippet" : "Type") + " '" +
                               std::string(StringMember(doc, "name").value_or("")) + " (" + o->id +
                               ")' is still used and cannot be archived.");
    }
    table.Erase(std::string(o->id));
    return ApiResponse::NoContent();
  });
}

}  // namespace

void AddTypeRoutes(Router& router) {
  AddFamily(router, false);
  AddFamily(router, true);
}

}  // namespace kbulk::emulator
