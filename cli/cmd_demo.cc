// `kbulk demo`: the embedded default job, end to end on a local emulator: start it with the sample
// environment and an empty second one, export the sample at the service's real rate limits, verify the
// archive offline, import it into the second environment, export that and diff the two archives.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "api/management_client.h"
#include "api/rate_pacer.h"
#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/render_log.h"
#include "cli/render_progress.h"
#include "content/reference_closure.h"
#include "diff/archive_diff.h"
#include "emulator/populate.h"
#include "emulator/server.h"
#include "exporter/exporter.h"
#include "formats/archive_verifier.h"
#include "importer/importer.h"

namespace kbulk::cli {
namespace {

CommonOptions common;
std::string output_dir = "kbulk-demo";
std::string rate_limit = "real";

[[noreturn]] void Fail(Logger& log, const std::string& step, const Status& status) {
  log.Error("demo: " + step + ": " + status.ToString());
  Exit(kExitFatal);
}

api::ClientOptions DemoClient(const std::string& base_url, const std::string& environment_id, Logger& log) {
  // The limits are per environment: the import and the export after it share one pacer for the target, or
  // the export would start with a fresh window while the server still counts the import's last second.
  static std::map<std::string, std::shared_ptr<api::RatePacer>> pacers;
  api::ClientOptions client_options;
  client_options.base_url = base_url + "/v2";
  client_options.environment_id = environment_id;
  client_options.api_key = emulator::ServerOptions{}.api_key;
  client_options.pacing.enabled = rate_limit != "off";
  client_options.logger = &log;
  auto& pacer = pacers[environment_id];
  if (!pacer) pacer = api::RatePacer::FromOptions(client_options.pacing);
  client_options.pacer = pacer;
  return client_options;
}

Result<exporter::ExportSummary> ExportTo(const std::string& path, const std::string& base_url,
                                         const std::string& environment_id, Logger& log, Progress& progress) {
  KBULK_ASSIGN_OR_RETURN(auto client, api::ManagementClient::Create(DemoClient(base_url, environment_id, log)));
  exporter::ExportOptions options;
  options.output = path;
  return exporter::ExportEnvironment(*client, options, log, progress);
}

Result<importer::ImportSummary> ImportFrom(const std::string& path, const std::string& base_url,
                                           const std::string& environment_id, Logger& log, Progress& progress) {
  KBULK_ASSIGN_OR_RETURN(auto client, api::ManagementClient::Create(DemoClient(base_url, environment_id, log)));
  importer::ImportOptions options;
  options.archive = path;
  return importer::ImportArchive(*client, options, log, progress);
}

void Run() {
  StderrLogger log(common);
  StderrProgress progress(common);
  emulator::ServerOptions server_options;
  if (rate_limit == "real") {
    auto real = emulator::ParseRateLimit("real");
    if (real.ok()) server_options.rate_limit = *real;
  }
  emulator::Server server(server_options);
  if (Status s = server.Bind(); !s.ok()) Fail(log, "emulator", s);
  if (Status s = emulator::PopulateEnvironments(server, "sample", 2); !s.ok()) Fail(log, "emulator", s);
  if (Status s = server.Run(); !s.ok()) Fail(log, "emulator", s);
  const auto environments = server.store().All();
  if (environments.size() < 2) Fail(log, "emulator", Internal("two environments expected"));
  const std::string environment_id = environments[0]->id;
  const std::string target_id = environments[1]->id;
  log.Info("1/5 emulator: the sample environment and an empty one at " + server.base_url() + "/v2 (" + rate_limit +
           " rate limits)");

  std::error_code ec;
  std::filesystem::create_directories(output_dir, ec);
  const std::string first = output_dir + "/sample.tar.zst";
  const std::string second = output_dir + "/imported.tar.zst";
  auto exported = ExportTo(first, server.base_url(), environment_id, log, progress);
  if (!exported.ok()) Fail(log, "export", exported.status());
  std::string counts;
  for (const auto& [kind, n] : exported->counts) counts += " " + kind + "=" + std::to_string(n);
  log.Info("2/5 export: " + first + ":" + counts + "; " + std::to_string(exported->requests.api_requests) +
           " API requests, " + std::to_string(exported->requests.rate_limited) + " rate limited, " +
           FormatDuration(static_cast<double>(exported->duration.count()) / 1000.0));

  formats::VerifyOptions verify_options;
  formats::VerifyReport report = content::VerifyArchive(first, verify_options);
  if (!report.intact()) Fail(log, "verify", report.integrity);
  log.Info("3/5 verify: intact, " + std::to_string(report.summary.index.entries.size()) + " entries checked, " +
           std::to_string(report.dangling_count) + " dangling references");

  auto imported = ImportFrom(first, server.base_url(), target_id, log, progress);
  if (!imported.ok()) Fail(log, "import", imported.status());
  std::uint64_t writes = 0;
  for (const auto& [kind, n] : imported->report->writes()) writes += n;
  log.Info("4/5 import: into the empty environment, " + std::to_string(writes) + " writes, " +
           std::to_string(imported->requests.api_requests) + " API requests (plan: " +
           std::to_string(imported->estimated_requests) + "), " + std::to_string(imported->report->failure_count()) +
           " failures, " + FormatDuration(static_cast<double>(imported->duration.count()) / 1000.0));

  auto again = ExportTo(second, server.base_url(), target_id, log, progress);
  if (!again.ok()) Fail(log, "export", again.status());
  auto diff = diff::DiffArchives(first, second, {});
  if (!diff.ok()) Fail(log, "diff", diff.status());
  log.Info("5/5 diff: the imported environment's export is " +
           std::string(diff->identical() ? "identical" : "DIFFERENT") + " to the source's (" +
           std::to_string(diff->objects_a) + " objects compared)");
  for (const auto& key : diff->different) log.Warning("different: " + key);
  for (const auto& key : diff->only_in_a) log.Warning("only in the source: " + key);
  for (const auto& key : diff->only_in_b) log.Warning("only in the copy: " + key);
  log.Info("try: kbulk inspect " + first + "; kbulk diff " + first + " " + second);
  server.Stop();
  if (common.json) std::cout << exported->ToJson() << "\n";
  bool clean = diff->identical() && report.dangling_count == 0 && !imported->partial();
  Exit(clean ? kExitOk : kExitNegative);
}

void Setup(CLI::App& app) {
  AddCommonOptions(app, common);
  app.add_option("--output-dir", output_dir, "Where the demo writes its archives (default ./kbulk-demo)");
  app.add_option("--rate-limit", rate_limit, "real (the service's 10/s and 400/min) or off")
      ->check(CLI::IsMember({"real", "off"}));
  app.callback(Run);
}

const Registration registration({"demo", "Run the whole job on a local emulator: export, verify, import, export, diff",
                                 900, Setup});

}  // namespace
}  // namespace kbulk::cli
