// ManagementClient against a scripted server: pagination, retries, Retry-After, error mapping, what is
// never retried, concurrency and the options Create refuses.
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "api/endpoints.h"
#include "api/pager.h"
#include "tests/api/client_fixture.h"

namespace kbulk::api::testing {
namespace {

std::string Page(const std::string& key, int first, int count, const std::string& token) {
  std::string body = "{\"" + key + "\":[";
  for (int i = 0; i < count; ++i) {
    if (i > 0) body += ",";
    body += "{\"id\":\"obj-" + std::to_string(first + i) + "\",\"extra\":{\"kept\":[1,2,{\"x\":null}]}}";
  }
  body += "],\"pagination\":{\"continuation_token\":" + (token.empty() ? std::string("null") : Quoted(token)) +
          ",\"next_page\":" + (token.empty() ? std::string("null") : Quoted("https://x/next")) + "}}";
  return body;
}

std::string ReadFixture(const std::string& relative) {
  std::ifstream in(std::string(KBULK_FIXTURES_DIR) + "/management-sdk/fake-responses/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("ListAll follows continuation tokens over several pages", "[client]") {
  ScriptedServer server([](const RecordedRequest& r) {
    const std::string token = r.Header("x-continuation");
    if (token.empty()) return ScriptedResponse{200, Page("items", 0, 3, "page+2/\"x\"")};
    if (token == "page+2/\"x\"") return ScriptedResponse{200, Page("items", 3, 3, "page3")};
    if (token == "page3") return ScriptedResponse{200, Page("items", 6, 2, "")};
    return ScriptedResponse{400, "{\"message\":\"bad token\"}"};
  });
  auto client = MakeClient(TestOptions(server));
  std::vector<std::string> seen;
  auto list = endpoints::ListItems();
  REQUIRE(client
              ->ListAll(list.request, list.array_key,
                        [&](std::string_view json) {
                          seen.emplace_back(json);
                          return Status::Ok();
                        })
              .ok());
  REQUIRE(seen.size() == 8);
  CHECK(seen.front() == "{\"id\":\"obj-0\",\"extra\":{\"kept\":[1,2,{\"x\":null}]}}");
  CHECK(seen.back().find("obj-7") != std::string::npos);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK_FALSE(requests[0].HasHeader("x-continuation"));
  CHECK(requests[1].Header("x-continuation") == "page+2/\"x\"");
  CHECK(requests[2].Header("x-continuation") == "page3");
  CHECK(requests[0].path == ApiPrefix() + "/items");
  CHECK(requests[0].Header("authorization") == std::string("Bearer ") + kTestKey);

  // The Pager streams the same objects page by page; a callback error stops the listing.
  Pager pager(*client, list.request, list.array_key);
  int count = 0;
  for (;;) {
    auto next = pager.Next();
    REQUIRE(next.ok());
    if (!next->has_value()) break;
    ++count;
  }
  CHECK(count == 8);
  CHECK(pager.pages_fetched() == 3);
  Status stopped = client->ListAll(list.request, list.array_key,
                                   [](std::string_view) { return Status(StatusCode::kCancelled, "enough"); });
  CHECK(stopped.code() == StatusCode::kCancelled);
  CHECK(client->Stats().requests.at("GET /items").at(200) == 7);
}

TEST_CASE("Send reports the next page's token", "[client]") {
  ScriptedServer server([](const RecordedRequest&) { return ScriptedResponse{200, Page("variants", 0, 1, "t2")}; });
  auto client = MakeClient(TestOptions(server));
  auto response = client->Send(endpoints::ListVariantsByType(Reference::ByCodename("article")).request);
  REQUIRE(response.ok());
  CHECK(response->continuation == "t2");
  CHECK(server.requests().at(0).path == ApiPrefix() + "/types/codename/article/variants");
}

TEST_CASE("429 waits for Retry-After before the next request", "[client]") {
  std::atomic<int> calls{0};
  ScriptedServer server([&](const RecordedRequest&) {
    if (calls++ == 0)
      return ScriptedResponse{429, "{\"message\":\"slow down\"}", "application/json", {{"Retry-After", "1"}}};
    return ScriptedResponse{200, "{\"id\":\"x\"}"};
  });
  auto client = MakeClient(TestOptions(server));
  auto response = client->Send(endpoints::GetItem(Reference::ById("x")));
  REQUIRE(response.ok());
  const auto requests = server.requests();
  const auto answered = server.answered();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].arrived - answered[0] >= std::chrono::seconds(1));
  const RequestStats stats = client->Stats();
  CHECK(stats.rate_limited == 1);
  CHECK(stats.retries == 1);
  CHECK(stats.requests.at("GET /items/{id}").at(429) == 1);
  CHECK(stats.requests.at("GET /items/{id}").at(200) == 1);
}

TEST_CASE("After a 429 no request to the environment leaves before Retry-After", "[client]") {
  std::atomic<int> calls{0};
  ScriptedServer server([&](const RecordedRequest&) {
    if (calls++ == 0) {
      return ScriptedResponse{429, "{}", "application/json", {{"Retry-After", "1"}}};
    }
    return ScriptedResponse{200, "{}"};
  });
  ClientOptions options = TestOptions(server);
  options.max_in_flight = 1;
  auto client = MakeClient(options);
  std::atomic<int> failed{0};
  std::atomic<int> done{0};
  std::promise<void> all;
  constexpr int kRequests = 4;
  for (int i = 0; i < kRequests; ++i) {
    client->SendAsync(endpoints::GetAsset(Reference::ById("a" + std::to_string(i))), [&](Result<Response> r) {
      if (!r.ok()) ++failed;  // Catch2 assertions are not thread-safe: count, check later
      if (++done == kRequests) all.set_value();
    });
  }
  all.get_future().wait();
  const auto requests = server.requests();
  const auto answered = server.answered();
  CHECK(failed == 0);
  REQUIRE(requests.size() == kRequests + 1);
  for (std::size_t i = 1; i < requests.size(); ++i) {
    CHECK(requests[i].arrived - answered[0] >= std::chrono::seconds(1));
  }
}

TEST_CASE("500, 503 and a dropped connection are retried until success", "[client]") {
  std::atomic<int> calls{0};
  ScriptedServer server([&](const RecordedRequest&) {
    switch (calls++) {
      case 0: return ScriptedResponse{500, "{\"message\":\"boom\"}"};
      case 1: return ScriptedResponse{503, "<html>unavailable</html>", "text/html"};
      case 2: {
        ScriptedResponse drop;
        drop.drop_connection = true;
        return drop;
      }
      default: return ScriptedResponse{200, "{\"id\":\"ok\"}"};
    }
  });
  auto client = MakeClient(TestOptions(server));
  auto response = client->Send(endpoints::UpsertItem(Reference::ByExternalId("e1"), "{\"name\":\"n\"}"));
  REQUIRE(response.ok());
  CHECK(response->body == "{\"id\":\"ok\"}");
  CHECK(server.requests().size() == 4);
  CHECK(server.requests().at(0).body == "{\"name\":\"n\"}");
  CHECK(server.requests().at(3).body == "{\"name\":\"n\"}");
  const RequestStats stats = client->Stats();
  CHECK(stats.retries == 3);
  CHECK(stats.requests.at("PUT /items/{id}").at(0) == 1);  // the dropped one: no status
}

TEST_CASE("A POST that reached the server is not retried on 5xx or a reset", "[client]") {
  std::atomic<bool> drop{false};
  ScriptedServer server([&](const RecordedRequest&) {
    ScriptedResponse r{503, "{\"message\":\"down\"}"};
    r.drop_connection = drop.load();
    return r;
  });
  auto client = MakeClient(TestOptions(server));
  auto response = client->Send(endpoints::AddItem("{\"name\":\"n\"}"));
  REQUIRE_FALSE(response.ok());
  CHECK(response.status().code() == StatusCode::kUnavailable);
  CHECK(server.requests().size() == 1);
  drop = true;
  auto patched = client->Send(endpoints::ModifyType(Reference::ByCodename("t"), "[]"));
  REQUIRE_FALSE(patched.ok());
  CHECK(patched.status().code() == StatusCode::kUnavailable);
  CHECK(server.requests().size() == 2);
}

TEST_CASE("A POST is retried when the server refused it with 429", "[client]") {
  std::atomic<int> calls{0};
  ScriptedServer server([&](const RecordedRequest&) {
    if (calls++ == 0) return ScriptedResponse{429, "{}", "application/json", {{"Retry-After", "0"}}};
    return ScriptedResponse{201, "{\"id\":\"new\"}"};
  });
  auto client = MakeClient(TestOptions(server));
  auto response = client->Send(endpoints::AddLanguage("{\"name\":\"German\"}"));
  REQUIRE(response.ok());
  CHECK(response->status == 201);
  CHECK(server.requests().size() == 2);
}

TEST_CASE("400 with validation_errors surfaces every message", "[client]") {
  const std::string body =
      "{\"request_id\":\"req-42\",\"error_code\":5,\"message\":\"The provided request body is invalid.\","
      "\"validation_errors\":[{\"message\":\"Provide a nonempty name.\"},"
      "{\"message\":\"The date needs to be in the future.\",\"path\":\"scheduled_to\"}]}";
  ScriptedServer server([&](const RecordedRequest&) { return ScriptedResponse{400, body}; });
  auto client = MakeClient(TestOptions(server));
  auto response = client->Send(endpoints::Publish(Reference::ByCodename("about_us"), Reference::ByCodename("en-US"),
                                                  "{\"scheduled_to\":\"x\"}"));
  REQUIRE_FALSE(response.ok());
  const Status& s = response.status();
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("PUT /items/{id}/variants/{id}/publish"));
  CHECK_THAT(s.message(), Catch::Contains("item codename:about_us"));
  CHECK_THAT(s.message(), Catch::Contains("language codename:en-US"));
  CHECK_THAT(s.message(), Catch::Contains("The provided request body is invalid."));
  CHECK_THAT(s.message(), Catch::Contains("Provide a nonempty name."));
  CHECK_THAT(s.message(), Catch::Contains("The date needs to be in the future. (at scheduled_to)"));
  CHECK_THAT(s.message(), Catch::Contains("req-42"));
  CHECK(server.requests().size() == 1);

