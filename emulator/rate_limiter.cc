// Sliding windows over the admitted requests' times, per environment.
#include "emulator/rate_limiter.h"

#include "core/rate_spec.h"

namespace kbulk::emulator {
namespace {

int SecondsUntil(std::chrono::steady_clock::duration d) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  int s = static_cast<int>((ms + 999) / 1000);
  return s < 1 ? 1 : s;
}

}  // namespace

Result<RateLimit> ParseRateLimit(std::string_view spec) {
  if (spec.empty()) return RateLimit{};
  KBULK_ASSIGN_OR_RETURN(RateSpec rate, ParseRateSpec(spec));
  return RateLimit{static_cast<int>(rate.per_second), static_cast<int>(rate.per_minute)};
}

RateLimiter::RateLimiter(RateLimit limit, Clock clock) : limit_(limit), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

std::optional<int> RateLimiter::Admit(std::string_view environment_id) {
  if (!limit_.enabled()) return std::nullopt;
  const auto now = clock_();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = windows_.find(environment_id);
  if (it == windows_.end())
    it = windows_.emplace(std::string(environment_id), std::deque<std::chrono::steady_clock::time_point>()).first;
  auto& times = it->second;
  while (!times.empty() && now - times.front() >= std::chrono::minutes(1)) times.pop_front();
  if (limit_.per_minute > 0 && static_cast<int>(times.size()) >= limit_.per_minute) {
    return SecondsUntil(times[times.size() - limit_.per_minute] + std::chrono::minutes(1) - now);
  }
  if (limit_.per_second > 0 && static_cast<int>(times.size()) >= limit_.per_second) {
    auto oldest_in_second = times[times.size() - limit_.per_second];
    if (now - oldest_in_second < std::chrono::seconds(1))
      return SecondsUntil(oldest_in_second + std::chrono::seconds(1) - now);
  }
  times.push_back(now);
  return std::nullopt;
}

}  // namespace kbulk::emulator
