// Content validation: an asynchronous task (its first progress poll reads "processing", later ones
// "finished") whose issues are the variants' references to objects that do not exist (external-id
// references never resolved), and the deprecated synchronous /validate.
#include <unordered_set>

#include "emulator/element_check.h"
#include "emulator/pagination.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

void WriteNamed(JsonWriter& w, const char* key, const StoredObject* o) {
  w.Key(key).StartObject();
  if (o != nullptr) {
    JsonDocument d = ParseJson(o->json).value();
    w.Key("id")
        .String(o->id)
        .Key("name")
        .String(StringMember(d, "name").value_or(""))
        .Key("codename")
        .String(o->codename);
  }
  w.EndObject();
}

// The variant issues: elements whose references point at reserved (never created) objects.
std::string VariantIssues(Environment& env) {
  std::unordered_set<std::string> missing;
  for (const auto* reserved : {&env.reserved_item_ids, &env.reserved_asset_ids, &env.reserved_term_ids})
    for (const auto& [external_id, id] : *reserved) missing.insert(id);
  JsonWriter w;
  w.StartArray();
  if (!missing.empty()) {
    VariantPage all = env.variants.Page(VariantTable::Index::kAll, "", 0, static_cast<std::size_t>(-1));
    for (const StoredVariant* v : all.variants) {
      JsonDocument doc = ParseJson(v->latest).value();
      std::vector<JsonDocument> storage;
      std::vector<const JsonValue*> defs;
      JsonDocument type_doc;
      if (const StoredObject* type = env.types.FindById(v->type_id)) {
        type_doc = ParseJson(type->json).value();
        defs = FlattenTypeElements(env, type_doc, storage);
      }
      JsonWriter issues;
      issues.StartArray();
      bool any = false;
      if (const JsonValue* elements = Member(doc, "elements"); elements && elements->IsArray()) {
        for (const JsonValue& e : elements->GetArray()) {
          const JsonValue* value = Member(e, "value");
          if (value == nullptr || !value->IsArray()) continue;
          for (const JsonValue& ref : value->GetArray()) {
            std::string id(StringMember(ref, "id").value_or(""));
            if (!missing.count(id)) continue;
            any = true;
            std::string element_id = RefId(e, "element");
            issues.StartObject().Key("element").StartObject().Key("id").String(element_id);
            for (const JsonValue* def : defs)
              if (StringMember(*def, "id").value_or("") == element_id)
                issues.Key("name")
                    .String(StringMember(*def, "name").value_or(""))
                    .Key("codename")
                    .String(StringMember(*def, "codename").value_or(""));
            issues.EndObject();
            issues.Key("messages")
                .StartArray()
                .String("The element references an object with ID " + id + " that does not exist.")
                .EndArray()
                .EndObject();
          }
        }
      }
      issues.EndArray();
      if (!any) continue;
      w.StartObject().Key("issue_type").String("variant_issue");
      WriteNamed(w, "item", env.items.FindById(v->item_id));
      WriteNamed(w, "language", env.languages.FindById(v->language_id));
      w.Key("issues").Raw(issues.view()).EndObject();
    }
  }
  w.EndArray();
  return w.str();
}

std::string TaskJson(const ValidationTask& t, bool finished, bool has_issues) {
  JsonWriter w;
  w.StartObject().Key("id").String(t.id).Key("status").String(finished ? "finished" : "processing");
  w.Key("validation_result");
  if (finished)
    w.String(has_issues ? "issues_found" : "no_issues");
  else
    w.Null();
  w.EndObject();
  return w.str();
}

}  // namespace

void AddValidationRoutes(Router& router) {
  const std::string p = kApiPrefix;
  router.Add("POST", p + "/validate-async", [](const ApiRequest&, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    ValidationTask task;
    task.id = env.NewId();
    task.issues_json = VariantIssues(env);
    env.validation_tasks[task.id] = task;
    return ApiResponse::Json(201, TaskJson(task, false, false));
  });
  router.Add("GET", p + "/validate-async/tasks/{task_id}", [](const ApiRequest& req, RouteContext& ctx) {
    auto it = ctx.environment->validation_tasks.find(std::string(req.Param("task_id")));
    if (it == ctx.environment->validation_tasks.end())
      return NotFoundError(kErrObjectNotFound, "The validation task was not found.");
    ValidationTask& t = it->second;
    ++t.polls;
    return ApiResponse::Json(200, TaskJson(t, t.polls > 1, t.issues_json != "[]"));
  });
  router.Add("GET", p + "/validate-async/tasks/{task_id}/issues", [](const ApiRequest& req, RouteContext& ctx) {
    auto it = ctx.environment->validation_tasks.find(std::string(req.Param("task_id")));
    if (it == ctx.environment->validation_tasks.end())
      return NotFoundError(kErrObjectNotFound, "The validation task was not found.");
    JsonWriter w;
    w.StartObject().Key("issues").Raw(it->second.issues_json);
    WritePagination(w, req, 0);
    w.EndObject();
    return ApiResponse::Json(200, w.str());
  });
  router.Add("POST", p + "/validate", [](const ApiRequest&, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    JsonWriter w;
    w.StartObject()
        .Key("project")
        .StartObject()
        .Key("id")
        .String(env.id)
        .Key("name")
        .String(ctx.options.project_name)
        .EndObject();
    w.Key("variant_issues").Raw(VariantIssues(env)).Key("type_issues").StartArray().EndArray().EndObject();
    return ApiResponse::Json(200, w.str());
  });
}

}  // namespace kbulk::emulator
