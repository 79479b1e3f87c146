// Pacing seen from the server's side: arrival timestamps never put more requests in any span of a
// window's length than the window allows; and the API key never reaches a log line or an error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <future>

#include "api/endpoints.h"
#include "api/rate_pacer.h"
#include "tests/api/client_fixture.h"

namespace kbulk::api::testing {
namespace {

// The most arrivals within any half-open span [t, t + length).
int MostWithin(std::vector<std::chrono::steady_clock::time_point> times, std::chrono::milliseconds length) {
  std::sort(times.begin(), times.end());
  int most = 0;
  std::size_t end = 0;
  for (std::size_t begin = 0; begin < times.size(); ++begin) {
    while (end < times.size() && times[end] < times[begin] + length) ++end;
    most = std::max(most, static_cast<int>(end - begin));
  }
  return most;
}

}  // namespace

TEST_CASE("Pacing keeps both windows at the server, with requests in flight concurrently", "[pacing]") {
  ScriptedServer server([](const RecordedRequest&) { return ScriptedResponse{200, "{}"}; });
  ClientOptions options = TestOptions(server);
  // The service's two windows scaled down: 8 per 250 ms and 20 per 1.2 s.
  options.pacing.enabled = true;
  options.pacing.per_second = 8;
  options.pacing.per_minute = 20;
  options.pacing.second_window = std::chrono::milliseconds(250);
  options.pacing.minute_window = std::chrono::milliseconds(1200);
  options.pacing.margin = std::chrono::milliseconds(25);
  options.max_in_flight = 4;
  auto client = MakeClient(options);
  constexpr int kRequests = 46;
  std::atomic<int> done{0};
  std::atomic<int> failed{0};
  std::promise<void> all;
  for (int i = 0; i < kRequests; ++i) {
    client->SendAsync(endpoints::GetItem(Reference::ById("i" + std::to_string(i))), [&](Result<Response> r) {
      if (!r.ok()) ++failed;
      if (++done == kRequests) all.set_value();
    });
  }
  all.get_future().wait();
  REQUIRE(failed == 0);
  std::vector<std::chrono::steady_clock::time_point> arrivals;
  for (const RecordedRequest& r : server.requests()) arrivals.push_back(r.arrived);
  REQUIRE(arrivals.size() == kRequests);
  CHECK(MostWithin(arrivals, std::chrono::milliseconds(250)) <= 8);
  CHECK(MostWithin(arrivals, std::chrono::milliseconds(1200)) <= 20);
  // The windows were actually reached (the pacer is not merely slow).
  CHECK(MostWithin(arrivals, std::chrono::milliseconds(1200)) == 20);
  CHECK(client->Stats().pacing_wait > std::chrono::nanoseconds(0));
}

TEST_CASE("Two clients sharing one pacer pace together", "[pacing]") {
  ScriptedServer server([](const RecordedRequest&) { return ScriptedResponse{200, "{}"}; });
  PacingOptions pacing;
  pacing.per_second = 5;
  pacing.per_minute = 1000;
  pacing.second_window = std::chrono::milliseconds(200);
  pacing.margin = std::chrono::milliseconds(20);
  ClientOptions options = TestOptions(server);
  options.pacer = RatePacer::FromOptions(pacing);
  auto first = MakeClient(options);
  auto second = MakeClient(options);
  std::atomic<int> done{0};
  std::promise<void> all;
  constexpr int kEach = 10;
  for (int i = 0; i < kEach; ++i) {
    for (ManagementClient* c : {first.get(), second.get()}) {
      c->SendAsync(endpoints::ListLanguages().request, [&](Result<Response>) {
        if (++done == 2 * kEach) all.set_value();
      });
    }
  }
  all.get_future().wait();
  std::vector<std::chrono::steady_clock::time_point> arrivals;
  for (const RecordedRequest& r : server.requests()) arrivals.push_back(r.arrived);
  REQUIRE(arrivals.size() == 2 * kEach);
  CHECK(MostWithin(arrivals, std::chrono::milliseconds(200)) <= 5);
}

TEST_CASE("The API key never appears in logs or error messages", "[security]") {
  std::atomic<int> calls{0};
  ScriptedServer server([&](const RecordedRequest& r) {
    const int n = calls++;
    if (n == 0) return ScriptedResponse{429, "{}", "application/json", {{"Retry-After", "0"}}};
    if (n == 1) return ScriptedResponse{503, "{\"message\":\"down\"}"};
    // An error body that echoes the request's headers back, as a careless proxy might.
    return ScriptedResponse{401, "{\"message\":\"bad key " + r.Header("authorization").substr(0, 6) + "...\"}"};
  });
  CapturingLogger logger;
  auto client = MakeClient(TestOptions(server, &logger));
  auto response = client->Send(endpoints::GetEnvironment());
  REQUIRE_FALSE(response.ok());
  CHECK(response.status().code() == StatusCode::kUnauthenticated);
  // The key did go to the API ...
  REQUIRE(server.requests().size() == 3);
  CHECK(server.requests()[0].Header("authorization") == std::string("Bearer ") + kTestKey);
  // ... and nowhere else.
  const auto lines = logger.lines();
  CHECK(lines.size() >= 2);  // the two retries were logged
  for (const std::string& line : lines) CHECK(line.find(kTestKey) == std::string::npos);
  CHECK(response.status().message().find(kTestKey) == std::string::npos);
  CHECK(client->Stats().ToJson().find(kTestKey) == std::string::npos);
}

}  // namespace kbulk::api::testing
