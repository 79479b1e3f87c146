// PlanRestore(): the workflow restorer's state machine, and the workflow graphs and times it reads.
#include "importer/workflow_plan.h"

#include <charconv>
#include <ctime>
#include <unordered_map>

#include "core/json.h"

namespace kbulk::importer {

const WorkflowGraph::Step* WorkflowGraph::FindStep(std::string_view codename) const {
  for (const Step& step : steps) {
    if (step.codename == codename) return &step;
  }
  return nullptr;
}

const WorkflowGraph::Step* WorkflowGraph::StepTransitioningTo(std::string_view codename) const {
  for (const Step& step : steps) {
    for (const std::string& to : step.transitions_to) {
      if (to == codename) return &step;
    }
  }
  return nullptr;
}

namespace {

// A transition as the API writes it: {"step":{"id"|"codename"}}, {"id"|"codename"} or a bare id.
std::string TransitionTarget(const JsonValue& transition, const std::unordered_map<std::string, std::string>& names) {
  const JsonValue* reference = &transition;
  if (transition.IsObject()) {
    if (const JsonValue* step = Member(transition, "step"); step != nullptr && step->IsObject()) reference = step;
  }
  std::string id;
  if (reference->IsString()) {
    id.assign(reference->GetString(), reference->GetStringLength());
  } else if (reference->IsObject()) {
    if (auto codename = StringMember(*reference, "codename")) return std::string(*codename);
    id = std::string(StringMember(*reference, "id").value_or(""));
  }
  auto it = names.find(id);
  return it == names.end() ? std::string() : it->second;
}

}  // namespace

Result<std::vector<WorkflowGraph>> ParseWorkflowGraphs(std::string_view workflows_json) {
  auto parsed = ParseJson(workflows_json);
  if (!parsed.ok() || !parsed->IsArray()) return Corrupt("the target's workflows are not a JSON array");
  std::vector<WorkflowGraph> graphs;
  for (const JsonValue& workflow : parsed->GetArray()) {
    if (!workflow.IsObject()) return Corrupt("a workflow of the target is not a JSON object");
    WorkflowGraph graph;
    graph.codename = std::string(StringMember(workflow, "codename").value_or(""));
    std::unordered_map<std::string, std::string> names;  // step id -> codename
    auto name = [&](const JsonValue& step) {
      auto id = StringMember(step, "id");
      auto codename = StringMember(step, "codename");
      if (id && codename) names[std::string(*id)] = std::string(*codename);
      return std::string(codename.value_or(""));
    };
    const JsonValue* steps = Member(workflow, "steps");
    if (steps != nullptr && steps->IsArray()) {
      for (const JsonValue& step : steps->GetArray()) {
        if (step.IsObject()) name(step);
      }
    }
    std::pair<const char*, std::string*> special[] = {{"published_step", &graph.published_step},
                                                      {"scheduled_step", &graph.scheduled_step},
                                                      {"archived_step", &graph.archived_step}};
    for (auto& [key, out] : special) {
      const JsonValue* step = Member(workflow, key);
      if (step == nullptr || !step->IsObject()) continue;
      std::string codename = name(*step);
      if (!codename.empty()) *out = codename;
    }
    if (steps != nullptr && steps->IsArray()) {
      for (const JsonValue& step : steps->GetArray()) {
        if (!step.IsObject()) continue;
        WorkflowGraph::Step out{std::string(StringMember(step, "codename").value_or("")), {}};
        const JsonValue* transitions = Member(step, "transitions_to");
        if (transitions != nullptr && transitions->IsArray()) {
          for (const JsonValue& transition : transitions->GetArray()) {
            std::string to = TransitionTarget(transition, names);
            if (!to.empty()) out.transitions_to.push_back(std::move(to));
          }
        }
        graph.steps.push_back(std::move(out));
      }
    }
    graphs.push_back(std::move(graph));
  }
  return graphs;
}

std::optional<std::int64_t> ParseIsoSeconds(std::string_view text) {
  auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    if (pos + len > text.size()) return std::nullopt;
    int value = 0;
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, value);
    if (ec != std::errc() || end != text.data() + pos + len) return std::nullopt;
    return value;
  };
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  auto hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (!year || !month || !day || !hour || !minute || !second || *month < 1 || *month > 12 || *day < 1 || *day > 31 ||
      *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  }
  std::int64_t offset = 0;
  if (pos < text.size()) {
    if (text[pos] == 'Z' || text[pos] == 'z') {
      ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
      auto oh = number(pos + 1, 2), om = number(pos + 4, 2);
      if (!oh || !om || pos + 3 >= text.size() || text[pos + 3] != ':') return std::nullopt;
      offset = (text[pos] == '+' ? 1 : -1) * (*oh * 3600 + *om * 60);
      pos += 6;
    }
  }
  if (pos != text.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  return static_cast<std::int64_t>(timegm(&tm)) - offset;
}

