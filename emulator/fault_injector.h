// Deterministic fault injection: the n-th API request gets a fault decided by a hash of (seed, n) against
// the configured rates, so a seed reproduces the same fault sequence when requests arrive in the same
// order. Faults: 429 (with Retry-After), 500, 503, reset (the connection drops before the body),
// truncate (the body stops half-way), slow (the response is delayed by slow_ms), applied_500 (the request is
// executed, a write takes effect, and the answer is a 500 all the same). Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kbulk::emulator {

enum class Fault { kNone, kRateLimited, kInternalError, kUnavailable, kReset, kTruncate, kSlow, kAppliedError };

std::string_view FaultName(Fault fault);

struct FaultSpec {
  double rate_429 = 0, rate_500 = 0, rate_503 = 0, rate_reset = 0, rate_truncate = 0, rate_slow = 0;
  double rate_applied_500 = 0;  // executed, then answered 500 (the CDN: a plain 500)
  std::uint64_t seed = 0;
  int slow_ms = 1000;
  // Share of asset binaries the CDN has lost for good (404 on every request), chosen per file from the
  // seed: the one fault a client cannot retry away, for partial-export tests.
  double rate_binary_lost = 0;
  // Retry-After (seconds) sent with an injected 503; 0 = none (the client falls back to its backoff).
  int retry_after_503 = 0;
  // Faults only for writes (POST, PUT, PATCH, DELETE; reads pass untouched): aims reset and truncate at the
  // writes a client cannot simply repeat.
  bool writes_only = false;
  double total_rate() const {
    return rate_429 + rate_500 + rate_503 + rate_reset + rate_truncate + rate_slow + rate_applied_500;
  }
  bool enabled() const { return total_rate() > 0; }
};

// "429=0.05,500=0.02,503=0.02,reset=0.01,truncate=0.01,slow=0.01,applied_500=0.01,slow_ms=500,binary_lost=0.5,
// 503_retry_after=1,writes_only=1,seed=7"; "" = no faults.
Result<FaultSpec> ParseFaultSpec(std::string_view spec);

class FaultInjector {
 public:
  explicit FaultInjector(FaultSpec spec) : spec_(spec) {}
  // The fault for the next API request (request numbers start at 0 and count every call); kNone while
  // paused. Every fault it returns is counted by kind.
  Fault Next();
  // The same for a request with `method`: kNone for reads when the spec is writes_only (the request is
  // still counted: request n gets the same decision as with Next()).
  Fault Next(std::string_view method);
  // The fault for request number `n` (pure function of the spec).
  Fault Decide(std::uint64_t n) const;
  const FaultSpec& spec() const { return spec_; }
  // Whether the binary `file_id` is lost for good (a pure function of the spec and the id).
  bool BinaryLost(std::string_view file_id) const;
  void Reset() { counter_ = 0; }

  // Paused: no faults (lost binaries stay lost), e.g. while a test reads back what a faulty run wrote.
  void SetPaused(bool paused) { paused_ = paused; }
  bool paused() const { return paused_; }
  // Faults injected so far, of one kind and in all.
  std::uint64_t Injected(Fault fault) const { return injected_[static_cast<int>(fault)]; }
  std::uint64_t InjectedTotal() const;
  // {"429":n,"500":n,"503":n,"reset":n,"truncate":n,"slow":n,"applied_500":n,"total":n}
  std::string InjectedJson() const;

 private:
  static constexpr int kKinds = static_cast<int>(Fault::kAppliedError) + 1;
  FaultSpec spec_;
  std::atomic<std::uint64_t> counter_{0};
  std::atomic<bool> paused_{false};
  std::atomic<std::uint64_t> injected_[kKinds] = {};
};

}  // namespace kbulk::emulator
