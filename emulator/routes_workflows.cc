// Workflows: list, the deprecated step list, add, update (PUT), delete. Steps get ids and codenames;
// the published, scheduled and archived steps always have the service's fixed ids, names and codenames.
// Transitions may lead to any step, Published and Archived included, named by id or codename. An update
// keeps a step that it names by id or by an existing step's codename, and cannot remove a step in use.
#include <map>
#include <set>
#include <vector>

#include "core/codename.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"
#include "emulator/workflow_state.h"

namespace kbulk::emulator {
namespace {

// The special steps as the service answers them: fixed ids, names and codenames, with only their role ids
// taken from the request. data-ops 2.6.2 sends the whole workflow object spread into "published_step"
// (name, codename, steps, scopes...); the service ignores that, and so does the emulator.
void NormalizeSpecialSteps(JsonDocument& doc) {
  auto& a = doc.GetAllocator();
  struct Special {
    const char* key;
    const char* id;
    const char* name;
    const char* codename;
    std::vector<const char*> role_lists;
  };
  const Special specials[] = {
      {"published_step",
       "c199950d-99f0-4983-b711-6c4c91624b22",
       "Published",
       "published",
       {"unpublish_role_ids", "create_new_version_role_ids"}},
      {"scheduled_step", "9d2b0228-4d0d-4c23-8b49-01a698857709", "Scheduled", "scheduled", {}},
      {"archived_step", "7a535a69-ad34-47f8-806a-def1fdf4d391", "Archived", "archived", {"role_ids"}},
  };
  for (const Special& special : specials) {
    JsonValue step(rapidjson::kObjectType);
    step.AddMember("id", rapidjson::StringRef(special.id), a);
    step.AddMember("name", rapidjson::StringRef(special.name), a);
    step.AddMember("codename", rapidjson::StringRef(special.codename), a);
    const JsonValue* given = Member(doc, special.key);
    for (const char* list : special.role_lists) {
      JsonValue roles(rapidjson::kArrayType);
      if (const JsonValue* g = given && given->IsObject() ? Member(*given, list) : nullptr; g && g->IsArray())
        for (const JsonValue& r : g->GetArray())
          if (r.IsString()) roles.PushBack(JsonValue(r, a), a);
      step.AddMember(rapidjson::StringRef(list), std::move(roles), a);
    }
    SetMember(doc, special.key, std::move(step), a);
  }
}

// Regular steps keep their identity across updates: a step named by id, or (without an id) by the codename
// of an existing step, is that step; any other step is new.
void AssignStepIds(Environment& env, JsonDocument& doc, const JsonValue* old, std::vector<ValidationError>& errors) {
  auto& a = doc.GetAllocator();
  std::set<std::string> codenames, ids;
  for (JsonValue& s : doc["steps"].GetArray()) {
    if (!s.IsObject()) {
      errors.push_back({"Each workflow step must be an object.", "steps"});
      continue;
    }
    if (!StringMember(s, "id")) {
      std::string id;
      if (auto c = StringMember(s, "codename"); c && old != nullptr)
        id = ResolveStepId(*old, Reference::ByCodename(std::string(*c)));
      if (id.empty() || StepKindOf(env, StringMember(*old, "id").value_or(""), id) != StepKind::kRegular)
        id = env.NewId();
      SetStringMember(s, "id", id, a);
    }
    if (!StringMember(s, "codename")) {
      std::string c = UniqueCodename(
          CodenameFromName(StringMember(s, "name").value_or("step")),
          [&](std::string_view x) { return codenames.count(std::string(x)) > 0; }, env.rng);
      SetStringMember(s, "codename", c, a);
    }
    std::string codename(StringMember(s, "codename").value_or(""));
    if (!codenames.insert(codename).second || codename == "published" || codename == "scheduled" ||
        codename == "archived")
      errors.push_back({"The workflow step codename '" + codename + "' is not unique in the workflow.", "steps"});
    if (!ids.insert(std::string(StringMember(s, "id").value_or(""))).second)
      errors.push_back({"Two workflow steps have the same id.", "steps"});
  }
}

// Transitions name steps (regular or special) by id or codename; they are answered by id.
void ResolveTransitions(JsonDocument& doc, std::vector<ValidationError>& errors) {
  auto& a = doc.GetAllocator();
  for (JsonValue& s : doc["steps"].GetArray()) {
    if (!s.IsObject()) continue;
    if (!s.HasMember("transitions_to") || !s["transitions_to"].IsArray()) {
      SetMember(s, "transitions_to", JsonValue(rapidjson::kArrayType), a);
      continue;
    }
    for (JsonValue& t : s["transitions_to"].GetArray()) {
      auto ref = t.IsObject() && t.HasMember("step") ? ReferenceFrom(t["step"]) : std::nullopt;
      std::string id = ref ? ResolveStepId(doc, *ref) : "";
      if (id.empty())
        errors.push_back({"A transition names a step that does not exist: " + (ref ? ref->ToString() : "(none)") + ".",
                          "steps.transitions_to"});
      else
        SetIdReference(t["step"], id, a);
    }
  }
}

void ResolveScopes(Environment& env, JsonDocument& doc, std::vector<ValidationError>& errors) {
  auto& a = doc.GetAllocator();
  if (!doc.HasMember("scopes") || !doc["scopes"].IsArray())
    SetMember(doc, "scopes", JsonValue(rapidjson::kArrayType), a);
  for (JsonValue& scope : doc["scopes"].GetArray()) {
    for (const char* key : {"content_types", "collections"}) {
      if (!scope.IsObject()) continue;
      if (!scope.HasMember(key) || !scope[key].IsArray()) {
        SetMember(scope, key, JsonValue(rapidjson::kArrayType), a);
        continue;
      }
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
}

// Regular steps of `old` that `doc` no longer has and some variant (latest version) is in: "You can't
// remove a used workflow step."
void CheckRemovedSteps(const Environment& env, const JsonValue& old, const JsonDocument& doc,
                       std::vector<ValidationError>& errors) {
  std::set<std::string> kept;
  for (const JsonValue& s : doc["steps"].GetArray()) kept.insert(std::string(StringMember(s, "id").value_or("")));
  std::map<std::string, std::string> removed;  // id -> codename
  if (const JsonValue* steps = Member(old, "steps"); steps && steps->IsArray())
    for (const JsonValue& s : steps->GetArray()) {
      std::string id(StringMember(s, "id").value_or(""));
      if (!kept.count(id)) removed[id] = std::string(StringMember(s, "codename").value_or(""));
    }
  if (removed.empty()) return;
  const std::string workflow_id(StringMember(old, "id").value_or(""));
  std::set<std::string> reported;
  VariantPage all = env.variants.Page(VariantTable::Index::kAll, "", 0, static_cast<std::size_t>(-1));
  for (const StoredVariant* v : all.variants) {
    if (v->latest.find(workflow_id) == std::string::npos) continue;
    auto latest = ParseJson(v->latest);
    if (!latest.ok()) continue;
    WorkflowPosition p = PositionOf(*latest);
    auto it = removed.find(p.step_id);
    if (p.workflow_id == workflow_id && it != removed.end() && reported.insert(it->first).second)
      errors.push_back({"The workflow step '" + it->second + "' is used by content and cannot be removed.", "steps"});
  }
}

std::vector<ValidationError> NormalizeWorkflow(Environment& env, JsonDocument& doc, const StoredObject* existing) {
  std::vector<ValidationError> errors;
  auto& a = doc.GetAllocator();
  auto name = StringMember(doc, "name");
  if (!name || name->empty()) errors.push_back({"Provide a nonempty name which fits within 200 characters.", "name"});
  const JsonValue* steps = Member(doc, "steps");
  if (steps == nullptr || !steps->IsArray() || steps->Empty())
    errors.push_back({"A workflow needs at least one step.", "steps"});
  std::string id = existing == nullptr ? env.NewId() : existing->id;
  auto codename = ChooseCodename(doc, name.value_or(""), env.workflows, env, "workflow", id);
  if (!codename.ok()) errors.push_back({codename.status().message(), "codename"});
  if (!errors.empty()) return errors;
  std::optional<JsonDocument> old;
  if (existing != nullptr) old = ParseJson(existing->json).value();
  SetStringMember(doc, "id", id, a);
  SetStringMember(doc, "codename", *codename, a);
  AssignStepIds(env, doc, old ? &*old : nullptr, errors);
  NormalizeSpecialSteps(doc);
  if (!errors.empty()) return errors;
  ResolveTransitions(doc, errors);
  ResolveScopes(env, doc, errors);
  if (old) CheckRemovedSteps(env, *old, doc, errors);
  return errors;
}

// The stored workflow: the members the service answers, in its order.
JsonDocument Canonical(const JsonDocument& doc) {
  JsonDocument out;
  out.SetObject();
  auto& a = out.GetAllocator();
  for (const char* key :
       {"id", "name", "codename", "scopes", "steps", "published_step", "scheduled_step", "archived_step"})
    if (const JsonValue* v = Member(doc, key)) out.AddMember(rapidjson::StringRef(key), JsonValue(*v, a), a);
  return out;
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
    auto errors = NormalizeWorkflow(*ctx.environment, *body, nullptr);
    if (!errors.empty()) return InvalidBody(errors);
    JsonDocument stored = Canonical(*body);
    ctx.environment->workflows.Put(ToStored(stored));
    return JsonResponse(201, stored);
  });
  router.Add("PUT", base + "/{workflow_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* w = FindByIdentifier(ctx.environment->workflows, req.Param("workflow_identifier"));
    if (w == nullptr) return NotFoundError(kErrObjectNotFound, "The requested workflow was not found.");
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    auto errors = NormalizeWorkflow(*ctx.environment, *body, w);
    if (!errors.empty()) return InvalidBody(errors);
    JsonDocument stored = Canonical(*body);
    ctx.environment->workflows.Put(ToStored(stored));
    return JsonResponse(200, stored);
  });
  router.Add("DELETE", base + "/{workflow_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* w = FindByIdentifier(ctx.environment->workflows, req.Param("workflow_identifier"));
    if (w == nullptr) return NotFoundError(kErrObjectNotFound, "The requested workflow was not found.");
    if (w->id == kNilId)
      return ErrorResponse(400, kErrDefaultWorkflowCannotBeDeleted,
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
