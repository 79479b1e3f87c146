// The pacer's priority rule on a synthetic clock (no wall time): a critical request is granted where a
// normal one is refused, normal requests keep room for the critical stream, and a serial critical chain
// competing with a greedy normal stream (the variants chain against everything else) is hardly delayed,
// where without priority it waits for the windows to slide again and again.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <vector>

#include "api/rate_pacer.h"

namespace kbulk::api {
namespace {

using Clock = RatePacer::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Clock::time_point kT0 = Clock::time_point{} + std::chrono::hours(1);

// The most grants within any half-open span [t, t + length).
int MostWithin(std::vector<Clock::time_point> times, Clock::duration length) {
  std::sort(times.begin(), times.end());
  int most = 0;
  std::size_t end = 0;
  for (std::size_t begin = 0; begin < times.size(); ++begin) {
    while (end < times.size() && times[end] < times[begin] + length) ++end;
    most = std::max(most, static_cast<int>(end - begin));
  }
  return most;
}

struct Race {
  Clock::duration critical_wait{0};  // summed over the chain's requests: grant time - ask time
  int critical = 0;
  int normal = 0;
  std::vector<Clock::time_point> grants;
};

// A serial chain asks again `cycle` after each grant (a round trip); a greedy stream takes every grant
// the pacer allows it. `prioritized` marks the chain critical; otherwise both are normal and the chain
// asks first at every instant (as the transport's FIFO would serve it).
Race RunRace(bool prioritized, Clock::duration cycle, Clock::duration span) {
  RatePacer pacer({{10, seconds(1)}, {40, seconds(6)}});
  const RequestPriority chain = prioritized ? RequestPriority::kCritical : RequestPriority::kNormal;
  if (prioritized) pacer.CriticalOpened();  // the chain always has its next request queued or on the wire
  Race race;
  Clock::time_point now = kT0;
  Clock::time_point ask = kT0;
  while (now < kT0 + span) {
    Clock::time_point next_chain = ask;
    if (now >= ask) {
      if (auto refused = pacer.TryAcquire(now, chain)) {
        next_chain = *refused;
      } else {
        race.critical_wait += now - ask;
        ++race.critical;
        race.grants.push_back(now);
        ask = now + cycle;
        next_chain = ask;
      }
    }
    Clock::time_point next_greedy;
    for (;;) {
      auto refused = pacer.TryAcquire(now, RequestPriority::kNormal);
      if (refused) {
        next_greedy = *refused;
        break;
      }
      ++race.normal;
      race.grants.push_back(now);
    }
    const Clock::time_point next = std::min(next_chain, next_greedy);
    REQUIRE(next > now);
    now = next;
  }
  return race;
}

}  // namespace

TEST_CASE("RatePacer grants a critical request where a normal one must wait", "[pacer]") {
  RatePacer pacer({{10, seconds(10)}});
  pacer.CriticalOpened();
  for (int i = 0; i < 4; ++i) CHECK_FALSE(pacer.TryAcquire(kT0 + seconds(i), RequestPriority::kCritical));
  // 4 grants in 3 s: 4/3 per second. The window holds 4; the critical stream will want 7 more (the 3/4
  // cap) before the first of them leaves at t0 + 10 s: a normal request would leave no room.
  CHECK(pacer.CriticalRate(kT0 + seconds(3)) == Approx(4.0 / 3.0));
  auto refused = pacer.TryAcquire(kT0 + seconds(3), RequestPriority::kNormal);
  REQUIRE(refused);
  // It fits once (window 10 - 3 held from t0 + 1 s on - 1) = 6 of 4/3 per second cover the rest of that
  // departure's time in the window: 8 s - 4.5 s = 3.5 s later (at the same rate).
  CHECK(*refused > kT0 + milliseconds(6500));
  CHECK(*refused < kT0 + milliseconds(6501));
  // At the same moment a critical request leaves.
  CHECK_FALSE(pacer.TryAcquire(kT0 + seconds(3), RequestPriority::kCritical));
  // The time said is a time that works (the rate has only fallen since).
  RatePacer second({{10, seconds(10)}});
  second.CriticalOpened();
  for (int i = 0; i < 4; ++i) CHECK_FALSE(second.TryAcquire(kT0 + seconds(i), RequestPriority::kCritical));
  auto at = second.TryAcquire(kT0 + seconds(3), RequestPriority::kNormal);
  REQUIRE(at);
  CHECK_FALSE(second.TryAcquire(*at, RequestPriority::kNormal));
}

TEST_CASE("RatePacer reserves nothing without a critical stream, and forgets one after its horizon", "[pacer]") {
  RatePacer pacer({{10, seconds(10)}});
  for (int i = 0; i < 10; ++i) CHECK_FALSE(pacer.TryAcquire(kT0, RequestPriority::kNormal));
  CHECK(pacer.TryAcquire(kT0, RequestPriority::kNormal) == kT0 + seconds(10));

  RatePacer after({{4, seconds(100)}});
  after.CriticalOpened();
  CHECK_FALSE(after.TryAcquire(kT0, RequestPriority::kCritical));
  CHECK(after.CriticalRate(kT0) == Approx(1.0));  // one grant over the minimum span of 1 s
  // Within the horizon (10 s) a normal request keeps room for it (1 held + 1 + 3 reserved > 4); 10 s after
  // its last grant, no more.
  CHECK(after.TryAcquire(kT0 + seconds(5), RequestPriority::kNormal));
  CHECK(after.CriticalRate(kT0 + seconds(10)) == 0);
  for (int i = 0; i < 3; ++i) CHECK_FALSE(after.TryAcquire(kT0 + seconds(10), RequestPriority::kNormal));
}

TEST_CASE("RatePacer keeps room only while a critical request is open, and for a second after", "[pacer]") {
  RatePacer pacer({{4, seconds(100)}});
  pacer.CriticalOpened();
  CHECK_FALSE(pacer.TryAcquire(kT0, RequestPriority::kCritical));
  pacer.CriticalClosed(kT0 + milliseconds(200));  // the chain's last page arrived
  // Its rate is still known (1 per second), but nothing of it is queued: room is kept for the grace
  // second only (a chain queues its next page a moment after a page arrives).
  CHECK(pacer.TryAcquire(kT0 + milliseconds(1000), RequestPriority::kNormal));
  CHECK(pacer.CriticalRate(kT0 + milliseconds(1200)) > 0);
  for (int i = 0; i < 3; ++i) CHECK_FALSE(pacer.TryAcquire(kT0 + milliseconds(1200), RequestPriority::kNormal));
  // Opened again: room is kept again.
  RatePacer again({{4, seconds(100)}});
  again.CriticalOpened();
  CHECK_FALSE(again.TryAcquire(kT0, RequestPriority::kCritical));
  again.CriticalClosed(kT0 + milliseconds(200));
  again.CriticalOpened();
  CHECK(again.TryAcquire(kT0 + milliseconds(5000), RequestPriority::kNormal));
}

TEST_CASE("RatePacer holds back at most three quarters of a window from normal requests", "[pacer]") {
  RatePacer pacer({{8, seconds(60)}});
  pacer.CriticalOpened();
  // A critical stream far faster than the window could ever serve.
  for (int i = 0; i < 2; ++i) CHECK_FALSE(pacer.TryAcquire(kT0 + milliseconds(i), RequestPriority::kCritical));
  CHECK(pacer.CriticalRate(kT0 + milliseconds(1)) == Approx(2.0));
  // 8 - 6 reserved = 2 for everything else: the 2 critical ones already hold them.
  CHECK(pacer.TryAcquire(kT0 + milliseconds(1), RequestPriority::kNormal));
  RatePacer fresh({{8, seconds(60)}});
  fresh.CriticalOpened();
  CHECK_FALSE(fresh.TryAcquire(kT0, RequestPriority::kCritical));
  CHECK_FALSE(fresh.TryAcquire(kT0, RequestPriority::kNormal));  // 1 held + 1 + 6 reserved = 8
  CHECK(fresh.TryAcquire(kT0, RequestPriority::kNormal));
}

TEST_CASE("A critical chain racing a greedy stream is hardly delayed, and without priority it waits", "[pacer]") {
  // 10 per 1 s and 40 per 6 s (the service's windows, scaled): the chain could go 4 per second (one
  // request per 250 ms round trip) = 24 of the 40 per 6 s; the greedy stream should get the other 16.
  const Race fifo = RunRace(false, milliseconds(250), seconds(60));
  const Race priority = RunRace(true, milliseconds(250), seconds(60));
  using std::chrono::duration_cast;
  std::cout << "without priority: chain " << fifo.critical << " requests, waited "
            << duration_cast<milliseconds>(fifo.critical_wait).count() << " ms; greedy " << fifo.normal << "\n"
            << "with priority: chain " << priority.critical << " requests, waited "
            << duration_cast<milliseconds>(priority.critical_wait).count() << " ms; greedy " << priority.normal << "\n";
  for (const Race* race : {&fifo, &priority}) {
    CHECK(MostWithin(race->grants, seconds(1)) <= 10);
    CHECK(MostWithin(race->grants, seconds(6)) <= 40);
  }
  // Without priority the greedy stream fills each 6 s window in a burst and the chain waits for it.
  CHECK(fifo.critical_wait > seconds(20));
  CHECK(fifo.critical < 200);
  // With it, the chain goes at nearly its own pace (240 in 60 s) and the greedy stream still gets the rest
  // of the window: together they use it fully.
  CHECK(priority.critical_wait < seconds(3));
  CHECK(priority.critical >= 225);
  CHECK(priority.normal >= 100);
  CHECK(priority.critical + priority.normal >= 390);
}

}  // namespace kbulk::api
