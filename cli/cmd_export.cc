// `kbulk export -o FILE|-`: one environment into one archive.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "api/management_client.h"
#include "cli/command.h"
#include "cli/connection.h"
#include "cli/exit_codes.h"
#include "cli/interrupt.h"
#include "cli/next_step.h"
#include "cli/render_log.h"
#include "cli/render_progress.h"
#include "exporter/exporter.h"

namespace kbulk::cli {
namespace {

struct ExportCommand {
  CommonOptions common;
  ConnectionOptions connection;
  exporter::ExportOptions options;
  std::vector<std::string> include_kinds, exclude_kinds;
  std::string compression = "zstd";
  bool no_binaries = false;
};

Result<std::set<EntityKind>> ParseKinds(const std::vector<std::string>& names) {
  std::set<EntityKind> kinds;
  for (const auto& name : names) {
    auto kind = ParseEntityKind(name);
    if (!kind) return InvalidArgument("unknown entity kind '" + name + "'");
    kinds.insert(*kind);
  }
  return kinds;
}

int Run(ExportCommand& command) {
  const CommonOptions& common = command.common;
  exporter::ExportOptions& options = command.options;
  StderrLogger log(common);
  Interrupt interrupt("export", log);  // before the client starts its threads
  auto fail = [&](const Status& status, int code) {
    if (interrupt.interrupted()) return interrupt.Interrupted();
    ReportFailure(log, "export", status);
    return code;
  };
  auto include = ParseKinds(command.include_kinds);
  if (!include.ok()) return fail(include.status(), kExitUsage);
  auto exclude = ParseKinds(command.exclude_kinds);
  if (!exclude.ok()) return fail(exclude.status(), kExitUsage);
  options.include = *include;
  options.exclude = *exclude;
  options.binaries = !command.no_binaries;
  auto compression_kind = formats::ParseCompression(command.compression);
  if (!compression_kind.ok()) return fail(compression_kind.status(), kExitUsage);
  options.compression.compression = *compression_kind;

  auto client_options = BuildClientOptions(command.connection, &log);
  if (!client_options.ok()) return fail(client_options.status(), kExitUsage);
  auto created = api::ManagementClient::Create(*client_options);
  if (!created.ok()) return fail(created.status(), kExitUsage);
  auto client = interrupt.Wrap(std::move(*created));
  options.cancel = &interrupt.flag();
  interrupt.SetResumeHint("export: run the same command again to start the export over");

  StderrProgress progress(common);
  auto summary = exporter::ExportEnvironment(*client, options, log, progress);
  if (!summary.ok()) return fail(summary.status(), ExitCodeFor(summary.status()));
  if (common.json) {
    std::cout << summary->ToJson() << "\n";
  } else if (!common.quiet) {
    std::string counts;
    for (const auto& [kind, n] : summary->counts) counts += " " + kind + "=" + std::to_string(n);
    log.Info("exported" + counts + " to " + (options.output == "-" ? std::string("stdout") : options.output));
    log.Info(std::to_string(summary->requests.api_requests) + " API requests (" +
             std::to_string(summary->published_requests) + " for published versions, " +
             std::to_string(summary->requests.retries) + " retries, " + std::to_string(summary->requests.rate_limited) +
             " rate limited) in " + FormatDuration(static_cast<double>(summary->duration.count()) / 1000.0));
    log.Info("published versions: " + std::to_string(summary->published_requests) + " probes (" +
             std::to_string(summary->published_versions - summary->published_reused) + " found, " +
             std::to_string(summary->published_none) + " none), " + std::to_string(summary->published_reused) +
             " found and " + std::to_string(summary->published_none_reused) + " none reused from the base (" +
             std::to_string(summary->published_reused + summary->published_none_reused) + " requests saved)");
  }
  for (const auto& failure : summary->failures) {
    log.Warning("missing " + failure.kind + " " + failure.object + ": " + failure.reason);
  }
  return summary->failures.empty() ? kExitOk : kExitPartial;
}

void Setup(CLI::App& app) {
  auto command = std::make_shared<ExportCommand>();
  exporter::ExportOptions& options = command->options;
  AddCommonOptions(app, command->common);
  AddConnectionOptions(app, command->connection);
  app.add_option("-o,--output", options.output, "Archive to write ('-' = standard output)")->required();
  app.add_option("--compression", command->compression, "zstd (default) or none")
      ->check(CLI::IsMember({"zstd", "none"}));
  app.add_option("--level", options.compression.level, "zstd level 1..19 (default 3)")->check(CLI::Range(1, 19));
  app.add_option("--threads", options.compression.threads, "zstd worker threads (0 = one per core)");
  app.add_option("--include", command->include_kinds,
                 "Export only these entity kinds (e.g. content_types,items,variants)")
      ->delimiter(',');
  app.add_option("--exclude", command->exclude_kinds, "Leave out these entity kinds (e.g. webhooks,roles)")
      ->delimiter(',');
  app.add_option("--types", options.types, "Only content of these content types (codenames)")->delimiter(',');
  app.add_option("--languages", options.languages, "Only variants in these languages (codenames)")->delimiter(',');
  app.add_option("--collections", options.collections, "Only content in these collections (codenames)")->delimiter(',');
  app.add_option("--since", options.since, "Only content changed at or after this time (RFC 3339)");
  app.add_option("--items", options.items,
                 "Only these items (codenames) and everything they reference, with the model (see --depth)")
      ->delimiter(',');
  app.add_option("--depth", options.depth, "How many levels of references --items follows (default 1)")
      ->check(CLI::Range(0, 100));
  app.add_flag("--no-binaries", command->no_binaries, "Asset metadata without the binaries");
  app.add_flag("--include-webhook-secrets", options.webhook_secrets,
               "Keep webhook secrets in the archive (left out by default)");
  app.add_flag("--latest-only", options.latest_only,
               "Skip published versions of variants that have a newer draft (saves one request each)");
  app.add_option("--base", options.base,
                 "Incremental: a previous archive; unchanged variants keep its published versions without a probe "
                 "(docs/export.md)");
  app.add_flag("--refresh-published", options.refresh_published, "With --base: probe every published version anyway");
  app.add_flag("--allow-partial", options.allow_partial,
               "Write the archive even when some objects fail after retries (exit 3, listed)");
  app.add_option("--read-concurrency", options.read_concurrency, "API reads in flight (paced)");
  app.add_option("--download-concurrency", options.download_concurrency, "Binary downloads in flight (default 8)");
  app.add_option("--staging-dir", options.staging_dir, "Where binaries are staged while downloading");
  SetRun(app, [command] { return Run(*command); });
}

const Registration registration({"export", "Export an environment into an archive", 10, Setup});

}  // namespace
}  // namespace kbulk::cli
