// The emulator's HTTP server: the Management API v2 routes under /v2/projects/{environment_id}/...,
// asset binaries at /assets/<environment>/<file id>/<file name> (no auth, no rate limit, like the CDN),
// and the control surface under /_emulator/. Bearer auth, rate limits, latency and faults apply to
// /v2 requests only. Handlers run one at a time under the store lock (the service itself advises
// against parallel writes); waiting (latency, slow faults) happens outside the lock.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/status.h"
#include "emulator/environment.h"
#include "emulator/fault_injector.h"
#include "emulator/rate_limiter.h"
#include "emulator/request_stats.h"

namespace kbulk::emulator {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = pick a free port
  std::string api_key = "kbulk-emulator-key";
  std::string project_name = "kbulk emulator";
  RateLimit rate_limit;      // off by default
  RateLimiter::Clock clock;  // for tests; steady_clock when empty
  FaultSpec faults;
  int latency_ms = 0;
  std::size_t page_size = 100;  // objects per list page (the service's page size)
  // cpp-httplib keeps one thread per open keep-alive connection: one client alone holds 4 API + 8 download
  // connections between requests, and a connection beyond the pool waits for an idle one to time out (1 s).
  int threads = 32;
  // Request bodies above this are refused (413) before they are read; so are bodies sent to /v2 with a
  // wrong key (401) and bodies of unknown length (411).
  std::size_t max_body_bytes = std::size_t{110} << 20;
  std::uint64_t id_seed = 1;  // makes environment and object ids reproducible
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket (the port is known afterwards). Seed the store between Bind and Run.
  Status Bind();
  // Serves on a background thread until Stop().
  Status Run();
  void Stop();

  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:PORT" (no /v2)
  const ServerOptions& options() const { return options_; }
  // REQUIRES: not running, or the caller knows no request is in flight (seeding before Run).
  Store& store() { return store_; }
  RequestStats& stats() { return stats_; }

 private:
  struct Impl;
  ServerOptions options_;
  Store store_;
  RequestStats stats_;
  int port_ = 0;
  std::unique_ptr<Impl> impl_;
};

// {"base_url","api_key","environments":[{id,name}]}: how a client reaches this server.
std::string ReadyJson(Server& server);
// Writes ReadyJson to `path` atomically (temp file + rename).
Status WriteReadyFile(const std::string& path, Server& server);

}  // namespace kbulk::emulator
