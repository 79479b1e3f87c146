// Connection options shared by every command that talks to the Management API: environment id, API key
// (from KONTENT_API_KEY or --api-key-file, never a flag), base URL, TLS and pacing.
#pragma once

#include <string>

#include "api/client_options.h"
#include "core/log.h"
#include "core/status.h"

namespace CLI {
class App;
}

namespace kbulk::cli {

struct ConnectionOptions {
  std::string environment_id;  // --environment-id, else KONTENT_ENVIRONMENT_ID
  std::string api_key_file;    // --api-key-file, else KONTENT_API_KEY
  std::string base_url;        // --base-url, else KONTENT_MANAGEMENT_URL, else the service
  std::string ca_file;
  bool insecure = false;
  std::string rate_limit = "10/s,400/min";
  std::uint32_t max_in_flight = 4;
  std::uint32_t retries = 7;  // attempts after the first one, per request
};

void AddConnectionOptions(CLI::App& app, ConnectionOptions& options);

// "10/s,400/min", "20/s", "300/min", "real" or "off" (core/rate_spec.h).
Result<api::PacingOptions> ParsePacing(std::string_view spec);

// Client options from the flags and the environment; a clear error when the key or the environment id is
// missing. The key is read here and kept only in the returned options. A key file that its group or
// others may access gets a warning on `logger`. Once a key is held, core dumps are disabled for the rest
// of the process (DisableCoreDumps), so a crash cannot write the key to disk.
Result<api::ClientOptions> BuildClientOptions(const ConnectionOptions& options, Logger* logger);

// RLIMIT_CORE 0 and PR_SET_DUMPABLE 0 (which also keeps other users' debuggers out of the process).
void DisableCoreDumps();

}  // namespace kbulk::cli
