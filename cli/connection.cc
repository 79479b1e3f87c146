// Connection flags and environment variables -> api::ClientOptions.
#include "cli/connection.h"

#include "core/rate_spec.h"
#include "core/uuid.h"

#include <CLI/CLI.hpp>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kbulk::cli {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t start = s.find_first_not_of(" \t\r\n");
  return start == std::string::npos ? std::string() : s.substr(start);
}

// A warning when the key file's group or others have any access to it (the key is a password).
void WarnIfShared(const std::string& path, Logger* logger) {
  struct stat info {};
  if (logger == nullptr || ::stat(path.c_str(), &info) != 0) return;
  const unsigned mode = info.st_mode & 0777u;
  if ((mode & 077u) == 0) return;
  char octal[8];
  std::snprintf(octal, sizeof octal, "%04o", mode);
  logger->Warning("the API key file " + path + " is accessible by its group or others (mode " + octal +
                  "); restrict it with: chmod 600 " + path);
}

}  // namespace

void DisableCoreDumps() {
  const rlimit none{0, 0};
  ::setrlimit(RLIMIT_CORE, &none);
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void AddConnectionOptions(CLI::App& app, ConnectionOptions& options) {
  app.add_option("--environment-id", options.environment_id,
                 "Environment to work on (default: $KONTENT_ENVIRONMENT_ID)");
  app.add_option("--api-key-file", options.api_key_file,
                 "File holding the Management API key (default: $KONTENT_API_KEY; there is no --api-key flag)");
  app.add_option("--base-url", options.base_url,
                 "Management API base URL (default: $KONTENT_MANAGEMENT_URL or https://manage.kontent.ai/v2)");
  app.add_option("--ca-file", options.ca_file,
                 "Extra CA certificates (PEM) for a private CA, trusted in addition to the system's");
  app.add_flag("--insecure", options.insecure,
               "Skip TLS verification of the API host (loopback hosts only; never for asset downloads)");
  app.add_option("--rate-limit", options.rate_limit,
                 "Client pacing: '10/s,400/min' (default), other numbers, or 'off'");
  app.add_option("--max-in-flight", options.max_in_flight, "Concurrent API requests (default 4)")
      ->check(CLI::Range(1, 64));
  app.add_option("--retries", options.retries,
                 "Retries of a request that failed on the network, 429 or 5xx, with growing pauses (default 7)")
      ->check(CLI::Range(0, 20));
}

Result<api::PacingOptions> ParsePacing(std::string_view spec) {
  KBULK_ASSIGN_OR_RETURN(RateSpec rate, ParseRateSpec(spec));
  api::PacingOptions pacing;
  pacing.enabled = rate.enabled();
  pacing.per_second = rate.per_second;  // a window left out (0) is not limited by the client
  pacing.per_minute = rate.per_minute;
  return pacing;
}

Result<api::ClientOptions> BuildClientOptions(const ConnectionOptions& options, Logger* logger) {
  api::ClientOptions client;
  client.environment_id = options.environment_id.empty() ? Env("KONTENT_ENVIRONMENT_ID") : options.environment_id;
  if (client.environment_id.empty()) {
    return InvalidArgument(
        "no environment id: pass --environment-id or set KONTENT_ENVIRONMENT_ID (Kontent.ai shows it under "
        "Environment settings > General)");
  }
  if (!Uuid::IsValid(client.environment_id)) {
    std::string shown = client.environment_id.substr(0, 64);
    for (char& c : shown) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    return InvalidArgument("the environment id '" + shown +
                           "' is not a UUID: pass the environment's id as Kontent.ai shows it under Environment "
                           "settings > General (e.g. 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d), not its name");
  }
  if (!options.api_key_file.empty()) {
    std::ifstream in(options.api_key_file);
    if (!in) return InvalidArgument("cannot read the API key file " + options.api_key_file);
    WarnIfShared(options.api_key_file, logger);
    std::stringstream s;
    s << in.rdbuf();
    client.api_key = Trim(s.str());
  } else {
    client.api_key = Trim(Env("KONTENT_API_KEY"));
  }
  if (client.api_key.empty()) {
    return InvalidArgument(
        "no API key: set KONTENT_API_KEY or pass --api-key-file FILE (a Management API key; Kontent.ai: Project "
        "settings > API keys)");
  }
  DisableCoreDumps();
  client.base_url = options.base_url.empty() ? Env("KONTENT_MANAGEMENT_URL") : options.base_url;
  if (client.base_url.empty()) client.base_url = api::kDefaultBaseUrl;
  while (!client.base_url.empty() && client.base_url.back() == '/') client.base_url.pop_back();
  client.ca_file = options.ca_file;
  client.insecure_loopback = options.insecure;
  KBULK_ASSIGN_OR_RETURN(client.pacing, ParsePacing(options.rate_limit));
  client.max_in_flight = options.max_in_flight;
  client.retry.max_attempts = options.retries + 1;
  client.logger = logger;
  return client;
}

}  // namespace kbulk::cli
