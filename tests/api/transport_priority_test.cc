// Critical requests leave the HTTP transport before normal ones that queued earlier. The pacer allows one
// request per 1.5 s: after a first request has been answered, the next three are queued within
// microseconds, long before the window has passed, and all wait for it, so the order in which they reach
// the server is the transport's order, not the threads' timing.
#include <catch2/catch.hpp>

#include <atomic>
#include <future>

#include "api/endpoints.h"
#include "tests/api/client_fixture.h"

namespace kbulk::api::testing {

TEST_CASE("A critical request leaves before normal requests that queued first", "[pacing]") {
  ScriptedServer server([](const RecordedRequest&) { return ScriptedResponse{200, "{}"}; });
  ClientOptions options = TestOptions(server);
  options.pacing.enabled = true;
  options.pacing.per_second = 1;
  options.pacing.per_minute = 0;  // none
  options.pacing.second_window = std::chrono::milliseconds(1500);
  options.pacing.margin = std::chrono::milliseconds(0);
  options.max_in_flight = 4;
  auto client = MakeClient(options);
  // Leaves at once and is answered: the window is now closed for 1.5 s.
  REQUIRE(client->Send(endpoints::GetItem(Reference::ById("normal-1"))).ok());
  std::atomic<int> done{0};
  std::atomic<int> failed{0};
  std::promise<void> all;
  auto send = [&](const std::string& id, bool critical) {
    Request request = endpoints::GetItem(Reference::ById(id));
    request.critical = critical;
    client->SendAsync(request, [&](Result<Response> r) {
      if (!r.ok()) ++failed;
      if (++done == 3) all.set_value();
    });
  };
  send("normal-2", false);  // waits for the window
  send("normal-3", false);
  send("critical", true);  // queued last, leaves next
  all.get_future().wait();
  REQUIRE(failed == 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 4);
  std::vector<std::string> order;
  for (const RecordedRequest& r : requests) order.push_back(r.path.substr(r.path.rfind('/') + 1));
  CHECK(order == std::vector<std::string>{"normal-1", "critical", "normal-2", "normal-3"});
}

}  // namespace kbulk::api::testing
