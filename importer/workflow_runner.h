// Runs a RestorePlan's calls for one variant, in order. Upserts are idempotent (the client retries them);
// workflow actions are not: they are sent without blind retries, and after an ambiguous failure (reset,
// timeout, 5xx) the variant's state is read back (GET) to learn whether the action took effect; only when
// it provably did not is the action sent again, after a backoff, up to the client's retry attempts. A
// publish the service refuses (e.g. required elements incomplete, 4040027/4040028) is a note, not a
// failure: the variant stays in its publishing step and the rest of the plan that does not depend on the
// publish still runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/management_client.h"
#include "core/reference.h"
#include "core/status.h"
#include "importer/variant_target.h"
#include "importer/workflow_plan.h"

namespace kbulk::importer {

struct VariantWrite {
  Reference item;                  // by external id
  Reference language;              // by codename
  std::string workflow;            // codename
  std::string latest_elements;     // rewritten elements (JSON array)
  std::string published_elements;  // rewritten elements of the published version ("" = none)
  std::string due_date;            // the archived due_date object as JSON ("" = none)
};

struct RunResult {
  std::uint64_t writes = 0;  // requests that changed (or tried to change) the target
  std::uint64_t reads = 0;   // state read back after ambiguous failures
  std::vector<std::string> notes;
  Status failure;  // the variant's failure (reported by the caller); Ok when it reached its state
};

// The body of a variant upsert: elements, workflow {workflow_identifier, step_identifier} by codename,
// due_date.
std::string UpsertBody(const std::string& elements, const std::string& workflow, const std::string& step,
                       const std::string& due_date);

class WorkflowRunner {
 public:
  WorkflowRunner(api::ManagementClient& client, const TargetVariants& target) : client_(client), target_(target) {}

  // Returns an error only for what must stop the import (authentication, permissions, cancellation).
  Status Run(const VariantWrite& write, const RestorePlan& plan, RunResult& result);

 private:
  api::ManagementClient& client_;
  const TargetVariants& target_;
};

bool IsFatal(const Status& status);

}  // namespace kbulk::importer
