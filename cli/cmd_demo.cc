// `kbulk demo`: the embedded default job, end to end on a local emulator: start it with the sample
// environment, export it at the service's real rate limits, verify the archive offline, export again and
// diff the two archives. (Import joins the demo when the importer lands.)
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "api/management_client.h"
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

namespace kbulk::cli {
namespace {

CommonOptions common;
std::string output_dir = "kbulk-demo";
std::string rate_limit = "real";

[[noreturn]] void Fail(Logger& log, const std::string& step, const Status& status) {
  log.Error("demo: " + step + ": " + status.ToString());
  Exit(kExitFatal);
}

Result<exporter::ExportSummary> ExportTo(const std::string& path, const std::string& base_url,
                                         const std::string& environment_id, Logger& log, Progress& progress) {
  api::ClientOptions client_options;
  client_options.base_url = base_url + "/v2";
  client_options.environment_id = environment_id;
  client_options.api_key = emulator::ServerOptions{}.api_key;
  client_options.pacing.enabled = rate_limit != "off";
  client_options.logger = &log;
  KBULK_ASSIGN_OR_RETURN(auto client, api::ManagementClient::Create(client_options));
  exporter::ExportOptions options;
  options.output = path;
  return exporter::ExportEnvironment(*client, options, log, progress);
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
  if (Status s = emulator::PopulateEnvironments(server, "sample", 1); !s.ok()) Fail(log, "emulator", s);
  if (Status s = server.Run(); !s.ok()) Fail(log, "emulator", s);
  const std::string environment_id = server.store().All().front()->id;
  log.Info("1/4 emulator: the sample environment at " + server.base_url() + "/v2 (" + rate_limit + " rate limits)");

  std::error_code ec;
  std::filesystem::create_directories(output_dir, ec);
  const std::string first = output_dir + "/sample.tar.zst";
  const std::string second = output_dir + "/sample-again.tar.zst";
  auto exported = ExportTo(first, server.base_url(), environment_id, log, progress);
  if (!exported.ok()) Fail(log, "export", exported.status());
  std::string counts;
  for (const auto& [kind, n] : exported->counts) counts += " " + kind + "=" + std::to_string(n);
  log.Info("2/4 export: " + first + ":" + counts + "; " + std::to_string(exported->requests.api_requests) +
           " API requests, " + std::to_string(exported->requests.rate_limited) + " rate limited, " +
           FormatDuration(static_cast<double>(exported->duration.count()) / 1000.0));

  formats::VerifyOptions verify_options;
  formats::VerifyReport report = content::VerifyArchive(first, verify_options);
  if (!report.intact()) Fail(log, "verify", report.integrity);
  log.Info("3/4 verify: intact, " + std::to_string(report.summary.index.entries.size()) + " entries checked, " +
           std::to_string(report.dangling_count) + " dangling references");

  auto again = ExportTo(second, server.base_url(), environment_id, log, progress);
  if (!again.ok()) Fail(log, "export", again.status());
  auto diff = diff::DiffArchives(first, second, {});
  if (!diff.ok()) Fail(log, "diff", diff.status());
  log.Info("4/4 diff: a second export is " + std::string(diff->identical() ? "identical" : "DIFFERENT") + " (" +
           std::to_string(diff->objects_a) + " objects compared)");
  log.Info("import joins the demo when the importer lands; try: kbulk inspect " + first);
  server.Stop();
  if (common.json) std::cout << exported->ToJson() << "\n";
  Exit(diff->identical() && report.dangling_count == 0 ? kExitOk : kExitNegative);
}

void Setup(CLI::App& app) {
  AddCommonOptions(app, common);
  app.add_option("--output-dir", output_dir, "Where the demo writes its archives (default ./kbulk-demo)");
  app.add_option("--rate-limit", rate_limit, "real (the service's 10/s and 400/min) or off")
      ->check(CLI::IsMember({"real", "off"}));
  app.callback(Run);
}

const Registration registration({"demo", "Run the whole job on a local emulator: export, verify, diff", 900, Setup});

}  // namespace
}  // namespace kbulk::cli
