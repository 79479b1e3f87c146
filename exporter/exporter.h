// `kbulk export`: one environment into one kbulk archive in a single streaming pass. Model first, then
// binaries (downloaded in parallel, hashed while streaming, staged on disk, stored once per hash), asset
// metadata, items, and every variant's latest version plus its published version where that differs.
// API reads are paced by the client; memory does not grow with the environment's content.
#pragma once

#include "api/management_client.h"
#include "core/log.h"
#include "exporter/export_options.h"
#include "exporter/export_summary.h"

namespace kbulk::exporter {

// Fatal errors (auth, the archive, every retry of a list failing) stop the export and return a Status;
// per-object failures are collected in the summary: the export then fails with kUnavailable naming the
// first of them, unless `allow_partial` is set.
Result<ExportSummary> ExportEnvironment(api::ManagementClient& client, const ExportOptions& options, Logger& log,
                                        Progress& progress);

}  // namespace kbulk::exporter
