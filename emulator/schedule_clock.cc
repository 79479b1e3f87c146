// Due schedules, applied lazily.
#include "emulator/schedule_clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "emulator/iso_date_time.h"
#include "emulator/route_support.h"
#include "emulator/workflow_state.h"

namespace kbulk::emulator {
namespace {

bool Due(const JsonValue& schedule, const char* key, std::int64_t now) {
  auto when = StringMember(schedule, key);
  if (!when || when->empty()) return false;
  auto at = ParseIsoDateTime(*when);
  return at && *at <= now;
}

void ClearSchedule(JsonValue& schedule, const char* time_key, const char* zone_key, JsonAllocator& a) {
  SetMember(schedule, time_key, JsonValue(), a);
  SetMember(schedule, zone_key, JsonValue(), a);
}

}  // namespace

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string FormatUtc(std::int64_t epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

void ApplyDueSchedule(Environment& env, StoredVariant& variant) {
  if (variant.latest.find("publish_time\":\"") == std::string::npos) return;  // nothing scheduled
  auto parsed = ParseJson(variant.latest);
  if (!parsed.ok()) return;
  JsonDocument& doc = *parsed;
  JsonValue* schedule = doc.HasMember("schedule") && doc["schedule"].IsObject() ? &doc["schedule"] : nullptr;
  if (schedule == nullptr) return;
  auto& a = doc.GetAllocator();
  const std::int64_t now = NowSeconds();
  WorkflowPosition pos = PositionOf(doc);
  bool changed = false;
  if (Due(*schedule, "publish_time", now) && StepKindOf(env, pos.workflow_id, pos.step_id) == StepKind::kScheduled) {
    pos.step_id = SpecialStepId(env, pos.workflow_id, StepKind::kPublished);
    SetPosition(doc, pos, a);
    ClearSchedule(*schedule, "publish_time", "publish_display_timezone", a);
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
    ClearSchedule(*schedule, "unpublish_time", "unpublish_display_timezone", a);
    changed = true;
  }
  if (changed) variant.latest = ToJsonString(doc);
}

}  // namespace kbulk::emulator
