// Per-environment request limits over a one-second and a one-minute sliding window, as the service
// enforces them ("real" = 10/s and 400/min). A rejected request does not count; the caller answers 429
// with the returned Retry-After. Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kbulk::emulator {

struct RateLimit {
  int per_second = 0;  // 0 = no limit on this window
  int per_minute = 0;
  bool enabled() const { return per_second > 0 || per_minute > 0; }
};

// "real" | "off" | "<n>/s" | "<m>/min" | "<n>/s,<m>/min" (core/rate_spec.h); empty = off.
Result<RateLimit> ParseRateLimit(std::string_view spec);

class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  explicit RateLimiter(RateLimit limit, Clock clock = nullptr);

  // nullopt when the request may proceed (and is counted); else the seconds to wait (>= 1).
  std::optional<int> Admit(std::string_view environment_id);

 private:
  RateLimit limit_;
  Clock clock_;
  std::mutex mu_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>, std::less<>> windows_;
};

}  // namespace kbulk::emulator
