// RatePacer: keeps requests to one environment under the API's rate windows (10/s and 400/min by default)
// by remembering when recent requests left and saying when the next one may. Sliding windows, not
// buckets: at no moment do more than `limit` requests fall within any span of a window's length.
//
// Priority: a job is often bounded by one serial pagination chain (the variants of the one type that
// holds them all: a thousand pages one after another). Its requests are `kCritical`: they see only the
// windows. `kNormal` requests also leave room for the critical stream: while critical requests were
// granted within the last `horizon`, a normal one is granted only when every window could still take the
// critical stream, at its recent rate, until the departures the window holds now have left it. Without
// that, normal requests fill a window in a burst and the critical chain waits for the window to slide.
// At most `max_reserved_share` of a window is held back, so normal requests are never starved, and room
// is kept only while a critical request is open (queued or on the wire, as the transport reports) or
// was within the last `grace`: a chain that has ended leaves nothing to wait for.
//
// Time is always passed in (`now`): the pacer never reads a clock except in Acquire().
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

enum class RequestPriority { kNormal, kCritical };

struct ReserveOptions {
  std::chrono::nanoseconds horizon = std::chrono::seconds(10);  // the critical rate is measured over this span
  std::chrono::nanoseconds min_span = std::chrono::seconds(1);  // a young stream's rate: grants / at least this
  double max_reserved_share = 0.75;                             // of each window's limit
  std::chrono::nanoseconds grace = std::chrono::seconds(1);     // after the last critical request closed
};

class RatePacer {
 public:
  using Clock = std::chrono::steady_clock;

  // No windows = unlimited.
  explicit RatePacer(std::vector<RateWindow> windows, ReserveOptions reserve = {});
  // The two windows of `options` (each lengthened by its margin); unlimited when disabled.
  static std::shared_ptr<RatePacer> FromOptions(const PacingOptions& options);

  // When every window has room at `now` (and, for a normal request, the critical stream's room is kept),
  // records a request at `now` and returns nullopt; otherwise records nothing and returns the earliest
  // time at which one would be allowed if nothing else were granted before.
  std::optional<Clock::time_point> TryAcquire(Clock::time_point now,
                                              RequestPriority priority = RequestPriority::kNormal);
  // Blocks the calling thread until a request is allowed and records it; returns the time waited.
  Clock::duration Acquire(RequestPriority priority = RequestPriority::kNormal);

  // A critical request was queued / has completed or been abandoned (the transport calls these).
  void CriticalOpened();
  void CriticalClosed(Clock::time_point now);

  // No request is allowed before `until` (the server said so with a 429's Retry-After).
  void BlockUntil(Clock::time_point until);

  // Time requests spent waiting for this pacer, as reported by callers through AddWait.
  void AddWait(Clock::duration waited);
  Clock::duration total_wait() const;

  // The critical stream's rate (requests per second) as the pacer estimates it at `now`; 0 = none.
  double CriticalRate(Clock::time_point now) const;

  const std::vector<RateWindow>& windows() const { return windows_; }

 private:
  double CriticalRateLocked(Clock::time_point now) const;
  // The earliest time a normal request leaves the critical stream its room; `now` when it does already.
  Clock::time_point RoomForCritical(Clock::time_point now) const;

  const std::vector<RateWindow> windows_;
  const ReserveOptions reserve_;
  std::chrono::nanoseconds longest_{0};
  mutable std::mutex mutex_;
  std::deque<Clock::time_point> sent_;      // ascending; only the last `longest_` span is kept
  std::deque<Clock::time_point> critical_;  // critical departures within the last `reserve_.horizon`
  Clock::time_point critical_since_{};      // the first grant of the current critical stream
  std::int64_t critical_open_ = 0;          // critical requests queued or on the wire
  Clock::time_point critical_closed_{};     // when the last one closed
  Clock::time_point blocked_until_{};
  Clock::duration total_wait_{0};
};

}  // namespace kbulk::api
