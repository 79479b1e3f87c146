// Workflows: list, the deprecated step list, add, update (PUT), delete. Steps get ids and codenames;
// the published, scheduled and archived steps keep the service's fixed ids when a client gives none.
#include <set>

#include "core/codename.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

std::vector<ValidationError> NormalizeWorkflow(Environment& env, JsonDocument& doc, const std::string& existing_id) {
  std::vector<ValidationError> errors;
  auto& a = doc.GetAllocator();
  auto name = StringMember(doc, "name");
  if (!name || name->empty()) errors.push_back({"Provide a nonempty name which fits within 200 characters.", "name"});
  const JsonValue* steps = Member(doc, "steps");
  if (steps == nullptr || !steps->IsArray() || steps->Empty())
    errors.push_back({"A workflow needs at least one step.", "steps"});
  std::string id = existing_id.empty() ? env.NewId() : existing_id;
  auto codename = ChooseCodename(doc, name.value_or(""), env.workflows, env, "workflow", id);
  if (!codename.ok()) errors.push_back({codename.status().message(), "codename"});
  if (!errors.empty()) return errors;
  SetStringMember(doc, "id", id, a);
  SetStringMember(doc, "codename", *codename, a);
  std::set<std::string> taken;
  for (JsonValue& s : doc["steps"].GetArray()) {
    if (!StringMember(s, "id")) SetStringMember(s, "id", env.NewId(), a);
    if (!StringMember(s, "codename")) {
      std::string c = UniqueCodename(
          CodenameFromName(StringMember(s, "name").value_or("step")),
          [&](std::string_view x) { return taken.count(std::string(x)) > 0; }, env.rng);
      SetStringMember(s, "codename", c, a);
    }
    taken.insert(std::string(StringMember(s, "codename").value_or("")));
  }
  const std::pair<const char*, const char*> special[] = {{"published_step", "c199950d-99f0-4983-b711-6c4c91624b22"},
                                                         {"scheduled_step", "9d2b0228-4d0d-4c23-8b49-01a698857709"},
                                                         {"archived_step", "7a535a69-ad34-47f8-806a-def1fdf4d391"}};
  for (const auto& [key, fixed_id] : special) {
    if (!doc.HasMember(key) || !doc[key].IsObject()) SetMember(doc, key, JsonValue(rapidjson::kObjectType), a);
    JsonValue& s = doc[key];
    if (!StringMember(s, "id")) SetStringMember(s, "id", fixed_id, a);
    std::string word = std::string(key).substr(0, std::string(key).find('_'));
    if (!StringMember(s, "codename")) SetStringMember(s, "codename", word, a);
    if (!StringMember(s, "name")) {
      word[0] = static_cast<char>(std::toupper(word[0]));
      SetStringMember(s, "name", word, a);
    }
  }
  // Transitions name steps (regular or special) by id or codename; they are answered by id.
  for (JsonValue& s : doc["steps"].GetArray()) {
    if (!s.HasMember("transitions_to") || !s["transitions_to"].IsArray()) {
      SetMember(s, "transitions_to", JsonValue(rapidjson::kArrayType), a);
      continue;
    }
    for (JsonValue& t : s["transitions_to"].GetArray()) {
      auto ref = t.IsObject() && t.HasMember("step") ? ReferenceFrom(t["step"]) : std::nullopt;
      std::string id;
      std::vector<const JsonValue*> candidates;
      for (const JsonValue& step : doc["steps"].GetArray()) candidates.push_back(&step);
      for (const char* key : {"published_step", "scheduled_step", "archived_step"}) candidates.push_back(&doc[key]);
      for (const JsonValue* c : candidates) {
        std::string_view k = !ref                                        ? ""
                             : ref->kind() == Reference::Kind::kId       ? "id"
                             : ref->kind() == Reference::Kind::kCodename ? "codename"
                                                                         : "external_id";
        if (ref && StringMember(*c, k).value_or("\x01") == ref->value())
          id = std::string(StringMember(*c, "id").value_or(""));
      }
      if (id.empty())
        errors.push_back({"A transition names a step that does not exist.", "steps.transitions_to"});
      else
        SetIdReference(t["step"], id, a);
    }
  }
  if (!doc.HasMember("scopes") || !doc["scopes"].IsArray())
    SetMember(doc, "scopes", JsonValue(rapidjson::kArrayType), a);
  for (JsonValue& scope : doc["scopes"].GetArray()) {
    for (const char* key : {"content_types", "collections"}) {
      if (!scope.HasMember(key) || !scope[key].IsArray()) continue;
      for (JsonValue& ref_value : scope[key].GetArray()) {
        auto ref = ReferenceFrom(ref_value);
        const ObjectTable& table = std::string_view(key) == "content_types" ? env.types : env.collections;
        const StoredObject* o = ref ? table.Find(*ref) : nullptr;
        if (o == nullptr)
          errors.push_back({std::string("A scope names a missing ") + key + " entry.", std::string("scopes.") + key});
        else
          SetIdReference(ref_value, o->id, a);
      }
    }
  }
  return errors;
}

}  // namespace

