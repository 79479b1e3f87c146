// `kbulk emulator`: runs the local Management API v2 server until SIGINT/SIGTERM. Writes the ready file
// (base URL, API key, environments) atomically once it accepts connections.
#include <CLI/CLI.hpp>

#include <pthread.h>
#include <csignal>
#include <iostream>
#include <memory>

#include "api/url_host.h"
#include "cli/command.h"
#include "cli/exit_codes.h"
#include "emulator/populate.h"
#include "emulator/server.h"

namespace kbulk::cli {
namespace {

struct EmulatorFlags {
  CommonOptions common;
  std::string listen = "127.0.0.1:0";
  std::string seed = "sample";
  int environments = 1;
  std::string api_key = "kbulk-emulator-key";
  std::string rate_limit = "real";
  int latency_ms = 0;
  std::string faults;
  std::string ready_file;
  std::size_t page_size = 100;
};

int Fail(const std::string& message, int code) {
  std::cerr << "kbulk emulator: " << message << "\n";
  return code;
}

int RunEmulator(const EmulatorFlags& flags) {
  emulator::ServerOptions options;
  std::size_t colon = flags.listen.rfind(':');
  if (colon == std::string::npos) return Fail("--listen must be HOST:PORT", kExitUsage);
  options.host = flags.listen.substr(0, colon);
  try {
    options.port = std::stoi(flags.listen.substr(colon + 1));
  } catch (const std::exception&) {
    return Fail("--listen: the port must be a number", kExitUsage);
  }
  options.api_key = flags.api_key;
  std::string bare_host = options.host;
  if (bare_host.size() >= 2 && bare_host.front() == '[' && bare_host.back() == ']')
    bare_host = bare_host.substr(1, bare_host.size() - 2);
  if (!api::IsLoopbackHost(bare_host) && options.api_key == emulator::ServerOptions().api_key) {
    std::cerr << "kbulk emulator: warning: listening on " << options.host
              << ", beyond this machine, with the default API key that everyone knows: anyone who can reach "
                 "this address can read and change every environment. Pass --api-key with a secret of your own.\n";
  }
  options.latency_ms = flags.latency_ms;
  options.page_size = flags.page_size;
  auto rate = emulator::ParseRateLimit(flags.rate_limit);
  if (!rate.ok()) return Fail(rate.status().message(), kExitUsage);
  options.rate_limit = *rate;
  auto faults = emulator::ParseFaultSpec(flags.faults);
  if (!faults.ok()) return Fail(faults.status().message(), kExitUsage);
  options.faults = *faults;

  // Signals are taken synchronously by this thread; every server thread inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  emulator::Server server(options);
  if (Status s = server.Bind(); !s.ok()) return Fail(s.message(), kExitFatal);
  if (Status s = emulator::PopulateEnvironments(server, flags.seed, flags.environments); !s.ok())
    return Fail(s.message(), s.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFatal);
  if (Status s = server.Run(); !s.ok()) return Fail(s.message(), kExitFatal);
  if (!flags.ready_file.empty()) {
    if (Status s = emulator::WriteReadyFile(flags.ready_file, server); !s.ok()) return Fail(s.message(), kExitFatal);
  }
  if (flags.common.json) std::cout << emulator::ReadyJson(server) << std::endl;
  if (!flags.common.quiet) {
    std::cerr << "kbulk emulator: listening on " << server.base_url() << "/v2 (API key " << options.api_key << ")\n";
    for (const auto* env : server.store().All()) std::cerr << "  environment " << env->id << "  " << env->name << "\n";
  }
  int received = 0;
  sigwait(&signals, &received);
  server.Stop();
  if (!flags.common.quiet) std::cerr << "kbulk emulator: stopped\n";
  return kExitOk;
}

void Setup(CLI::App& app) {
  auto owned = std::make_shared<EmulatorFlags>();
  EmulatorFlags& flags = *owned;
  AddCommonOptions(app, flags.common);
  app.add_option("--listen", flags.listen, "HOST:PORT to listen on; port 0 picks a free port")->capture_default_str();
  app.add_option("--seed", flags.seed, "empty | sample | synthetic:items=N,languages=L,assets=A,asset_kb=K,seed=S")
      ->capture_default_str();
  app.add_option("--environments", flags.environments, "Environments to serve (the seed fills the first)")
      ->capture_default_str();
  app.add_option("--api-key", flags.api_key, "The bearer key clients must send")->capture_default_str();
  app.add_option("--rate-limit", flags.rate_limit, "real (10/s and 400/min per environment) | off | <n>/s,<m>/min")
      ->capture_default_str();
  app.add_option("--latency-ms", flags.latency_ms, "Added latency per API request");
  app.add_option("--faults", flags.faults,
                 "Fault rates, e.g. 429=0.05,500=0.02,503=0.02,reset=0.01,truncate=0.01,slow=0.01,seed=7");
  app.add_option("--ready-file", flags.ready_file, "Write {base_url, api_key, environments} here when ready");
  app.add_option("--page-size", flags.page_size, "Objects per list page")->capture_default_str();
  SetRun(app, [owned] { return RunEmulator(*owned); });
}

const Registration registration({"emulator", "Run a local Management API v2 server (for tests and rehearsals)", 800,
                                 Setup});

}  // namespace
}  // namespace kbulk::cli
