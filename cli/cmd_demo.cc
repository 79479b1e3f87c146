// `kbulk demo`: the embedded default job, end to end on a local emulator: start it with the sample
// environment, export it at the service's real rate limits, verify the archive offline, restore it into a
// new environment (`kbulk import --new-environment`: a clone of the sample without content, then the
// import), export that and diff the two archives.
#include <CLI/CLI.hpp>

#include <pthread.h>

#include <chrono>
#include <csignal>
#include <cstdio>
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
#include "importer/environment_swap.h"
#include "importer/importer.h"

namespace kbulk::cli {
namespace {

struct DemoCommand {
  CommonOptions common;
  std::string output_dir = "kbulk-demo";
  std::string rate_limit = "real";
  bool keep_running = false;
};

constexpr const char* kRestoredName = "Restored by kbulk demo";

std::string Kib(std::uintmax_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  return buf;
}

std::string Seconds(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", seconds);
  return buf;
}

// What the demo did, on standard output: the result a newcomer reads, then how to look inside the archive.
void PrintSummary(const std::string& archive, const std::string& restored_id, const exporter::ExportSummary& exported,
                  const importer::ImportSummary& imported, std::uint64_t writes, const diff::DiffReport& diff,
                  double seconds) {
  std::error_code ec;
  auto bytes = std::filesystem::file_size(archive, ec);
  std::string counts;
  for (const auto& [kind, n] : exported.counts) counts += (counts.empty() ? "" : " ") + kind + "=" + std::to_string(n);
  std::cout << "kbulk demo: " << (diff.identical() ? "the restored environment equals the source" : "DIFFERENCES found")
            << ", " << Seconds(seconds) << " in all\n"
            << "  exported  " << counts << "\n"
            << "            " << exported.requests.api_requests << " API requests, "
            << Seconds(static_cast<double>(exported.duration.count()) / 1000.0) << "\n"
            << "  archive   " << archive << " (" << Kib(ec ? 0 : bytes) << ")\n"
            << "  restored  into the new environment '" << kRestoredName << "' (" << restored_id << "): " << writes
            << " writes, " << imported.requests.api_requests << " API requests, " << imported.report->failure_count()
            << " failures\n"
            << "  compared  " << diff.objects_a
            << " objects: " << (diff.identical() ? "identical" : std::to_string(diff.different.size()) + " different")
            << "\n"
            << "Look inside:\n"
            << "  tar --zstd -tvf " << archive << "\n"
            << "  tar --zstd -xOf " << archive << " content/items.ndjson | jq -c '{codename, name}'\n"
            << "  kbulk inspect " << archive << "\n";
}

// --keep-running: the emulator stays up until Ctrl-C, with the commands that reach it.
void WaitForInterrupt(const emulator::Server& server, const std::string& environment_id, const std::string& api_key) {
  std::cout << "The emulator keeps running at " << server.base_url() << "/v2 (Ctrl-C stops it). Point kbulk at it:\n"
            << "  export KONTENT_API_KEY=" << api_key << "\n"
            << "  kbulk export --base-url " << server.base_url() << "/v2 --environment-id " << environment_id
            << " -o mine.tar.zst\n"
            << std::flush;
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  int received = 0;
  sigwait(&signals, &received);
}

int Fail(Logger& log, const std::string& step, const Status& status) {
  log.Error("demo: " + step + ": " + status.ToString());
  return kExitFatal;
}

api::ClientOptions DemoClient(const DemoCommand& c, const std::string& base_url, const std::string& environment_id,
                              Logger& log) {
  // The limits are per environment: the import and the export after it share one pacer for the target, or
  // the export would start with a fresh window while the server still counts the import's last second.
  static std::map<std::string, std::shared_ptr<api::RatePacer>> pacers;
  api::ClientOptions client_options;
  client_options.base_url = base_url + "/v2";
  client_options.environment_id = environment_id;
  client_options.api_key = emulator::ServerOptions{}.api_key;
  client_options.pacing.enabled = c.rate_limit != "off";
  client_options.logger = &log;
  auto& pacer = pacers[environment_id];
  if (!pacer) pacer = api::RatePacer::FromOptions(client_options.pacing);
  client_options.pacer = pacer;
  return client_options;
}

Result<exporter::ExportSummary> ExportTo(const DemoCommand& c, const std::string& path, const std::string& base_url,
                                         const std::string& environment_id, Logger& log, Progress& progress) {
  KBULK_ASSIGN_OR_RETURN(auto client, api::ManagementClient::Create(DemoClient(c, base_url, environment_id, log)));
  exporter::ExportOptions options;
  options.output = path;
  return exporter::ExportEnvironment(*client, options, log, progress);
}

Result<importer::ImportSummary> ImportFrom(const DemoCommand& c, const std::string& path, const std::string& base_url,
                                           const std::string& environment_id, Logger& log, Progress& progress) {
  KBULK_ASSIGN_OR_RETURN(auto client, api::ManagementClient::Create(DemoClient(c, base_url, environment_id, log)));
  importer::ImportOptions options;
  options.archive = path;
  return importer::ImportArchive(*client, options, log, progress);
}

int Run(const DemoCommand& c) {
  auto started = std::chrono::steady_clock::now();
  if (c.keep_running) {
    // Blocked before the server's threads start, so they inherit the mask and sigwait() receives Ctrl-C.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  }
  StderrLogger log(c.common);
  StderrProgress progress(c.common);
  emulator::ServerOptions server_options;
  if (c.rate_limit == "real") {
    auto real = emulator::ParseRateLimit("real");
    if (real.ok()) server_options.rate_limit = *real;
  }
  emulator::Server server(server_options);
  if (Status s = server.Bind(); !s.ok()) return Fail(log, "emulator", s);
  if (Status s = emulator::PopulateEnvironments(server, "sample", 1); !s.ok()) return Fail(log, "emulator", s);
  if (Status s = server.Run(); !s.ok()) return Fail(log, "emulator", s);
  const auto environments = server.store().All();
  if (environments.empty()) return Fail(log, "emulator", Internal("the sample environment is missing"));
  const std::string environment_id = environments[0]->id;
  log.Info("1/5 emulator: the sample environment at " + server.base_url() + "/v2 (" + c.rate_limit + " rate limits)");

  std::error_code ec;
  std::filesystem::create_directories(c.output_dir, ec);
  const std::string first = c.output_dir + "/sample.tar.zst";
  const std::string second = c.output_dir + "/imported.tar.zst";
  auto exported = ExportTo(c, first, server.base_url(), environment_id, log, progress);
  if (!exported.ok()) return Fail(log, "export", exported.status());
  std::string counts;
  for (const auto& [kind, n] : exported->counts) counts += " " + kind + "=" + std::to_string(n);
  log.Info("2/5 export: " + first + ":" + counts + "; " + std::to_string(exported->requests.api_requests) +
           " API requests, " + std::to_string(exported->requests.rate_limited) + " rate limited, " +
           FormatDuration(static_cast<double>(exported->duration.count()) / 1000.0));

  formats::VerifyOptions verify_options;
  formats::VerifyReport report = content::VerifyArchive(first, verify_options);
  if (!report.intact()) return Fail(log, "verify", report.integrity);
  log.Info("3/5 verify: intact, " + std::to_string(report.summary.index.entries.size()) + " entries checked, " +
           std::to_string(report.dangling_count) + " dangling references");

  // What `kbulk import --new-environment` does: clone the environment without content, wait, import there.
  auto source = api::ManagementClient::Create(DemoClient(c, server.base_url(), environment_id, log));
  if (!source.ok()) return Fail(log, "clone", source.status());
  auto cloned = importer::StartClone(**source, {kRestoredName, false});
  if (!cloned.ok()) return Fail(log, "clone", cloned.status());
  const std::string target_id = *cloned;
  {
    auto clone = api::ManagementClient::Create(DemoClient(c, server.base_url(), target_id, log));
    if (!clone.ok()) return Fail(log, "clone", clone.status());
    if (Status s = importer::WaitForClone(**clone, {}, log, progress); !s.ok()) return Fail(log, "clone", s);
  }
  auto imported = ImportFrom(c, first, server.base_url(), target_id, log, progress);
  if (!imported.ok()) return Fail(log, "import", imported.status());
  std::uint64_t writes = 0;
  for (const auto& [kind, n] : imported->report->writes()) writes += n;
  log.Info("4/5 import: into the new " + importer::DescribeClone(kRestoredName, target_id) +
           " (cloned without content), " + std::to_string(writes) + " writes, " +
           std::to_string(imported->requests.api_requests) + " API requests (plan: " +
           std::to_string(imported->estimated_requests) + "), " + std::to_string(imported->report->failure_count()) +
           " failures, " + FormatDuration(static_cast<double>(imported->duration.count()) / 1000.0));

  auto again = ExportTo(c, second, server.base_url(), target_id, log, progress);
  if (!again.ok()) return Fail(log, "export", again.status());
  auto diff = diff::DiffArchives(first, second, {});
  if (!diff.ok()) return Fail(log, "diff", diff.status());
  log.Info("5/5 diff: the imported environment's export is " +
           std::string(diff->identical() ? "identical" : "DIFFERENT") + " to the source's (" +
           std::to_string(diff->objects_a) + " objects compared)");
  for (const auto& key : diff->different) log.Warning("different: " + key);
  for (const auto& key : diff->only_in_a) log.Warning("only in the source: " + key);
  for (const auto& key : diff->only_in_b) log.Warning("only in the copy: " + key);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (c.common.json) {
    std::cout << exported->ToJson() << "\n";
  } else {
    PrintSummary(first, target_id, *exported, *imported, writes, *diff, seconds);
  }
  if (c.keep_running) WaitForInterrupt(server, environment_id, server_options.api_key);
  server.Stop();
  bool clean = diff->identical() && report.dangling_count == 0 && !imported->partial();
  return clean ? kExitOk : kExitNegative;
}

void Setup(CLI::App& app) {
  auto command = std::make_shared<DemoCommand>();
  AddCommonOptions(app, command->common);
  app.add_option("--output-dir", command->output_dir, "Where the demo writes its archives (default ./kbulk-demo)");
  app.add_option("--rate-limit", command->rate_limit, "real (the service's 10/s and 400/min) or off")
      ->check(CLI::IsMember({"real", "off"}));
  app.add_flag("--keep-running", command->keep_running,
               "Leave the emulator running after the demo (until Ctrl-C) and print how to point kbulk at it");
  SetRun(app, [command] { return Run(*command); });
}

const Registration registration({"demo",
                                 "Run the whole job on a local emulator: export, verify, restore into a new "
                                 "environment, export, diff",
                                 900, Setup});

}  // namespace
}  // namespace kbulk::cli