  // The SDK's own error sample reads the same way.
  ScriptedServer sample([&](const RecordedRequest&) {
    return ScriptedResponse{400, ReadFixture("errors/cm-error-with-validation-errors.json")};
  });
  auto sample_client = MakeClient(TestOptions(sample));
  auto failed = sample_client->Send(endpoints::AddType("{}"));
  REQUIRE_FALSE(failed.ok());
  CHECK_THAT(failed.status().message(), Catch::Contains("Provide a nonempty name which fits within 50 characters."));
}

TEST_CASE("401, 403, 404 and 409 are mapped and never retried", "[client]") {
  std::atomic<int> status{401};
  ScriptedServer server([&](const RecordedRequest&) {
    return ScriptedResponse{status.load(), "{\"request_id\":\"r\",\"error_code\":1,\"message\":\"no\"}"};
  });
  auto client = MakeClient(TestOptions(server));
  const std::vector<std::pair<int, StatusCode>> cases = {{401, StatusCode::kUnauthenticated},
                                                         {403, StatusCode::kPermissionDenied},
                                                         {404, StatusCode::kNotFound},
                                                         {409, StatusCode::kConflict}};
  std::size_t expected_requests = 0;
  for (const auto& [code, mapped] : cases) {
    status = code;
    auto response = client->Send(endpoints::GetType(Reference::ById("0a1b")));
    ++expected_requests;
    REQUIRE_FALSE(response.ok());
    CHECK(response.status().code() == mapped);
    CHECK_THAT(response.status().message(), Catch::Contains("GET /types/{id} (content type id:0a1b)"));
    CHECK(server.requests().size() == expected_requests);
  }
  status = 409;
  auto created = client->Send(endpoints::AddType("{}"));
  REQUIRE_FALSE(created.ok());
  CHECK(created.status().code() == StatusCode::kAlreadyExists);
  CHECK(client->Stats().retries == 0);
}

