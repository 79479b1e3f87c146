// Workflow actions on a variant: publish / schedule, unpublish-and-archive / schedule, cancel schedules,
// create a new version, change workflow (and the deprecated step change and unpublish). All answer 204.
// Scheduled times are stored as given; the emulator does not move variants when the time comes.
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"
#include "emulator/variant_access.h"
#include "emulator/workflow_state.h"

namespace kbulk::emulator {
namespace {

struct Loaded {
  VariantTarget target;
  JsonDocument latest;
  WorkflowPosition position;
  StepKind kind = StepKind::kUnknown;
};

std::optional<ApiResponse> Load(const ApiRequest& req, Environment& env, Loaded& out) {
  std::optional<ApiResponse> error;
  out.target = FindVariantTarget(req, env, error);
  if (error) return error;
  if (out.target.variant == nullptr) return VariantNotFound();
  out.latest = ParseJson(out.target.variant->latest).value();
  out.position = PositionOf(out.latest);
  out.kind = StepKindOf(env, out.position.workflow_id, out.position.step_id);
  return std::nullopt;
}

void Save(Loaded& l) {
  SetStringMember(l.latest, "last_modified", NowTimestamp(), l.latest.GetAllocator());
  l.target.variant->latest = ToJsonString(l.latest);
}

// The optional body {"scheduled_to": ..., "display_timezone": ...}; an error when the time is in the past.
std::optional<ApiResponse> ScheduleFrom(const ApiRequest& req, std::string& when, std::string& zone) {
  if (req.body.empty()) return std::nullopt;
  auto body = ParseJson(req.body);
  if (!body.ok()) return BadJson(body.status());
  if (!body->IsObject()) return std::nullopt;
  when = std::string(StringMember(*body, "scheduled_to").value_or(""));
  zone = std::string(StringMember(*body, "display_timezone").value_or(""));
  if (!when.empty() && when.substr(0, 19) <= NowTimestamp().substr(0, 19))
    return InvalidBody("The provided date-time value needs to be in the future.", "scheduled_to");
  return std::nullopt;
}

JsonValue& Schedule(Loaded& l) {
  auto& a = l.latest.GetAllocator();
  if (!l.latest.HasMember("schedule") || !l.latest["schedule"].IsObject()) {
    JsonValue s(rapidjson::kObjectType);
    for (const char* k : {"publish_time", "publish_display_timezone", "unpublish_time", "unpublish_display_timezone"})
      s.AddMember(rapidjson::StringRef(k), JsonValue(), a);
    SetMember(l.latest, "schedule", std::move(s), a);
  }
  return l.latest["schedule"];
}

ApiResponse Publish(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  std::string when, zone;
  if (auto e = ScheduleFrom(req, when, zone)) return *e;
  if (l.kind != StepKind::kRegular)
    return ErrorResponse(400, kErrGeneric, "The language variant cannot be published from its current workflow step.");
  auto& a = l.latest.GetAllocator();
  if (when.empty()) {
    SetPosition(l.latest, {l.position.workflow_id, SpecialStepId(env, l.position.workflow_id, StepKind::kPublished)},
                a);
    l.target.variant->published.reset();  // the latest is now the published version
  } else {
    l.target.variant->step_before_schedule = l.position.step_id;
    SetPosition(l.latest, {l.position.workflow_id, SpecialStepId(env, l.position.workflow_id, StepKind::kScheduled)},
                a);
    JsonValue& s = Schedule(l);
    SetStringMember(s, "publish_time", when, a);
    SetMember(s, "publish_display_timezone", zone.empty() ? JsonValue() : MakeString(zone, a), a);
  }
  Save(l);
  return ApiResponse::NoContent();
}

ApiResponse CancelPublish(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  if (l.kind != StepKind::kScheduled)
    return ErrorResponse(400, kErrNotScheduled,
                         "Cannot cancel scheduling of a language variant that is not scheduled to publish.");
  auto& a = l.latest.GetAllocator();
  std::string back = l.target.variant->step_before_schedule;
  if (StepKindOf(env, l.position.workflow_id, back) != StepKind::kRegular)
    back = FirstStepId(env, l.position.workflow_id);
  SetPosition(l.latest, {l.position.workflow_id, back}, a);
  JsonValue& s = Schedule(l);
  SetMember(s, "publish_time", JsonValue(), a);
  SetMember(s, "publish_display_timezone", JsonValue(), a);
  Save(l);
  return ApiResponse::NoContent();
}

// `archive`: unpublish-and-archive moves a published variant to Archived; the deprecated /unpublish moves it
// to the workflow's first step ("Draft"), as the spec says.
ApiResponse UnpublishTo(const ApiRequest& req, Environment& env, bool archive) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  std::string when, zone;
  if (auto e = ScheduleFrom(req, when, zone)) return *e;
  if (l.kind != StepKind::kPublished && !l.target.variant->published)
    return ErrorResponse(400, kErrVariantNotPublished, "Cannot unpublish a language variant that is not published.");
  auto& a = l.latest.GetAllocator();
  if (!when.empty()) {
    JsonValue& s = Schedule(l);
    SetStringMember(s, "unpublish_time", when, a);
    SetMember(s, "unpublish_display_timezone", zone.empty() ? JsonValue() : MakeString(zone, a), a);
  } else if (l.kind == StepKind::kPublished) {
    std::string step = archive ? SpecialStepId(env, l.position.workflow_id, StepKind::kArchived)
                               : FirstStepId(env, l.position.workflow_id);
    SetPosition(l.latest, {l.position.workflow_id, step}, a);
  } else {
    l.target.variant->published.reset();  // the published version goes; the newer draft stays
  }
  Save(l);
  return ApiResponse::NoContent();
}

ApiResponse Unpublish(const ApiRequest& req, Environment& env) {
  return UnpublishTo(req, env, true);
}
ApiResponse UnpublishDeprecated(const ApiRequest& req, Environment& env) {
  return UnpublishTo(req, env, false);
}

ApiResponse CancelUnpublish(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  const JsonValue* s = Member(l.latest, "schedule");
  if (s == nullptr || !StringMember(*s, "unpublish_time"))
    return ErrorResponse(400, kErrNotScheduled,
                         "Nothing to cancel. The specified language variant is not scheduled for unpublishing.");
  auto& a = l.latest.GetAllocator();
  SetMember(l.latest["schedule"], "unpublish_time", JsonValue(), a);
  SetMember(l.latest["schedule"], "unpublish_display_timezone", JsonValue(), a);
  Save(l);
  return ApiResponse::NoContent();
}

ApiResponse NewVersion(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  if (l.kind != StepKind::kPublished && l.kind != StepKind::kArchived)
    return ErrorResponse(400, kErrNotPublishedForNewVersion,
                         "Cannot create a new version of a language variant that is not published.");
  if (l.kind == StepKind::kPublished) l.target.variant->published = l.target.variant->latest;
  SetPosition(l.latest, {l.position.workflow_id, FirstStepId(env, l.position.workflow_id)}, l.latest.GetAllocator());
  Save(l);
  return ApiResponse::NoContent();
}

ApiResponse MoveToStep(Loaded& l, Environment& env, WorkflowPosition target) {
  StepKind kind = StepKindOf(env, target.workflow_id, target.step_id);
  if (kind == StepKind::kUnknown)
    return InvalidBody("The workflow step '" + target.step_id + "' does not exist.", "step_identifier");
  if (kind == StepKind::kPublished || kind == StepKind::kScheduled)
    return ErrorResponse(400, kErrCannotChangeToPublished,
                         "Cannot change workflow step to Published. If you want to publish a language variant via the "
                         "Management API, use the '/publish' endpoint instead.");
  if (l.kind == StepKind::kPublished || l.kind == StepKind::kScheduled)
    return ErrorResponse(400, kErrGeneric,
                         "The workflow step of a published or scheduled language variant cannot be changed.");
  SetPosition(l.latest, target, l.latest.GetAllocator());
  Save(l);
  return ApiResponse::NoContent();
}

ApiResponse ChangeWorkflow(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  auto body = ParseBody(req);
  if (!body.ok()) return BadJson(body.status());
  const JsonValue* wi = body->IsObject() ? Member(*body, "workflow_identifier") : nullptr;
  const JsonValue* si = body->IsObject() ? Member(*body, "step_identifier") : nullptr;
  auto wref = wi ? ReferenceFrom(*wi) : std::nullopt;
  const StoredObject* workflow = wref ? env.workflows.Find(*wref) : nullptr;
  if (workflow == nullptr) return InvalidBody("The workflow does not exist.", "workflow_identifier");
  auto sref = si ? ReferenceFrom(*si) : std::nullopt;
  if (!sref) return InvalidBody("The workflow step must be specified.", "step_identifier");
  std::string step_id = sref->value();
  if (sref->kind() == Reference::Kind::kCodename) {
    JsonDocument wdoc = ParseJson(workflow->json).value();
    step_id.clear();
    if (const JsonValue* steps = Member(wdoc, "steps"))
      for (const JsonValue& s : steps->GetArray())
        if (StringMember(s, "codename").value_or("") == sref->value())
          step_id = std::string(StringMember(s, "id").value_or(""));
    for (const char* key : {"published_step", "scheduled_step", "archived_step"})
      if (const JsonValue* s = Member(wdoc, key))
        if (StringMember(*s, "codename").value_or("") == sref->value())
          step_id = std::string(StringMember(*s, "id").value_or(""));
  }
  return MoveToStep(l, env, {workflow->id, step_id});
}

ApiResponse ChangeStepDeprecated(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  return MoveToStep(l, env, {l.position.workflow_id, std::string(req.Param("workflow_step_identifier"))});
}

}  // namespace

void AddWorkflowActionRoutes(Router& router) {
  const std::string one = std::string(kApiPrefix) + "/items/{item_identifier}/variants/{language_identifier}";
  auto add = [&](const char* suffix, ApiResponse (*fn)(const ApiRequest&, Environment&)) {
    router.Add("PUT", one + suffix,
               [fn](const ApiRequest& req, RouteContext& ctx) { return fn(req, *ctx.environment); });
  };
  add("/publish", Publish);
  add("/cancel-scheduled-publish", CancelPublish);
  add("/unpublish-and-archive", Unpublish);
  add("/unpublish", UnpublishDeprecated);
  add("/cancel-scheduled-unpublish", CancelUnpublish);
  add("/new-version", NewVersion);
  add("/change-workflow", ChangeWorkflow);
  add("/workflow/{workflow_step_identifier}", ChangeStepDeprecated);
}

}  // namespace kbulk::emulator
