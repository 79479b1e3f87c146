// Workflow actions on a variant: publish / schedule, unpublish-and-archive / schedule, cancel schedules,
// create a new version, change workflow (and the deprecated step change and unpublish). All answer 204.
// Publish, schedule and change-workflow follow the workflow's transitions ("The API follows the workflow
// transition limitations present in the UI"); due schedules are applied lazily (schedule_clock.h).
#include "emulator/iso_date_time.h"
#include "emulator/publish_check.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/schedule_clock.h"
#include "emulator/server.h"
#include "emulator/time_zones.h"
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
  ApplyDueSchedule(env, *out.target.variant);
  out.latest = ParseJson(out.target.variant->latest).value();
  out.position = PositionOf(out.latest);
  out.kind = StepKindOf(env, out.position.workflow_id, out.position.step_id);
  return std::nullopt;
}

void Save(Loaded& l) {
  SetStringMember(l.latest, "last_modified", NowTimestamp(), l.latest.GetAllocator());
  l.target.variant->latest = ToJsonString(l.latest);
}

struct ScheduleRequest {
  std::string when;  // UTC, "" to act now
  std::string zone;  // "" when none was given
};

// The optional body {"scheduled_to": <date-time>, "display_timezone": <IANA name>}: 400 (code 5) when the
// time is not a date-time or not in the future, or the zone is not a canonical IANA name.
std::optional<ApiResponse> ScheduleFrom(const ApiRequest& req, ScheduleRequest& out) {
  if (req.body.empty()) return std::nullopt;
  auto body = ParseJson(req.body);
  if (!body.ok()) return BadJson(body.status());
  if (!body->IsObject()) return std::nullopt;
  std::vector<ValidationError> errors;
  const JsonValue* when = Member(*body, "scheduled_to");
  if (when != nullptr && !when->IsNull()) {
    auto at = when->IsString() ? ParseIsoDateTime(when->GetString()) : std::nullopt;
    if (!at)
      errors.push_back({"The value of scheduled_to must be an ISO-8601 date-time.", "scheduled_to"});
    else if (*at <= NowSeconds())
      errors.push_back({"The provided date-time value needs to be in the future.", "scheduled_to"});
    else
      out.when = FormatUtc(*at);
  }
  const JsonValue* zone = Member(*body, "display_timezone");
  if (zone != nullptr && !zone->IsNull()) {
    // "UTC" (a tz link) is accepted as for date & time elements (element_check.cc): the service stores it.
    if (!zone->IsString() || (std::string_view(zone->GetString()) != "UTC" && !IsValidTimeZone(zone->GetString())))
      errors.push_back(
          {"Time zone name must be valid according to the IANA specification. See "
           "https://kontent.ai/learn/reference/management-api-v2 for details.",
           "display_timezone"});
    else
      out.zone = zone->GetString();
  }
  if (!errors.empty()) return InvalidBody(errors);
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

void SetSchedule(Loaded& l, const char* time_key, const char* zone_key, const ScheduleRequest& s) {
  auto& a = l.latest.GetAllocator();
  JsonValue& schedule = Schedule(l);
  SetMember(schedule, time_key, s.when.empty() ? JsonValue() : MakeString(s.when, a), a);
  SetMember(schedule, zone_key, s.zone.empty() ? JsonValue() : MakeString(s.zone, a), a);
}

ApiResponse TransitionRefused(const Environment& env, const Loaded& l, std::string_view target) {
  return ErrorResponse(400, kErrGeneric,
                       "The workflow step '" + StepCodename(env, l.position.workflow_id, l.position.step_id) +
                           "' of the language variant does not transition to '" + std::string(target) +
                           "'; the API follows the workflow's transition limitations.");
}

ApiResponse Publish(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  ScheduleRequest s;
  if (auto e = ScheduleFrom(req, s)) return *e;
  // "Scheduling a published language variant has no effect."
  if (!s.when.empty() && l.kind == StepKind::kPublished) return ApiResponse::NoContent();
  if (l.kind != StepKind::kRegular)
    return ErrorResponse(400, kErrGeneric, "The language variant cannot be published from its current workflow step.");
  const std::string published = SpecialStepId(env, l.position.workflow_id, StepKind::kPublished);
  const std::string scheduled = SpecialStepId(env, l.position.workflow_id, StepKind::kScheduled);
  bool allowed = TransitionAllowed(env, l.position.workflow_id, l.position.step_id, published) ||
                 (!s.when.empty() && TransitionAllowed(env, l.position.workflow_id, l.position.step_id, scheduled));
  if (!allowed) return TransitionRefused(env, l, "published");
  if (auto e = CheckPublishable(env, *l.target.variant)) return *e;
  auto& a = l.latest.GetAllocator();
  if (s.when.empty()) {
    SetPosition(l.latest, {l.position.workflow_id, published}, a);
    l.target.variant->published.reset();  // the latest is now the published version
  } else {
    l.target.variant->step_before_schedule = l.position.step_id;
    SetPosition(l.latest, {l.position.workflow_id, scheduled}, a);
    SetSchedule(l, "publish_time", "publish_display_timezone", s);
  }
  Save(l);
  return ApiResponse::NoContent();
}

// The spec: "Scheduled publishing was canceled and the variant moved to the first workflow step."
ApiResponse CancelPublish(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  if (l.kind != StepKind::kScheduled)
    return ErrorResponse(400, kErrNotScheduled,
                         "Cannot cancel scheduling of a language variant that is not scheduled to publish.");
  auto& a = l.latest.GetAllocator();
  SetPosition(l.latest, {l.position.workflow_id, FirstStepId(env, l.position.workflow_id)}, a);
  SetSchedule(l, "publish_time", "publish_display_timezone", {});
  l.target.variant->step_before_schedule.clear();
  Save(l);
  return ApiResponse::NoContent();
}

// `archive`: unpublish-and-archive moves a published variant to Archived; the deprecated /unpublish moves it
// to the workflow's first step ("Draft"), as the spec says. A variant can be unpublished now only when it
// is published; it can be scheduled for unpublishing when it is published or scheduled for publishing.
ApiResponse UnpublishTo(const ApiRequest& req, Environment& env, bool archive) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  ScheduleRequest s;
  if (auto e = ScheduleFrom(req, s)) return *e;
  const bool published = l.kind == StepKind::kPublished || l.target.variant->published.has_value();
  if (!published && !(l.kind == StepKind::kScheduled && !s.when.empty()))
    return ErrorResponse(400, kErrVariantNotPublished, "Cannot unpublish a language variant that is not published.");
  auto& a = l.latest.GetAllocator();
  if (!s.when.empty()) {
    SetSchedule(l, "unpublish_time", "unpublish_display_timezone", s);
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
  SetSchedule(l, "unpublish_time", "unpublish_display_timezone", {});
  Save(l);
  return ApiResponse::NoContent();
}

// A new version only of a published variant (error 214 for any other step, Archived included).
ApiResponse NewVersion(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  if (l.kind != StepKind::kPublished)
    return ErrorResponse(400, kErrNotPublishedForNewVersion,
                         "Cannot create a new version of a language variant that is not published.");
  l.target.variant->published = l.target.variant->latest;
  SetPosition(l.latest, {l.position.workflow_id, FirstStepId(env, l.position.workflow_id)}, l.latest.GetAllocator());
  Save(l);
  return ApiResponse::NoContent();
}

// Within its workflow a variant moves only along the current step's transitions_to; an archived variant
// may be moved to any regular step (the UI's restore), and a move into another workflow to any of its
// regular steps or Archived (transitions do not cross workflows).
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
  const bool same_workflow = target.workflow_id == l.position.workflow_id;
  const bool same_step = same_workflow && target.step_id == l.position.step_id;
  if (same_workflow && !same_step && l.kind == StepKind::kRegular &&
      !TransitionAllowed(env, l.position.workflow_id, l.position.step_id, target.step_id))
    return TransitionRefused(env, l, StepCodename(env, target.workflow_id, target.step_id));
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
  JsonDocument wdoc = ParseJson(workflow->json).value();
  std::string step_id = ResolveStepId(wdoc, *sref);
  if (step_id.empty()) step_id = sref->value();  // reported as missing by MoveToStep
  return MoveToStep(l, env, {workflow->id, step_id});
}

// The deprecated route moves the variant "to the specified workflow step in the default workflow".
ApiResponse ChangeStepDeprecated(const ApiRequest& req, Environment& env) {
  Loaded l;
  if (auto e = Load(req, env, l)) return *e;
  return MoveToStep(l, env, {std::string(kNilId), std::string(req.Param("workflow_step_identifier"))});
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