std::string_view VariantPhaseName(VariantPhase phase) {
  switch (phase) {
    case VariantPhase::kNone: return "none";
    case VariantPhase::kDraft: return "draft";
    case VariantPhase::kPublished: return "published";
    case VariantPhase::kScheduled: return "scheduled";
    case VariantPhase::kArchived: return "archived";
  }
  return "?";
}

std::string_view ActionKindName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kUpsertPublished: return "upsert published version";
    case ActionKind::kUpsertLatest: return "upsert";
    case ActionKind::kPublish: return "publish";
    case ActionKind::kSchedulePublish: return "schedule publish";
    case ActionKind::kCancelScheduledPublish: return "cancel scheduled publish";
    case ActionKind::kNewVersion: return "create new version";
    case ActionKind::kChangeWorkflow: return "change workflow";
    case ActionKind::kUnpublishArchive: return "unpublish and archive";
    case ActionKind::kScheduleUnpublish: return "schedule unpublish";
  }
  return "?";
}

namespace {

class Planner {
 public:
  Planner(const ArchivedWorkflowState& archived, const TargetStart& start, const WorkflowGraph& workflow,
          std::int64_t now)
      : archived_(archived), start_(start), workflow_(workflow), now_(now) {}

  Result<RestorePlan> Run() {
    if (workflow_.steps.empty()) return Refused("has no steps");
    KBULK_RETURN_IF_ERROR(MakeWritable());
    switch (archived_.phase) {
      case VariantPhase::kNone:
      case VariantPhase::kDraft: KBULK_RETURN_IF_ERROR(Draft()); break;
      case VariantPhase::kPublished: KBULK_RETURN_IF_ERROR(Published()); break;
      case VariantPhase::kScheduled: KBULK_RETURN_IF_ERROR(Scheduled()); break;
      case VariantPhase::kArchived: KBULK_RETURN_IF_ERROR(Archived()); break;
    }
    return std::move(plan_);
  }

 private:
  Status Refused(const std::string& why) const {
    return InvalidArgument("workflow '" + workflow_.codename + "' of the target " + why);
  }

  void Add(ActionKind kind, std::string step = {}, std::string time = {}, std::string timezone = {}) {
    plan_.actions.push_back({kind, std::move(step), std::move(time), std::move(timezone)});
  }

  bool InFuture(const std::string& time) const {
    auto seconds = ParseIsoSeconds(time);
    return seconds && *seconds > now_;
  }

  Result<std::string> PublishingStep() const {
    const WorkflowGraph::Step* step = workflow_.StepTransitioningTo(workflow_.published_step);
    if (step == nullptr) return Refused("has no step that transitions to '" + workflow_.published_step + "'");
    return step->codename;
  }

  // Only a variant in a custom step can be upserted.
  Status MakeWritable() {
    switch (start_.phase) {
      case VariantPhase::kNone:
      case VariantPhase::kDraft: return Status::Ok();
      case VariantPhase::kPublished:
        Add(ActionKind::kNewVersion);
        if (!archived_.has_published_version) {
          plan_.notes.push_back("the target's published version stays under the restored version");
        }
        return Status::Ok();
      case VariantPhase::kScheduled: Add(ActionKind::kCancelScheduledPublish); return Status::Ok();
      case VariantPhase::kArchived:
        Add(ActionKind::kChangeWorkflow, workflow_.steps.front().codename);
        return Status::Ok();
    }
    return Status::Ok();
  }

  // The published version under a newer one: upsert, publish, new version (unless the target has it).
  Status PublishedUnderneath() {
    if (!archived_.has_published_version || start_.published_version_matches) return Status::Ok();
    KBULK_ASSIGN_OR_RETURN(std::string step, PublishingStep());
    Add(ActionKind::kUpsertPublished, step);
    Add(ActionKind::kPublish);
    Add(ActionKind::kNewVersion);
    return Status::Ok();
  }

