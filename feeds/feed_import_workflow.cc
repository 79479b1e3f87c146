// PlanWorkflowMove() (feed_import_workflow.h).
#include "feeds/feed_import_workflow.h"

namespace kbulk::feeds {

std::optional<WorkflowMove> PlanWorkflowMove(const std::optional<std::string>& workflow_cell,
                                             const std::optional<std::string>& step_cell, const TargetVariant* variant,
                                             const importer::TargetVariants& workflows, std::uint64_t row,
                                             std::int64_t now_seconds, std::vector<RowProblem>& problems) {
  if (!workflow_cell && !step_cell) return std::nullopt;
  std::string workflow = workflow_cell ? *workflow_cell : variant != nullptr ? variant->workflow : "default";
  const importer::WorkflowGraph* graph = workflows.Workflow(workflow);
  if (graph == nullptr || graph->steps.empty()) {
    problems.push_back({row, workflow_cell ? "workflow" : "workflow_step",
                        "no workflow '" + workflow + "' in the target environment"});
    return std::nullopt;
  }
  const bool same_workflow = variant != nullptr && variant->workflow == workflow;
  // Without a step cell: the variant's step in its own workflow, else the workflow's first step.
  std::string step = step_cell ? *step_cell : same_workflow ? variant->step : graph->steps.front().codename;
  if (variant != nullptr && same_workflow && step == variant->step) return std::nullopt;
  importer::ArchivedWorkflowState wanted;
  if (graph->FindStep(step) != nullptr) {
    wanted.phase = importer::VariantPhase::kDraft;
    wanted.step = step;
    wanted.has_published_version = true;  // a published version of the target stays under the new one
  } else if (step == graph->published_step) {
    wanted.phase = importer::VariantPhase::kPublished;
  } else if (step == graph->archived_step) {
    wanted.phase = importer::VariantPhase::kArchived;
  } else if (step == graph->scheduled_step) {
    problems.push_back({row, "workflow_step",
                        "'" + step +
                            "' cannot be set from a feed (it has no publish time): publish or schedule in "
                            "Kontent.ai, or choose another step"});
    return std::nullopt;
  } else {
    problems.push_back({row, "workflow_step", "workflow '" + workflow + "' has no step '" + step + "'"});
    return std::nullopt;
  }
  importer::TargetStart start;
  start.phase = variant != nullptr ? variant->phase : importer::VariantPhase::kNone;
  start.published_version_matches = true;  // nothing of a published version to restore
  auto plan = importer::PlanRestore(wanted, start, *graph, now_seconds);
  if (!plan.ok()) {
    problems.push_back({row, "workflow_step", plan.status().message()});
    return std::nullopt;
  }
  return WorkflowMove{workflow, step, std::move(*plan)};
}

}  // namespace kbulk::feeds
