// A feed row's `workflow` / `workflow_step` cells: where the row asks its variant to be, checked against the
// target's workflows and planned by the importer's workflow restorer (importer/workflow_plan.h), whose
// runner then moves the variant (docs/feeds.md "Import", Workflow).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "feeds/feed_import.h"
#include "feeds/feed_import_target.h"
#include "importer/workflow_plan.h"

namespace kbulk::feeds {

struct WorkflowMove {
  std::string workflow, step;  // codenames the row asks for
  importer::RestorePlan plan;  // from the target variant's state to that step; its upserts carry the row's elements
};

// nullopt when the row asks for nothing the variant does not already have (both cells missing or empty, or
// equal to the variant's). `variant` is nullptr for a new variant: a step cell then needs the workflow
// cell, or is a step of workflow "default". A workflow or step the target lacks, and the scheduled step (a
// feed carries no publish time), add a problem naming the column. `now_seconds` for the planner.
std::optional<WorkflowMove> PlanWorkflowMove(const std::optional<std::string>& workflow_cell,
                                             const std::optional<std::string>& step_cell, const TargetVariant* variant,
                                             const importer::TargetVariants& workflows, std::uint64_t row,
                                             std::int64_t now_seconds, std::vector<RowProblem>& problems);

}  // namespace kbulk::feeds
