// `kbulk import ARCHIVE|-`: one archive into one environment (see importer/importer.h, docs/import.md).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "api/management_client.h"
#include "cli/command.h"
#include "cli/connection.h"
#include "cli/exit_codes.h"
#include "cli/import_restore.h"
#include "cli/interrupt.h"
#include "cli/next_step.h"
#include "cli/render_log.h"
#include "cli/render_progress.h"
#include "importer/importer.h"

namespace kbulk::cli {
namespace {

struct ImportCommand {
  CommonOptions common;
  ConnectionOptions connection;
  importer::ImportOptions options;
  std::string report_path;
  ImportRestore restore;  // --new-environment, --validate, --mark-production
};

// The rate the estimate assumes: the client's pacing, never above the service's 400/min.
std::uint32_t EstimateRate(const api::PacingOptions& pacing) {
  if (!pacing.enabled) return 400;
  std::uint32_t rate = 400;
  if (pacing.per_minute > 0) rate = std::min(rate, pacing.per_minute);
  if (pacing.per_second > 0) rate = std::min(rate, pacing.per_second * 60);
  return rate;
}

void PrintPlan(const importer::ImportSummary& summary, bool verbose, Logger& log) {
  const auto& report = *summary.report;
  for (const auto& [kind, actions] : report.plan_counts()) {
    std::string line = kind + ":";
    for (const auto& [action, n] : actions) line += " " + action + "=" + std::to_string(n);
    log.Info(line);
  }
  for (const auto& entry : report.plan_entries()) {
    if (!verbose) break;
    log.Info("  " + std::string(importer::PlanActionName(entry.action)) + " " + entry.kind + " " + entry.object +
             (entry.detail.empty() ? "" : " (" + entry.detail + ")"));
  }
}

int Run(ImportCommand& command) {
  const CommonOptions& common = command.common;
  importer::ImportOptions& options = command.options;
  const std::string& report_path = command.report_path;
  StderrLogger log(common);
  Interrupt interrupt("import", log);  // before the client starts its threads
  auto fail = [&](const Status& status, int code) {
    if (interrupt.interrupted()) {
      OnImportFailed(command.restore, log);  // a half-done clone is named
      return interrupt.Interrupted();
    }
    ReportFailure(log, "import", status);
    if (std::string journal = importer::JournalPathFor(options); code == kExitFatal &&
                                                                 status.code() != StatusCode::kConflict &&
                                                                 !journal.empty() && std::filesystem::exists(journal)) {
      log.Error("import: the journal " + journal +
                " records what finished; resume with: " + CommandLineWith("--resume", "--restart"));
    }
    OnImportFailed(command.restore, log);
    return code;
  };
  if (options.write_concurrency == 0)
    return fail(InvalidArgument("--write-concurrency must be at least 1"), kExitUsage);
  if (options.resume && options.restart)
    return fail(InvalidArgument("--resume and --restart exclude each other"), kExitUsage);
  if (options.resume && options.archive == "-" && options.journal_path.empty()) {
    return fail(InvalidArgument("--resume with the archive on standard input needs --journal FILE"), kExitUsage);
  }
  auto client_options = BuildClientOptions(command.connection, &log);
  if (!client_options.ok()) return fail(client_options.status(), kExitUsage);
  if (int code = BeforeImport(command.restore, *client_options, options, common, log); code != kExitOk) return code;
  options.requests_per_minute = EstimateRate(client_options->pacing);
  auto created = api::ManagementClient::Create(*client_options);
  if (!created.ok()) return fail(created.status(), kExitUsage);
  auto client = interrupt.Wrap(std::move(*created));
  options.cancel = &interrupt.flag();
  if (std::string journal = importer::JournalPathFor(options); !journal.empty()) {
    interrupt.SetResumeHint("import: the journal " + journal + " records what finished; resume with:\n  " +
                            CommandLineWith("--resume", "--restart") +
                            (options.archive == "-" ? "\n  (with the same archive on standard input)" : ""));
  } else if (!options.dry_run) {
    interrupt.SetResumeHint(
        "import: no journal was kept (standard input without --journal); running the same import again "
        "writes only what is still missing");
  }

  StderrProgress progress(common);
  options.report_path = report_path;
  auto summary = importer::ImportArchive(*client, options, log, progress);
  if (!summary.ok()) return fail(summary.status(), ExitCodeFor(summary.status()));
  const auto& report = *summary->report;
  if (Status written = report.failure_log_status(); !written.ok()) return fail(written, kExitFatal);
  if (common.json) {
    std::cout << summary->ToJson() << "\n";
  } else if (!common.quiet) {
    PrintPlan(*summary, common.verbose, log);
    log.Info(std::string(options.dry_run ? "plan: " : "estimated: ") + std::to_string(summary->estimated_requests) +
             " requests, " + FormatDuration(summary->estimated_seconds) + " at " +
             std::to_string(options.requests_per_minute) + "/min");
    if (!options.dry_run) {
      std::uint64_t writes = 0;
      for (const auto& [kind, n] : report.writes()) writes += n;
      log.Info("imported: " + std::to_string(writes) + " writes, " + std::to_string(summary->requests.api_requests) +
               " API requests (" + std::to_string(summary->requests.retries) + " retries) in " +
               FormatDuration(static_cast<double>(summary->duration.count()) / 1000.0));
    }
  }
  for (const auto& note : report.notes()) log.Warning(note.kind + " " + note.object + ": " + note.message);
  if (report.note_count() > report.notes().size())
    log.Warning(std::to_string(report.note_count() - report.notes().size()) + " more notes not shown");
  for (const auto& failure : report.failures())
    log.Warning("failed " + failure.kind + " " + failure.codename + " (" + failure.source_id + "): " + failure.error);
  if (report.failure_count() > 0) {
    log.Warning(
        std::to_string(report.failure_count()) + " objects failed" +
        (report_path.empty() ? std::string(" (--report FILE lists them all)") : " (listed in " + report_path + ")"));
  }
  if (!report.conflicts().empty()) {
    for (const auto& conflict : report.conflicts())
      log.Error("conflict: " + conflict.kind + " '" + conflict.object + "': " + conflict.detail);
    log.Error(
        "import: the target's content model conflicts with the archive; an import would stop before any "
        "content write");
    return kExitFatal;
  }
  return AfterImport(command.restore, *client, options, common, summary->partial() ? kExitPartial : kExitOk, log);
}

void Setup(CLI::App& app) {
  auto command = std::make_shared<ImportCommand>();
  importer::ImportOptions& options = command->options;
  AddCommonOptions(app, command->common);
  AddConnectionOptions(app, command->connection);
  AddImportRestoreOptions(app, command->restore);
  app.add_option("archive", options.archive, "Archive to import ('-' = standard input)")->required();
  app.add_flag("--dry-run", options.dry_run,
               "Read the target and print the plan (create/update/unchanged/conflict per kind), the requests and "
               "the time it takes; write nothing");
  app.add_flag("--update-model", options.update_model,
               "Patch existing model objects (types, taxonomies, ...) to match the archive; without it they are "
               "left alone and differences reported");
  app.add_flag("--stream", options.stream,
               "Write while reading instead of verifying the whole archive first (damage leaves the target partial)");
  app.add_option("--write-concurrency", options.write_concurrency,
                 "Writes in flight (default 2); writes to one object are always ordered")
      ->check(CLI::Range(1, 64));
  app.add_option("--report", command->report_path,
                 "Write every failed object as NDJSON (kind, source_id, codename, error)");
  app.add_option("--temp-dir", options.temp_dir, "Where binaries and standard input are spooled (owner-only)");
  app.add_flag("--resume", options.resume,
               "Continue an interrupted import from its journal (refused when the journal names another archive "
               "or target)");
  app.add_flag("--restart", options.restart, "Remove an existing journal and start the import over");
  app.add_option("--journal", options.journal_path,
                 "The import's journal (default ARCHIVE.kbulk-journal; needed for --resume from standard input)");
  SetRun(app, [command] { return Run(*command); });
}

const Registration registration({"import", "Import an archive into an environment", 20, Setup});

}  // namespace
}  // namespace kbulk::cli