TEST_CASE("A connection refused is retried, then reported as unavailable", "[client]") {
  int port = 0;
  {
    ScriptedServer gone([](const RecordedRequest&) { return ScriptedResponse{}; });
    port = gone.port();
  }
  ClientOptions options;
  options.base_url = "http://127.0.0.1:" + std::to_string(port) + "/v2";
  options.environment_id = kTestEnvironment;
  options.api_key = kTestKey;
  options.pacing.enabled = false;
  options.retry.base_delay = std::chrono::milliseconds(1);
  options.retry.max_attempts = 3;
  auto client = MakeClient(options);
  auto response = client->Send(endpoints::AddItem("{}"));  // even a POST: it never reached a server
  REQUIRE_FALSE(response.ok());
  CHECK(response.status().code() == StatusCode::kUnavailable);
  CHECK(client->Stats().api_requests == 3);
  CHECK(client->Stats().requests.at("POST /items").at(0) == 3);
}

TEST_CASE("SendAsync runs requests concurrently up to max_in_flight", "[client]") {
  std::mutex mutex;
  int current = 0;
  int peak = 0;
  ScriptedServer server([&](const RecordedRequest&) {
    {
      std::lock_guard lock(mutex);
      peak = std::max(peak, ++current);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    {
      std::lock_guard lock(mutex);
      --current;
    }
    return ScriptedResponse{200, "{}"};
  });
  ClientOptions options = TestOptions(server);
  options.max_in_flight = 3;
  auto client = MakeClient(options);
  std::atomic<int> done{0};
  std::atomic<int> failed{0};
  std::promise<void> all;
  constexpr int kRequests = 9;
  for (int i = 0; i < kRequests; ++i) {
    client->SendAsync(endpoints::GetLanguage(Reference::ById("l" + std::to_string(i))), [&](Result<Response> r) {
      if (!r.ok()) ++failed;
      if (++done == kRequests) all.set_value();
    });
  }
  all.get_future().wait();
  CHECK(failed == 0);
  CHECK(server.requests().size() == kRequests);
  CHECK(peak <= 3);
  CHECK(peak >= 2);
}

TEST_CASE("Create refuses unusable options", "[client]") {
  ClientOptions o;
  o.environment_id = kTestEnvironment;
  o.api_key = kTestKey;
  CHECK(ManagementClient::Create(o).ok());  // the default base URL is https
  o.insecure_loopback = true;
  CHECK(ManagementClient::Create(o).status().code() == StatusCode::kInvalidArgument);
  o.base_url = "https://127.0.0.1:1/v2";
  CHECK(ManagementClient::Create(o).ok());
  o.insecure_loopback = false;
  o.base_url = "http://manage.example.com/v2";
  CHECK_THAT(ManagementClient::Create(o).status().message(), Catch::Contains("plain HTTP"));
  o.base_url = "ftp://x/v2";
  CHECK_FALSE(ManagementClient::Create(o).ok());
  o.base_url = kDefaultBaseUrl;
  o.api_key.clear();
  CHECK_THAT(ManagementClient::Create(o).status().message(), Catch::Contains("KONTENT_API_KEY"));
  o.api_key = kTestKey;
  o.environment_id.clear();
  CHECK_THAT(ManagementClient::Create(o).status().message(), Catch::Contains("environment"));
}

}  // namespace kbulk::api::testing
