// Retry decisions: which outcomes are transient, whether the method allows repeating, and how long to
// wait (Retry-After when the server gave one, else exponential backoff with full jitter).
#include "api/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace kbulk::api {

std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::chrono::hours(24 * 365);  // absurd; the cap applies later
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  // A date centuries ahead would overflow the clock's nanoseconds: a year is as good as forever here.
  const time_t now_t = std::chrono::system_clock::to_time_t(now);
  if (when > now_t + 365L * 24 * 3600) return std::chrono::hours(24 * 365);
  const auto at = std::chrono::system_clock::from_time_t(when);
  if (at <= now) return std::chrono::milliseconds(0);
  return std::chrono::ceil<std::chrono::milliseconds>(at - now);
}

RetryPolicy::RetryPolicy(RetryOptions options, std::uint64_t seed) : options_(options), random_(seed) {}

std::chrono::milliseconds RetryPolicy::Backoff(int attempt) {
  const int shift = std::clamp(attempt - 1, 0, 30);
  const std::int64_t base = options_.base_delay.count();
  const std::int64_t ceiling =
      std::min<std::int64_t>(options_.max_delay.count(), base > (INT64_MAX >> shift) ? INT64_MAX : base << shift);
  if (ceiling <= 0) return std::chrono::milliseconds(0);
  std::lock_guard lock(mutex_);
  // Full jitter, but never less than half the ceiling so retries do not bunch up at zero.
  std::uniform_int_distribution<std::int64_t> pick(ceiling / 2, ceiling);
  return std::chrono::milliseconds(pick(random_));
}

RetryDecision RetryPolicy::Decide(bool idempotent, int attempt, const AttemptResult& result) {
  if (attempt >= static_cast<int>(options_.max_attempts)) return {};
  bool transient = false;
  switch (result.outcome) {
    case TransferOutcome::kAborted: return {};
    case TransferOutcome::kNotSent: transient = true; break;
    case TransferOutcome::kInterrupted: transient = idempotent; break;
    case TransferOutcome::kCompleted:
      if (result.status == 429) {
        transient = true;  // refused before any processing
      } else if (result.status == 408 || result.status >= 500) {
        transient = idempotent;
      }
      break;
  }
  if (!transient) return {};
  RetryDecision decision{true, Backoff(attempt)};
  if (result.outcome == TransferOutcome::kCompleted && (result.status == 429 || result.status == 503) &&
      result.retry_after) {
    // The server's word wins over our backoff (429, and 503 when it says when to come back); a small pad
    // covers clock granularity.
    decision.delay = std::min(*result.retry_after, options_.max_retry_after) + std::chrono::milliseconds(20);
  }
  return decision;
}

}  // namespace kbulk::api
