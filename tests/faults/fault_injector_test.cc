// The emulator's fault injector as the matrix uses it: counts by kind, pause and resume, faults aimed at
// writes only, Retry-After for 503.
#include <catch2/catch.hpp>

#include "emulator/fault_injector.h"

using namespace kbulk::emulator;

TEST_CASE("fault injector: counts by kind, pause, writes only, 503 Retry-After", "[faults][emulator]") {
  auto spec = ParseFaultSpec("429=0.1,500=0.1,503=0.1,reset=0.1,truncate=0.1,slow=0.1,503_retry_after=2,seed=3");
  REQUIRE(spec.ok());
  CHECK(spec->retry_after_503 == 2);
  CHECK_FALSE(spec->writes_only);
  FaultInjector counted(*spec);
  std::uint64_t by_hand[7] = {};
  for (int n = 0; n < 1000; ++n) ++by_hand[static_cast<int>(counted.Next())];
  std::uint64_t total = 0;
  for (Fault f : {Fault::kRateLimited, Fault::kInternalError, Fault::kUnavailable, Fault::kReset, Fault::kTruncate,
                  Fault::kSlow}) {
    INFO(FaultName(f));
    CHECK(counted.Injected(f) == by_hand[static_cast<int>(f)]);
    CHECK(counted.Injected(f) > 50);  // about 100 of each
    total += by_hand[static_cast<int>(f)];
  }
  CHECK(counted.InjectedTotal() == total);
  CHECK(counted.InjectedJson().find("\"total\":" + std::to_string(total)) != std::string::npos);

  // Paused: nothing injected, nothing counted; resumed: request n gets what it would have got.
  FaultInjector paused(*spec);
  paused.SetPaused(true);
  for (int n = 0; n < 100; ++n) CHECK(paused.Next() == Fault::kNone);
  CHECK(paused.InjectedTotal() == 0);
  paused.SetPaused(false);
  for (int n = 100; n < 200; ++n) CHECK(paused.Next() == paused.Decide(n));

  // Writes only: reads pass, writes get the sequence's faults.
  auto writes = ParseFaultSpec("reset=0.5,writes_only=1,seed=4");
  REQUIRE(writes.ok());
  CHECK(writes->writes_only);
  FaultInjector aimed(*writes);
  int write_faults = 0;
  for (int n = 0; n < 200; ++n) {
    const bool read = n % 2 == 0;
    const Fault f = aimed.Next(read ? "GET" : "POST");
    if (read) CHECK(f == Fault::kNone);
    if (!read) CHECK(f == aimed.Decide(n));
    write_faults += f != Fault::kNone;
  }
  CHECK(write_faults > 20);
  CHECK(aimed.Injected(Fault::kReset) == static_cast<std::uint64_t>(write_faults));

  CHECK_FALSE(ParseFaultSpec("writes_only=2").ok());
  CHECK_FALSE(ParseFaultSpec("503_retry_after=x").ok());
  CHECK_FALSE(ParseFaultSpec("503_retry_after=99999").ok());
}

TEST_CASE("fault injector: applied_500, a kind of its own after the others", "[faults][emulator]") {
  auto spec = ParseFaultSpec("applied_500=0.2,seed=5");
  REQUIRE(spec.ok());
  CHECK(spec->rate_applied_500 == 0.2);
  CHECK(spec->enabled());
  FaultInjector injector(*spec);
  for (int n = 0; n < 500; ++n) {
    const Fault f = injector.Next("PUT");
    CHECK((f == Fault::kNone || f == Fault::kAppliedError));
  }
  CHECK(injector.Injected(Fault::kAppliedError) > 60);  // about 100
  CHECK(injector.Injected(Fault::kAppliedError) == injector.InjectedTotal());
  CHECK(injector.InjectedJson().find("\"applied_500\":" + std::to_string(injector.InjectedTotal())) !=
        std::string::npos);
  CHECK(FaultName(Fault::kAppliedError) == "applied_500");

  // Appended last in the table: a spec without it decides every request as before.
  auto six = ParseFaultSpec("429=0.1,500=0.1,503=0.1,reset=0.1,truncate=0.1,slow=0.1,seed=9");
  auto seven = ParseFaultSpec("429=0.1,500=0.1,503=0.1,reset=0.1,truncate=0.1,slow=0.1,applied_500=0.1,seed=9");
  REQUIRE(six.ok());
  REQUIRE(seven.ok());
  FaultInjector a(*six), b(*seven);
  int applied = 0;
  for (std::uint64_t n = 0; n < 1000; ++n) {
    if (a.Decide(n) != Fault::kNone) CHECK(b.Decide(n) == a.Decide(n));
    applied += b.Decide(n) == Fault::kAppliedError;
  }
  CHECK(applied > 50);
  CHECK_FALSE(ParseFaultSpec("applied_500=1.5").ok());
  CHECK_FALSE(ParseFaultSpec("applied_500=0.6,500=0.6").ok());
}
