// WorkflowRunner: a RestorePlan's calls for one variant, with read-back after ambiguous failures.
#include "importer/workflow_runner.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "api/endpoints.h"
#include "core/json.h"

namespace kbulk::importer {
namespace ep = api::endpoints;
namespace {

std::string Quote(std::string_view text) {
  JsonDocument document;
  return ToJsonString(MakeString(text, document.GetAllocator()));
}

std::string WorkflowBody(const std::string& workflow, const std::string& step) {
  return "{\"workflow_identifier\":{\"codename\":" + Quote(workflow) +
         "},\"step_identifier\":{\"codename\":" + Quote(step) + "}}";
}

std::string ScheduleBody(const WorkflowAction& action) {
  std::string body = "{\"scheduled_to\":" + Quote(action.time);
  if (!action.timezone.empty()) body += ",\"display_timezone\":" + Quote(action.timezone);
  return body + "}";
}

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The calls that make sense only once the variant is published.
bool NeedsPublished(ActionKind kind) {
  return kind == ActionKind::kNewVersion || kind == ActionKind::kScheduleUnpublish ||
         kind == ActionKind::kUnpublishArchive;
}

bool Definitive(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kConflict:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists: return true;
    default: return false;
  }
}

}  // namespace

bool IsFatal(const Status& status) {
  return status.code() == StatusCode::kUnauthenticated || status.code() == StatusCode::kPermissionDenied ||
         status.code() == StatusCode::kCancelled;
}

std::string UpsertBody(const std::string& elements, const std::string& workflow, const std::string& step,
                       const std::string& due_date) {
  std::string body = "{\"elements\":" + elements + ",\"workflow\":" + WorkflowBody(workflow, step);
  if (!due_date.empty()) body += ",\"due_date\":" + due_date;
  return body + "}";
}

namespace {

class PlanRun {
 public:
  PlanRun(api::ManagementClient& client, const TargetVariants& target, const VariantWrite& write, RunResult& result)
      : client_(client), target_(target), write_(write), result_(result) {}

  Status Plan(const RestorePlan& plan, const WorkflowGraph* graph) {
    graph_ = graph;
    for (const WorkflowAction& action : plan.actions) {
      if (publish_refused_ && NeedsPublished(action.kind)) continue;
      Status status = action.kind == ActionKind::kUpsertLatest || action.kind == ActionKind::kUpsertPublished
                          ? Upsert(action)
                          : Action(action);
      if (IsFatal(status)) return status;
      if (!status.ok()) {
        result_.failure = std::move(status);
        return Status::Ok();
      }
    }
    return Status::Ok();
  }

 private:
  Status Upsert(const WorkflowAction& action) {
    const std::string& elements =
        action.kind == ActionKind::kUpsertPublished ? write_.published_elements : write_.latest_elements;
    ++result_.writes;
    auto response = client_.Send(ep::UpsertVariant(
        write_.item, write_.language, UpsertBody(elements, write_.workflow, action.step, write_.due_date)));
    return response.status();
  }

  api::Request Build(const WorkflowAction& action) const {
    const Reference& i = write_.item;
    const Reference& l = write_.language;
    switch (action.kind) {
      case ActionKind::kPublish: return ep::Publish(i, l, "");
      case ActionKind::kSchedulePublish: return ep::Publish(i, l, ScheduleBody(action));
      case ActionKind::kCancelScheduledPublish: return ep::CancelScheduledPublish(i, l);
      case ActionKind::kNewVersion: return ep::CreateNewVersion(i, l);
      case ActionKind::kChangeWorkflow: return ep::ChangeWorkflow(i, l, WorkflowBody(write_.workflow, action.step));
      case ActionKind::kUnpublishArchive: return ep::Unpublish(i, l, "");
      case ActionKind::kScheduleUnpublish: return ep::Unpublish(i, l, ScheduleBody(action));
      default: break;
    }
    return {};
  }

