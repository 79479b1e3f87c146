// The workflow restorer's state machine: from a variant's archived state (its latest version's step,
// schedule, and whether a published version sits under it) and the target's current state, the ordered
// API calls that reproduce it. Pure: no I/O, the clock is a parameter, so call sequences are unit-tested.
//
// Rules it follows (spec: "Publish or schedule", "Create new version", "Change workflow", "Unpublish and
// archive", "Cancel scheduling"): only a variant in a custom step can be upserted (the upsert's `workflow`
// places it in any custom step); publish and schedule only from a step that transitions to Published; a
// new version only from Published; unpublish (also scheduled) only from Published or scheduled to publish;
// Archived by change-workflow from a step that transitions to it, else publish then unpublish-and-archive;
// a schedule in the past is refused by the service, so it is applied now and reported.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kbulk::importer {

// One workflow as the restorer needs it: custom steps in order with where each may go (codenames).
struct WorkflowGraph {
  struct Step {
    std::string codename;
    std::vector<std::string> transitions_to;  // step codenames, the special steps' included
  };
  std::string codename;
  std::vector<Step> steps;
  std::string published_step = "published", scheduled_step = "scheduled", archived_step = "archived";

  const Step* FindStep(std::string_view codename) const;
  // The first custom step (in workflow order) that transitions to `codename`; nullptr when none.
  const Step* StepTransitioningTo(std::string_view codename) const;
};

// GET /workflows' body (an array); transitions named by step id are translated to codenames.
Result<std::vector<WorkflowGraph>> ParseWorkflowGraphs(std::string_view workflows_json);

// ISO-8601 date-time ("2038-01-19T04:14:08", "...Z", "...+01:00", fractions) as Unix seconds.
std::optional<std::int64_t> ParseIsoSeconds(std::string_view text);

enum class VariantPhase { kNone, kDraft, kPublished, kScheduled, kArchived };
std::string_view VariantPhaseName(VariantPhase phase);

struct ScheduleTime {
  std::string time;  // as archived ("" = none)
  std::string display_timezone;
  bool set() const { return !time.empty(); }
};

// The archived state of one variant.
struct ArchivedWorkflowState {
  VariantPhase phase = VariantPhase::kDraft;  // of the latest version (kNone is not valid here)
  std::string step;                           // custom step codename when kDraft
  ScheduleTime publish, unpublish;
  bool has_published_version = false;  // a published record under a newer (draft or scheduled) version
};

// Where the target variant is before the restore.
struct TargetStart {
  VariantPhase phase = VariantPhase::kNone;
  bool published_version_matches = false;  // the target already holds the archived published version
};

enum class ActionKind {
  kUpsertPublished,  // the published version's content, into `step` (which transitions to Published)
  kUpsertLatest,     // the latest version's content, into `step`
  kPublish,          // now
  kSchedulePublish,  // at `time` / `timezone`
  kCancelScheduledPublish,
  kNewVersion,
  kChangeWorkflow,     // to `step` (a custom step or the archived step)
  kUnpublishArchive,   // now
  kScheduleUnpublish,  // at `time` / `timezone`
};
std::string_view ActionKindName(ActionKind kind);

struct WorkflowAction {
  ActionKind kind;
  std::string step;
  std::string time;
  std::string timezone;
};

struct RestorePlan {
  std::vector<WorkflowAction> actions;
  std::vector<std::string> notes;  // past schedules applied now, archived via a brief publish, ...
  // What the target's latest version is afterwards (compared with the target to find unchanged variants).
  VariantPhase phase = VariantPhase::kDraft;
  std::string step;                          // codename of the final step (a special step's codename when not a draft)
  std::string publish_time, unpublish_time;  // the schedules left pending ("" = none)
  std::string publish_timezone, unpublish_timezone;
};

// Fails (kInvalidArgument) naming the workflow when the target's workflow cannot hold the state (the
// step is missing, no step transitions to Published/Archived where that is needed).
Result<RestorePlan> PlanRestore(const ArchivedWorkflowState& archived, const TargetStart& start,
                                const WorkflowGraph& workflow, std::int64_t now_seconds);

}  // namespace kbulk::importer