void AddWorkflowRoutes(Router& router) {
  const std::string base = std::string(kApiPrefix) + "/workflows";
  router.Add("GET", base, [](const ApiRequest&, RouteContext& ctx) {
    return ApiResponse::Json(200, JsonArrayOf(ctx.environment->workflows));
  });
  router.Add("GET", std::string(kApiPrefix) + "/workflow", [](const ApiRequest&, RouteContext& ctx) {
    const StoredObject* def = ctx.environment->workflows.FindById(kNilId);
    if (def == nullptr) return NotFoundError(kErrObjectNotFound, "The environment has no default workflow.");
    JsonDocument w = ParseJson(def->json).value();
    JsonWriter out;
    out.StartArray();
    const JsonValue* steps = Member(w, "steps");
    if (steps == nullptr || !steps->IsArray()) return ApiResponse::Json(200, "[]");
    for (const JsonValue& s : steps->GetArray()) {
      out.StartObject();
      for (const char* key : {"id", "name", "codename"}) out.Key(key).String(StringMember(s, key).value_or(""));
      out.Key("transitions_to").StartArray();
      if (const JsonValue* t = Member(s, "transitions_to"); t && t->IsArray())
        for (const JsonValue& tr : t->GetArray())
          if (const JsonValue* step = Member(tr, "step")) out.String(StringMember(*step, "id").value_or(""));
      out.EndArray().EndObject();
    }
    // The deprecated route lists the special steps too, each with no transitions (spec sample).
    for (const char* special : {"scheduled_step", "published_step", "archived_step"}) {
      const JsonValue* step = Member(w, special);
      if (step == nullptr || !step->IsObject()) continue;
      out.StartObject();
      for (const char* key : {"id", "name", "codename"}) out.Key(key).String(StringMember(*step, key).value_or(""));
      out.Key("transitions_to").StartArray().EndArray().EndObject();
    }
    out.EndArray();
    return ApiResponse::Json(200, out.str());
  });
  router.Add("POST", base, [](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    auto errors = NormalizeWorkflow(*ctx.environment, *body, "");
    if (!errors.empty()) return InvalidBody(errors);
    ctx.environment->workflows.Put(ToStored(*body));
    return JsonResponse(201, *body);
  });
  router.Add("PUT", base + "/{workflow_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* w = FindByIdentifier(ctx.environment->workflows, req.Param("workflow_identifier"));
    if (w == nullptr) return NotFoundError(kErrObjectNotFound, "The requested workflow was not found.");
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    auto errors = NormalizeWorkflow(*ctx.environment, *body, w->id);
    if (!errors.empty()) return InvalidBody(errors);
    ctx.environment->workflows.Put(ToStored(*body));
    return JsonResponse(200, *body);
  });
  router.Add("DELETE", base + "/{workflow_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* w = FindByIdentifier(ctx.environment->workflows, req.Param("workflow_identifier"));
    if (w == nullptr) return NotFoundError(kErrObjectNotFound, "The requested workflow was not found.");
    if (w->id == kNilId)
      return ErrorResponse(400, kErrGeneric,
                           "The default workflow '00000000-0000-0000-0000-000000000000' cannot be deleted.");
    const std::string needle = "\"workflow_identifier\":{\"id\":\"" + w->id + "\"}";
    VariantPage all = ctx.environment->variants.Page(VariantTable::Index::kAll, "", 0, static_cast<std::size_t>(-1));
    for (const StoredVariant* v : all.variants)
      if (v->latest.find(needle) != std::string::npos)
        return ErrorResponse(400, kErrGeneric,
                             "The workflow '" + w->codename + "' is used by content and cannot be deleted.");
    ctx.environment->workflows.Erase(std::string(w->id));
    return ApiResponse::NoContent();
  });
}

}  // namespace kbulk::emulator
