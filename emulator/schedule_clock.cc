// Due schedules, applied lazily.
#include "emulator/schedule_clock.h"

#include "emulator/route_support.h"
#include "emulator/workflow_state.h"

namespace kbulk::emulator {
namespace {

bool Due(const JsonValue& schedule, const char* key, const std::string& now) {
  auto when = StringMember(schedule, key);
  return when && !when->empty() && when->substr(0, 19) <= now;
}

}  // namespace

void ApplyDueSchedule(Environment& env, StoredVariant& variant) {
  if (variant.latest.find("publish_time\":\"") == std::string::npos) return;  // nothing scheduled
  auto parsed = ParseJson(variant.latest);
  if (!parsed.ok()) return;
  JsonDocument& doc = *parsed;
  JsonValue* schedule = doc.HasMember("schedule") && doc["schedule"].IsObject() ? &doc["schedule"] : nullptr;
  if (schedule == nullptr) return;
  auto& a = doc.GetAllocator();
  const std::string now = NowTimestamp().substr(0, 19);
  WorkflowPosition pos = PositionOf(doc);
  bool changed = false;
  if (Due(*schedule, "publish_time", now) && StepKindOf(env, pos.workflow_id, pos.step_id) == StepKind::kScheduled) {
    pos.step_id = SpecialStepId(env, pos.workflow_id, StepKind::kPublished);
    SetPosition(doc, pos, a);
    SetMember(*schedule, "publish_time", JsonValue(), a);
    SetMember(*schedule, "publish_display_timezone", JsonValue(), a);
    variant.published.reset();
    variant.step_before_schedule.clear();
    changed = true;
  }
  if (Due(*schedule, "unpublish_time", now)) {
    if (StepKindOf(env, pos.workflow_id, pos.step_id) == StepKind::kPublished) {
      pos.step_id = SpecialStepId(env, pos.workflow_id, StepKind::kArchived);
      SetPosition(doc, pos, a);
    } else {
      variant.published.reset();
    }
    SetMember(*schedule, "unpublish_time", JsonValue(), a);
    SetMember(*schedule, "unpublish_display_timezone", JsonValue(), a);
    changed = true;
  }
  if (changed) variant.latest = ToJsonString(doc);
}

}  // namespace kbulk::emulator