  Status Draft() {
    if (workflow_.FindStep(archived_.step) == nullptr) return Refused("has no step '" + archived_.step + "'");
    KBULK_RETURN_IF_ERROR(PublishedUnderneath());
    Add(ActionKind::kUpsertLatest, archived_.step);
    Outcome(VariantPhase::kDraft, archived_.step);
    return Status::Ok();
  }

  Status Published() {
    KBULK_ASSIGN_OR_RETURN(std::string step, PublishingStep());
    Add(ActionKind::kUpsertLatest, step);
    Add(ActionKind::kPublish);
    Outcome(VariantPhase::kPublished, workflow_.published_step);
    Unpublish();
    return Status::Ok();
  }

  Status Scheduled() {
    KBULK_RETURN_IF_ERROR(PublishedUnderneath());
    KBULK_ASSIGN_OR_RETURN(std::string step, PublishingStep());
    Add(ActionKind::kUpsertLatest, step);
    if (InFuture(archived_.publish.time)) {
      Add(ActionKind::kSchedulePublish, {}, archived_.publish.time, archived_.publish.display_timezone);
      Outcome(VariantPhase::kScheduled, workflow_.scheduled_step);
      plan_.publish_time = archived_.publish.time;
      plan_.publish_timezone = archived_.publish.display_timezone;
    } else {
      Add(ActionKind::kPublish);
      plan_.notes.push_back(archived_.publish.set()
                                ? "scheduled publish at " + archived_.publish.time + " is past: published now"
                                : "scheduled without a publish time: published now");
      Outcome(VariantPhase::kPublished, workflow_.published_step);
    }
    Unpublish();
    return Status::Ok();
  }

  // A scheduled unpublish of a published (or scheduled) variant.
  void Unpublish() {
    if (!archived_.unpublish.set()) return;
    if (InFuture(archived_.unpublish.time)) {
      Add(ActionKind::kScheduleUnpublish, {}, archived_.unpublish.time, archived_.unpublish.display_timezone);
      plan_.unpublish_time = archived_.unpublish.time;
      plan_.unpublish_timezone = archived_.unpublish.display_timezone;
    } else if (plan_.phase == VariantPhase::kPublished) {
      Add(ActionKind::kUnpublishArchive);
      plan_.notes.push_back("scheduled unpublish at " + archived_.unpublish.time + " is past: unpublished now");
      Outcome(VariantPhase::kArchived, workflow_.archived_step);
    } else {
      plan_.notes.push_back("scheduled unpublish at " + archived_.unpublish.time + " is past: left out");
    }
  }

  Status Archived() {
    if (archived_.has_published_version) {
      plan_.notes.push_back("a published version under an archived version cannot exist: not restored");
    }
    if (const WorkflowGraph::Step* archiving = workflow_.StepTransitioningTo(workflow_.archived_step)) {
      Add(ActionKind::kUpsertLatest, archiving->codename);
      Add(ActionKind::kChangeWorkflow, workflow_.archived_step);
    } else {
      KBULK_ASSIGN_OR_RETURN(std::string step, PublishingStep());
      Add(ActionKind::kUpsertLatest, step);
      Add(ActionKind::kPublish);
      Add(ActionKind::kUnpublishArchive);
      plan_.notes.push_back("no step transitions to '" + workflow_.archived_step +
                            "': archived by publishing and unpublishing");
    }
    Outcome(VariantPhase::kArchived, workflow_.archived_step);
    return Status::Ok();
  }

  void Outcome(VariantPhase phase, const std::string& step) {
    plan_.phase = phase;
    plan_.step = step;
  }

  const ArchivedWorkflowState& archived_;
  const TargetStart& start_;
  const WorkflowGraph& workflow_;
  std::int64_t now_;
  RestorePlan plan_;
};

}  // namespace

Result<RestorePlan> PlanRestore(const ArchivedWorkflowState& archived, const TargetStart& start,
                                const WorkflowGraph& workflow, std::int64_t now_seconds) {
  return Planner(archived, start, workflow, now_seconds).Run();
}

}  // namespace kbulk::importer
