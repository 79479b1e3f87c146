// Content validation: an asynchronous task (started with 202 "queued"; its first progress poll reads
// "queued", later ones "finished") whose issues are what emulator/content_issues.h finds in each variant (references to
// objects that do not exist, in element arrays and rich text; element limits), and the deprecated
// synchronous /validate.
#include "emulator/content_issues.h"
#include "emulator/pagination.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

void WriteNamed(JsonWriter& w, const char* key, const StoredObject* o) {
  w.Key(key).StartObject();
  if (o != nullptr) {
    w.Key("id")
        .String(o->id)
        .Key("name")
        .String(StringMember(o->Doc(), "name").value_or(""))
        .Key("codename")
        .String(o->codename);
  }
  w.EndObject();
}

// The variant issues of every variant's latest version (emulator/content_issues.h).
std::string VariantIssues(Environment& env) {
  JsonWriter w;
  w.StartArray();
  VariantPage all = env.variants.Page(VariantTable::Index::kAll, "", 0, static_cast<std::size_t>(-1));
  for (const StoredVariant* v : all.variants) {
    std::vector<ElementIssue> issues = VariantElementIssues(env, *v);
    if (issues.empty()) continue;
    w.StartObject().Key("issue_type").String("variant_issue");
    WriteNamed(w, "item", env.items.FindById(v->item_id));
    WriteNamed(w, "language", env.languages.FindById(v->language_id));
    w.Key("issues").StartArray();
    for (const ElementIssue& issue : issues) {
      w.StartObject().Key("element").StartObject().Key("id").String(issue.element_id);
      if (!issue.element_codename.empty())
        w.Key("name").String(issue.element_name).Key("codename").String(issue.element_codename);
      w.EndObject().Key("messages").StartArray();
      for (const std::string& m : issue.messages) w.String(m);
      w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  return w.str();
}

std::string TaskJson(const ValidationTask& t, bool finished, bool has_issues) {
  JsonWriter w;
  // Spec "Validation task": status queued | finished | failed; validation_result none while queued.
  w.StartObject().Key("id").String(t.id).Key("status").String(finished ? "finished" : "queued");
  w.Key("validation_result").String(!finished ? "none" : has_issues ? "issues_found" : "no_issues");
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
    return ApiResponse::Json(202, TaskJson(task, false, false));  // spec: 202
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
