// A published record that reaches the importer after its variant's latest version was written (the
// records were further apart in the archive than the grouping window holds). The latest version's content
// and state are read back from the target (where the import just wrote them: by the target's ids, which
// the target accepts in an upsert), and the published version is put underneath: upsert the published
// content, publish, new version, upsert the latest content again into its step (and schedules again).
#pragma once

#include <string_view>

#include "api/management_client.h"
#include "content/import_naming.h"
#include "content/model_index.h"
#include "core/status.h"
#include "importer/import_report.h"
#include "importer/variant_target.h"
#include "importer/workflow_runner.h"

namespace kbulk::importer {

struct LateContext {
  api::ManagementClient& client;
  const TargetVariants& target;
  const content::ModelIndex& model;  // the archive's
  const content::ImportNaming& naming;
  ImportReport& report;
  WorkflowRunner& runner;
  bool dry_run = false;
};

// Returns an error only for what stops the import; per-variant failures are reported.
Status RestoreLatePublished(const LateContext& context, std::string_view published_record);

}  // namespace kbulk::importer
