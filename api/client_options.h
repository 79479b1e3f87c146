// Everything a ManagementClient needs to reach one environment. The API key lives only here and in the
// Authorization header; it is never logged, formatted into messages or written to files.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/log.h"

namespace kbulk::api {

class RatePacer;

inline constexpr const char* kDefaultBaseUrl = "https://manage.kontent.ai/v2";

struct PacingOptions {
  bool enabled = true;
  std::uint32_t per_second = 10;  // the service's limits per environment
  std::uint32_t per_minute = 400;
  // Window lengths (shorter only in tests) and a margin added to both, so that jitter between the
  // reserved send time and the server's arrival time cannot push one window over its limit.
  std::chrono::milliseconds second_window{1000};
  std::chrono::milliseconds minute_window{60'000};
  std::chrono::milliseconds margin{50};
};

struct RetryOptions {
  std::uint32_t max_attempts = 8;                      // including the first
  std::chrono::milliseconds base_delay{500};           // doubled per attempt, jittered in [d/2, d]
  std::chrono::milliseconds max_delay{30'000};         // cap of one backoff
  std::chrono::milliseconds max_retry_after{120'000};  // cap on a Retry-After we honour
};

struct ClientOptions {
  std::string base_url = kDefaultBaseUrl;  // ".../v2" without a trailing slash
  std::string environment_id;
  std::string api_key;             // secret
  std::string ca_file;             // extra CA bundle for private CAs; empty = system store
  bool insecure_loopback = false;  // skip TLS verification; refused unless the host is loopback
  PacingOptions pacing;
  RetryOptions retry;
  std::uint32_t max_in_flight = 4;  // concurrent requests (curl multi)
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{120'000};  // whole request; binaries use transfer_idle_timeout
  std::chrono::milliseconds transfer_idle_timeout{60'000};
  std::uint64_t max_binary_size = 110ull << 20;  // binaries are at most 100 MB; a margin above that
  std::string user_agent = "kbulk";
  Logger* logger = nullptr;  // not owned; nullptr = NullLogger
  // Shared by every client of one environment so they pace together; nullptr = the client makes its own
  // from `pacing`.
  std::shared_ptr<RatePacer> pacer;
  std::uint32_t max_downloads_in_flight = 8;  // binaries from asset URLs (not paced)
};

}  // namespace kbulk::api
