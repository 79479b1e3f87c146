// `kbulk import`: one kbulk archive into one environment, in a single streaming pass. The model first
// (matched by codename; conflicts stop the import before any content write), then asset binaries
// (stashed owner-only on disk), assets, items and variants, all written by external id and codename so no
// second pass is needed, then what must follow content (workflow scopes, webhooks, ...). The target's
// current state is read through list routes up front and only what differs is written, so a second run
// of the same import writes nothing. See docs/import.md.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "api/management_client.h"
#include "core/log.h"
#include "core/status.h"
#include "importer/import_options.h"
#include "importer/import_report.h"

namespace kbulk::importer {

struct ImportSummary {
  std::shared_ptr<const ImportReport> report;  // plan, failures, notes, planned requests, writes
  api::RequestStats requests;                  // what really went to the API
  std::chrono::milliseconds duration{0};
  bool dry_run = false;
  std::uint64_t estimated_requests = 0;  // the plan's requests (reads and writes)
  double estimated_seconds = 0;          // those at the configured rate (at most 400/min)
  bool resumed = false;                  // continued from a journal

  bool partial() const { return report && report->failure_count() > 0; }
  // {"dry_run", "duration_ms", "estimate": {"requests","seconds"}, "requests": {...}, "report": {...}}
  std::string ToJson() const;
};

// Fatal errors (auth, a damaged archive, a model conflict: kConflict naming type and element, a model
// object content cannot do without) stop the import and return a Status. Per-object failures are in the
// summary's report (the CLI exits 3). A dry run does not stop on conflicts: they are in the report's plan
// and conflicts() (the CLI exits 4). Journal: an existing journal without resume/restart is
// kAlreadyExists, a journal of another archive or target kConflict, both before any write; an interrupted
// import (options.cancel) returns kCancelled and keeps its journal, as does a fatal error after the first
// write; a pass that ends (failed objects included) or fails before any write removes it. See docs/import.md.
// The journal ImportArchive keeps for `options` ("" = none: a dry run, standard input without a path).
std::string JournalPathFor(const ImportOptions& options);

Result<ImportSummary> ImportArchive(api::ManagementClient& client, const ImportOptions& options, Logger& log,
                                    Progress& progress);

}  // namespace kbulk::importer
