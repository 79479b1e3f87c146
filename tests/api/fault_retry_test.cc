// Retry points the fault matrix relies on: a 503 that says when to come back is retried after its
// Retry-After (a 503 without one gets the backoff; a non-idempotent request is never repeated), and a
// continuation token is checked before it goes into the x-continuation header.
#include <catch2/catch.hpp>

#include <atomic>

#include "api/endpoints.h"
#include "api/pager.h"
#include "api/retry_policy.h"
#include "tests/api/client_fixture.h"

namespace kbulk::api::testing {
namespace {

using std::chrono::milliseconds;

std::string PageWithToken(const std::string& token_json) {
  return "{\"items\":[{\"id\":\"a\"}],\"pagination\":{\"continuation_token\":" + token_json +
         ",\"next_page\":\"https://x/next\"}}";
}

}  // namespace

TEST_CASE("Retry decisions: a 503's Retry-After replaces the backoff", "[retry][faults]") {
  RetryOptions options;
  options.max_attempts = 4;
  options.base_delay = milliseconds(100);
  options.max_delay = milliseconds(400);
  options.max_retry_after = milliseconds(5000);
  RetryPolicy policy(options, 7);
  using O = TransferOutcome;
  auto d = policy.Decide(true, 1, {O::kCompleted, 503, milliseconds(2000)});
  CHECK(d.retry);
  CHECK(d.delay >= milliseconds(2000));
  CHECK(d.delay < milliseconds(2100));
  // Capped like a 429's.
  d = policy.Decide(true, 1, {O::kCompleted, 503, milliseconds(600'000)});
  CHECK(d.delay >= milliseconds(5000));
  CHECK(d.delay < milliseconds(5100));
  // Without Retry-After: the backoff, at most max_delay.
  d = policy.Decide(true, 3, {O::kCompleted, 503, std::nullopt});
  CHECK(d.retry);
  CHECK(d.delay <= milliseconds(400));
  // A 500 with a Retry-After keeps the backoff (the header is only trusted on 429 and 503).
  d = policy.Decide(true, 1, {O::kCompleted, 500, milliseconds(3000)});
  CHECK(d.retry);
  CHECK(d.delay <= milliseconds(100));
  // A create is still not repeated after a 503: the server may have acted on it.
  CHECK_FALSE(policy.Decide(false, 1, {O::kCompleted, 503, milliseconds(1000)}).retry);
}

TEST_CASE("A 503 with Retry-After waits for it before the next attempt", "[client][faults]") {
  std::atomic<int> calls{0};
  ScriptedServer server([&](const RecordedRequest&) {
    if (calls++ == 0)
      return ScriptedResponse{503, "{\"message\":\"maintenance\"}", "application/json", {{"Retry-After", "1"}}};
    return ScriptedResponse{200, "{\"id\":\"x\"}"};
  });
  auto client = MakeClient(TestOptions(server));  // backoff 5-40 ms: only Retry-After explains a 1 s wait
  auto response = client->Send(endpoints::GetItem(Reference::ById("x")));
  REQUIRE(response.ok());
  const auto requests = server.requests();
  const auto answered = server.answered();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].arrived - answered[0] >= std::chrono::seconds(1));
  CHECK(client->Stats().retries == 1);
  CHECK(client->Stats().requests.at("GET /items/{id}").at(503) == 1);
}

TEST_CASE("A continuation token is validated before it goes into a header", "[client][pager][faults]") {
  CHECK(ValidateContinuationToken("+RID:~abc==#RT:1#TRC:100 [{\"x\":1}]").ok());
  CHECK(ValidateContinuationToken("").code() == StatusCode::kCorrupt);
  CHECK(ValidateContinuationToken("a\r\nx-evil: 1").code() == StatusCode::kCorrupt);
  CHECK(ValidateContinuationToken(std::string("a\0b", 3)).code() == StatusCode::kCorrupt);
  CHECK(ValidateContinuationToken("caf\xc3\xa9").code() == StatusCode::kCorrupt);
  CHECK(ValidateContinuationToken("a\tb").code() == StatusCode::kCorrupt);
  CHECK(ValidateContinuationToken(std::string(kMaxContinuationTokenBytes, 'x')).ok());
  CHECK(ValidateContinuationToken(std::string(kMaxContinuationTokenBytes + 1, 'x')).code() == StatusCode::kCorrupt);

  // JSON escapes decode to the bytes a header must never carry: the listing stops after the first page.
  const std::string hostile[] = {"\"abc\\r\\nx-injected: yes\"", "\"abc\\u0000def\"",
                                 "\"" + std::string(kMaxContinuationTokenBytes + 10, 't') + "\""};
  for (const std::string& token : hostile) {
    ScriptedServer server([&](const RecordedRequest&) { return ScriptedResponse{200, PageWithToken(token)}; });
    auto client = MakeClient(TestOptions(server));
    auto list = endpoints::ListItems();
    int objects = 0;
    Status listed = client->ListAll(list.request, list.array_key, [&](std::string_view) {
      ++objects;
      return Status::Ok();
    });
    INFO(token.substr(0, 40));
    CHECK(listed.code() == StatusCode::kCorrupt);
    CHECK(listed.message().find("GET /items") != std::string::npos);
    CHECK(listed.message().find("continuation token") != std::string::npos);
    CHECK(server.requests().size() == 1);
    CHECK(objects == 0);  // refused as the page arrives, before any of its objects is handed on
  }
}

}  // namespace kbulk::api::testing
