// `kbulk feed import FILE|-`: a CSV / JSON / NDJSON feed of one content type back into an environment
// (feeds/feed_import.h, docs/feeds.md "Import").
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "api/management_client.h"
#include "cli/command.h"
#include "cli/connection.h"
#include "cli/exit_codes.h"
#include "cli/feed_commands.h"
#include "cli/render_log.h"
#include "cli/render_progress.h"
#include "feeds/feed_import.h"

namespace kbulk::cli {
namespace {

// The command line of `kbulk feed import`, owned by its callback.
struct FeedImportFlags {
  CommonOptions common;
  ConnectionOptions connection;
  feeds::FeedImportOptions options;
  std::string format_name, key_name = "codename";
};

int Run(FeedImportFlags& flags) {
  const CommonOptions& common = flags.common;
  feeds::FeedImportOptions& options = flags.options;
  const std::string& format_name = flags.format_name;
  const std::string& key_name = flags.key_name;
  StderrLogger log(common);
  auto fail = [&](const Status& status, int code) {
    log.Error("feed import: " + status.message());
    return code;
  };
  if (!format_name.empty()) {
    auto format = feeds::ParseFeedFormat(format_name);
    if (!format.ok()) return fail(format.status(), kExitUsage);
    options.format = *format;
  } else if (options.path == "-") {
    return fail(InvalidArgument("standard input has no file name to tell its format: pass --format"), kExitUsage);
  } else {
    auto format = feeds::FeedFormatOfPath(options.path);
    if (!format.ok()) return fail(format.status(), kExitUsage);
    options.format = *format;
  }
  options.key =
      key_name == "external_id" ? feeds::FeedImportOptions::Key::kExternalId : feeds::FeedImportOptions::Key::kCodename;
  auto client_options = BuildClientOptions(flags.connection, &log);
  if (!client_options.ok()) return fail(client_options.status(), kExitUsage);
  auto client = api::ManagementClient::Create(*client_options);
  if (!client.ok()) return fail(client.status(), kExitUsage);

  StderrProgress progress(common);
  auto summary = feeds::ImportFeed(**client, options, log, progress);
  if (!summary.ok()) return fail(summary.status(), kExitFatal);
  if (common.json) {
    std::cout << summary->ToJson() << "\n";
  } else if (!common.quiet) {
    log.Info(std::string(options.dry_run ? "dry run: " : "") + std::to_string(summary->rows_read) + " rows read, " +
             std::to_string(summary->written) + (options.dry_run ? " would be written, " : " written, ") +
             std::to_string(summary->unchanged) + " unchanged, " + std::to_string(summary->rejected) + " rejected, " +
             std::to_string(summary->skipped) + " skipped" +
             (summary->moved > 0 ? ", " + std::to_string(summary->moved) + " moved to another workflow step" : "") +
             "; " + std::to_string(summary->writes) + " writes, " + std::to_string(summary->requests.api_requests) +
             " API requests");
  }
  if (summary->nothing_written)
    log.Warning("--all-or-nothing: " + std::to_string(summary->rejected) + " rows are bad, nothing was written");
  if (summary->rejected > 0) {
    log.Warning(std::to_string(summary->rejected) + " rows rejected" +
                (options.rejected_path.empty() ? std::string(" (--rejected FILE writes them for a re-import)")
                                               : " (written to " + options.rejected_path + ")"));
    return kExitPartial;
  }
  return kExitOk;
}

}  // namespace

void SetupFeedImport(CLI::App& feed) {
  CLI::App& app = *feed.add_subcommand("import", "Import a CSV/JSON/NDJSON feed of one content type (upserts)");
  auto flags = std::make_shared<FeedImportFlags>();
  CommonOptions& common = flags->common;
  ConnectionOptions& connection = flags->connection;
  feeds::FeedImportOptions& options = flags->options;
  std::string& format_name = flags->format_name;
  std::string& key_name = flags->key_name;
  AddCommonOptions(app, common);
  AddConnectionOptions(app, connection);
  app.add_option("file", options.path, "The feed ('-' = standard input, then --format is needed)")->required();
  app.add_option("--type", options.type, "Codename of the content type the feed holds")->required();
  app.add_option("--language", options.language,
                 "Import only rows of this language (codename); the language of rows without a language cell");
  app.add_option("--key", key_name, "Match rows to items by 'codename' (default) or 'external_id'")
      ->check(CLI::IsMember({"codename", "external_id"}));
  app.add_option("--format", format_name, "csv, json or ndjson (default: from the file's extension)")
      ->check(CLI::IsMember({"csv", "json", "ndjson"}));
  app.add_flag("--create-missing", options.create_missing, "Create items and variants the target lacks");
  app.add_flag("--publish", options.publish,
               "Publish again a published variant the feed changed (without it the new version stays a draft)");
  app.add_flag("--dry-run", options.dry_run, "Read, check and compare every row; write nothing");
  app.add_flag("--all-or-nothing", options.all_or_nothing,
               "Check every row against the target first and write nothing if any row is bad (validation "
               "first: the API has no transactions)");
  app.add_option("--rejected", options.rejected_path,
                 "Write the bad rows here, in the input's format and header, to fix and import again");
  SetRun(app, [flags] { return Run(*flags); });
}

}  // namespace kbulk::cli
