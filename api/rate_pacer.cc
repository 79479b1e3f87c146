// Sliding-window pacing: a request may leave at `now` when, for every window, fewer than `limit` of the
// recorded departures lie within (now - length, now].
#include "api/rate_pacer.h"

#include <algorithm>
#include <thread>

namespace kbulk::api {

RatePacer::RatePacer(std::vector<RateWindow> windows) : windows_(std::move(windows)) {
  for (const RateWindow& w : windows_) longest_ = std::max(longest_, w.length);
}

std::shared_ptr<RatePacer> RatePacer::FromOptions(const PacingOptions& options) {
  std::vector<RateWindow> windows;
  if (options.enabled) {
    const std::chrono::nanoseconds margin = std::max(std::chrono::milliseconds(0), options.margin);
    if (options.per_second > 0) windows.push_back({options.per_second, options.second_window + margin});
    if (options.per_minute > 0) windows.push_back({options.per_minute, options.minute_window + margin});
  }
  return std::make_shared<RatePacer>(std::move(windows));
}

std::optional<RatePacer::Clock::time_point> RatePacer::TryAcquire(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  // Departures are recorded in order even when callers' clocks were read a moment apart.
  if (!sent_.empty()) now = std::max(now, sent_.back());
  Clock::time_point earliest = blocked_until_;
  for (const RateWindow& w : windows_) {
    if (w.limit == 0 || sent_.size() < w.limit) continue;
    // The `limit`-th most recent departure must have left the window.
    const Clock::time_point oldest_counted = sent_[sent_.size() - w.limit];
    earliest = std::max(earliest, oldest_counted + w.length);
  }
  if (earliest > now) return earliest;
  if (windows_.empty()) return std::nullopt;
  sent_.push_back(now);
  while (!sent_.empty() && sent_.front() + longest_ <= now) sent_.pop_front();
  return std::nullopt;
}

RatePacer::Clock::duration RatePacer::Acquire() {
  const Clock::time_point start = Clock::now();
  while (auto next = TryAcquire(Clock::now())) std::this_thread::sleep_until(*next);
  const Clock::duration waited = Clock::now() - start;
  AddWait(waited);
  return waited;
}

void RatePacer::BlockUntil(Clock::time_point until) {
  std::lock_guard lock(mutex_);
  blocked_until_ = std::max(blocked_until_, until);
}

void RatePacer::AddWait(Clock::duration waited) {
  std::lock_guard lock(mutex_);
  total_wait_ += waited;
}

RatePacer::Clock::duration RatePacer::total_wait() const {
  std::lock_guard lock(mutex_);
  return total_wait_;
}

}  // namespace kbulk::api
