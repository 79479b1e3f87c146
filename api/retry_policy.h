// When a failed attempt is tried again, and after how long. Pure decisions, no I/O: the transport
// reports what happened, RetryPolicy says retry-or-stop and the delay.
//
// Retried: 429 and 503 (after Retry-After when they carry one), 408, 5xx, connection resets and timeouts - but a
// request that is not idempotent (POST, and PATCH with JSON-patch operations) only when it provably never reached the
// server (connect/resolve failure) or the server refused it unprocessed (429). Other 4xx never.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>

#include "api/client_options.h"

namespace kbulk::api {

// How an attempt ended on the wire.
enum class TransferOutcome {
  kCompleted,    // a full HTTP response arrived (any status)
  kNotSent,      // connect or resolve failed: the server never saw the request
  kInterrupted,  // reset, timeout or truncated response: the server may have acted on it
  kAborted,      // stopped by kbulk itself (sink or source error, size limit): never retried
};

struct AttemptResult {
  TransferOutcome outcome = TransferOutcome::kCompleted;
  int status = 0;
  std::optional<std::chrono::milliseconds> retry_after;  // parsed Retry-After, if any
};

struct RetryDecision {
  bool retry = false;
  std::chrono::milliseconds delay{0};
};

// Parses Retry-After: delta seconds ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"), relative
// to `now`. nullopt when absent or unreadable; a date in the past is zero.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now);

class RetryPolicy {
 public:
  // `seed` makes the jitter reproducible in tests.
  explicit RetryPolicy(RetryOptions options, std::uint64_t seed = std::random_device{}());

  // `attempt` counts from 1 (the attempt that just ended). Thread-safe.
  RetryDecision Decide(bool idempotent, int attempt, const AttemptResult& result);

  // Full-jitter exponential backoff for retry number `attempt` (1 = first retry), capped.
  std::chrono::milliseconds Backoff(int attempt);

  const RetryOptions& options() const { return options_; }

 private:
  RetryOptions options_;
  std::mt19937_64 random_;
  std::mutex mutex_;
};

}  // namespace kbulk::api
