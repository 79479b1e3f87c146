// Sliding-window pacing: a request may leave at `now` when, for every window, fewer than `limit` of the
// recorded departures lie within (now - length, now]. A normal request additionally keeps the critical
// stream's room: for each departure d the window holds, at the moment d is about to leave the window
// (d + length) the window will still hold the c departures from d on, this request, and the critical
// requests expected by then (rate x time, capped at the reserved share); that must stay within the limit.
#include "api/rate_pacer.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace kbulk::api {
namespace {

double Seconds(std::chrono::nanoseconds d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

RatePacer::RatePacer(std::vector<RateWindow> windows, ReserveOptions reserve)
    : windows_(std::move(windows)), reserve_(reserve) {
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

double RatePacer::CriticalRateLocked(Clock::time_point now) const {
  auto first = std::upper_bound(critical_.begin(), critical_.end(), now - reserve_.horizon);
  const auto n = critical_.end() - first;
  if (n <= 0) return 0;
  std::chrono::nanoseconds span = std::min<std::chrono::nanoseconds>(reserve_.horizon, now - critical_since_);
  span = std::max(span, reserve_.min_span);
  return static_cast<double>(n) / Seconds(span);
}

double RatePacer::CriticalRate(Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  return CriticalRateLocked(now);
}

void RatePacer::CriticalOpened() {
  std::lock_guard lock(mutex_);
  ++critical_open_;
}

void RatePacer::CriticalClosed(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (critical_open_ > 0) --critical_open_;
  critical_closed_ = std::max(critical_closed_, now);
}

RatePacer::Clock::time_point RatePacer::RoomForCritical(Clock::time_point now) const {
  if (critical_open_ == 0 && critical_closed_ + reserve_.grace <= now) return now;  // no critical chain waits
  const double rate = CriticalRateLocked(now);
  if (rate <= 0) return now;
  Clock::time_point earliest = now;
  for (const RateWindow& w : windows_) {
    if (w.limit == 0) continue;
    const double cap = std::floor(w.limit * reserve_.max_reserved_share);
    const auto first = std::upper_bound(sent_.begin(), sent_.end(), now - w.length);
    for (auto d = first; d != sent_.end(); ++d) {
      const double held = static_cast<double>(sent_.end() - d);  // d and every later departure
      const double until_gone = Seconds(*d + w.length - now);    // > 0: d is still in the window
      const double reserved = std::min(rate * until_gone, cap);
      if (held + 1 + reserved <= w.limit) continue;
      // Fits once the expected critical requests before d leaves are few enough, or once d has left.
      const double room = std::max(0.0, w.limit - held - 1);
      const double delay = std::max(0.0, until_gone - room / rate);
      const auto at = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(delay));
      earliest = std::max(earliest, at + Clock::duration(1));
    }
  }
  return earliest;
}

std::optional<RatePacer::Clock::time_point> RatePacer::TryAcquire(Clock::time_point now, RequestPriority priority) {
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
  while (!critical_.empty() && critical_.front() + reserve_.horizon <= now) critical_.pop_front();
  if (priority == RequestPriority::kNormal) {
    const Clock::time_point room = RoomForCritical(now);
    if (room > now) return room;
  } else {
    if (critical_.empty()) critical_since_ = now;  // a new critical stream (or one after a long pause)
    critical_.push_back(now);
  }
  sent_.push_back(now);
  while (!sent_.empty() && sent_.front() + longest_ <= now) sent_.pop_front();
  return std::nullopt;
}

RatePacer::Clock::duration RatePacer::Acquire(RequestPriority priority) {
  const Clock::time_point start = Clock::now();
  while (auto next = TryAcquire(Clock::now(), priority)) std::this_thread::sleep_until(*next);
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