  // Whether the variant's state read back shows `action` done.
  bool Reached(const WorkflowAction& action, const JsonValue& variant) const {
    VariantFingerprint now = target_.FingerprintOf(variant);
    switch (action.kind) {
      case ActionKind::kPublish: return now.phase == VariantPhase::kPublished;
      case ActionKind::kSchedulePublish: return now.phase == VariantPhase::kScheduled;
      case ActionKind::kCancelScheduledPublish:
      case ActionKind::kNewVersion: return now.phase == VariantPhase::kDraft;
      case ActionKind::kUnpublishArchive: return now.phase == VariantPhase::kArchived;
      case ActionKind::kScheduleUnpublish: return target_.FactsOf(variant).unpublish_time != 0;
      case ActionKind::kChangeWorkflow:
        if (graph_ != nullptr && action.step == graph_->archived_step) return now.phase == VariantPhase::kArchived;
        return now.phase == VariantPhase::kDraft && target_.FactsOf(variant).step == action.step;
      default: return false;
    }
  }

  Status Action(const WorkflowAction& action) {
    api::Request request = Build(action);
    request.idempotent = false;  // never retried blindly: the state is read back instead
    Status last;
    const api::RetryOptions& retry = client_.options().retry;
    for (std::uint32_t attempt = 0; attempt < std::max<std::uint32_t>(2, retry.max_attempts); ++attempt) {
      if (attempt > 0) {  // the state read back proved the last attempt did nothing: wait, then send again
        auto delay = std::min(retry.max_delay, retry.base_delay * (1 << std::min<std::uint32_t>(attempt - 1, 10)));
        std::this_thread::sleep_for(delay);
      }
      ++result_.writes;
      auto response = client_.Send(request);
      if (response.ok()) return Status::Ok();
      last = response.status();
      if (IsFatal(last)) return last;
      if (Definitive(last)) return Refused(action, last);
      ++result_.reads;
      auto read = client_.Send(ep::GetVariant(write_.item, write_.language));
      if (!read.ok()) {
        return IsFatal(read.status())
                   ? read.status()
                   : Status(last.code(),
                            last.message() + "; reading the state back failed: " + read.status().message());
      }
      auto variant = ParseJson(read->body);
      if (variant.ok() && variant->IsObject() && Reached(action, *variant)) return Status::Ok();
    }
    return last;
  }

  // The service refused `action` outright (the request was processed and did nothing).
  Status Refused(const WorkflowAction& action, const Status& status) {
    bool past = (action.kind == ActionKind::kSchedulePublish || action.kind == ActionKind::kScheduleUnpublish) &&
                ParseIsoSeconds(action.time).value_or(0) <= Now();
    if (past) {  // the schedule passed while the import ran: applied now, like a schedule past at planning
      WorkflowAction now{
          action.kind == ActionKind::kSchedulePublish ? ActionKind::kPublish : ActionKind::kUnpublishArchive,
          {},
          {},
          {}};
      result_.notes.push_back(std::string(ActionKindName(action.kind)) + " at " + action.time +
                              " is past: applied now");
      return Action(now);
    }
    if (action.kind == ActionKind::kPublish || action.kind == ActionKind::kSchedulePublish) {
      publish_refused_ = true;
      result_.notes.push_back(std::string(ActionKindName(action.kind)) +
                              " refused, the variant stays in its step: " + status.message());
      return Status::Ok();
    }
    return status;
  }

  api::ManagementClient& client_;
  const TargetVariants& target_;
  const VariantWrite& write_;
  RunResult& result_;
  const WorkflowGraph* graph_ = nullptr;
  bool publish_refused_ = false;
};

}  // namespace

Status WorkflowRunner::Run(const VariantWrite& write, const RestorePlan& plan, RunResult& result) {
  return PlanRun(client_, target_, write, result).Plan(plan, target_.Workflow(write.workflow));
}

}  // namespace kbulk::importer
