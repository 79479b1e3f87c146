// RatePacer: keeps requests to one environment under the API's rate windows (10/s and 400/min by default)
// by remembering when recent requests left and saying when the next one may. Sliding windows, not
// buckets: at no moment do more than `limit` requests fall within any span of a window's length.
//
// Thread-safe. One pacer is shared by every request (and every client) to one environment.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "api/client_options.h"

namespace kbulk::api {

struct RateWindow {
  std::uint32_t limit = 0;  // requests allowed within any span of `length`
  std::chrono::nanoseconds length{0};
};

class RatePacer {
 public:
  using Clock = std::chrono::steady_clock;

  // No windows = unlimited.
  explicit RatePacer(std::vector<RateWindow> windows);
  // The two windows of `options` (each lengthened by its margin); unlimited when disabled.
  static std::shared_ptr<RatePacer> FromOptions(const PacingOptions& options);

  // When every window has room at `now`, records a request at `now` and returns nullopt; otherwise
  // records nothing and returns the earliest time at which one would be allowed.
  std::optional<Clock::time_point> TryAcquire(Clock::time_point now);
  // Blocks the calling thread until a request is allowed and records it; returns the time waited.
  Clock::duration Acquire();

  // No request is allowed before `until` (the server said so with a 429's Retry-After).
  void BlockUntil(Clock::time_point until);

  // Time requests spent waiting for this pacer, as reported by callers through AddWait.
  void AddWait(Clock::duration waited);
  Clock::duration total_wait() const;

  const std::vector<RateWindow>& windows() const { return windows_; }

 private:
  const std::vector<RateWindow> windows_;
  std::chrono::nanoseconds longest_{0};
  mutable std::mutex mutex_;
  std::deque<Clock::time_point> sent_;  // ascending; only the last `longest_` span is kept
  Clock::time_point blocked_until_{};
  Clock::duration total_wait_{0};
};

}  // namespace kbulk::api
