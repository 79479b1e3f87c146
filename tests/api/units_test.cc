// Pure parts of the client: the sliding-window pacer on synthetic clocks, retry decisions and
// Retry-After parsing, endpoint paths and encoding, error bodies and stats JSON.
#include <catch2/catch.hpp>

#include <iostream>
#include <random>

#include "api/api_error.h"
#include "api/endpoints.h"
#include "api/rate_pacer.h"
#include "api/request_stats.h"
#include "api/retry_policy.h"
#include "core/json.h"

namespace kbulk::api {
namespace {

using Clock = RatePacer::Clock;
using std::chrono::milliseconds;

}  // namespace

TEST_CASE("RatePacer never lets a window hold more than its limit", "[pacer]") {
  const std::uint32_t seed = std::random_device{}();
  std::cout << "RatePacer randomized test seed " << seed << "\n";
  std::mt19937 random(seed);
  RatePacer pacer({{3, milliseconds(100)}, {7, milliseconds(1000)}});
  const Clock::time_point start{};
  Clock::time_point now = start;
  std::vector<Clock::time_point> sent;
  while (sent.size() < 60) {
    now += milliseconds(random() % 40);
    if (auto next = pacer.TryAcquire(now)) {
      CHECK(*next > now);
      continue;
    }
    sent.push_back(now);
  }
  for (std::size_t i = 0; i < sent.size(); ++i) {
    int in_short = 0;
    int in_long = 0;
    for (std::size_t j = i; j < sent.size(); ++j) {
      if (sent[j] < sent[i] + milliseconds(100)) ++in_short;
      if (sent[j] < sent[i] + milliseconds(1000)) ++in_long;
    }
    CHECK(in_short <= 3);
    CHECK(in_long <= 7);
  }
}

TEST_CASE("RatePacer says exactly when the next request may leave", "[pacer]") {
  RatePacer pacer({{2, milliseconds(100)}});
  const Clock::time_point t0 = Clock::time_point{} + milliseconds(1000);
  CHECK_FALSE(pacer.TryAcquire(t0));
  CHECK_FALSE(pacer.TryAcquire(t0 + milliseconds(10)));
  auto next = pacer.TryAcquire(t0 + milliseconds(20));
  REQUIRE(next);
  CHECK(*next == t0 + milliseconds(100));
  CHECK_FALSE(pacer.TryAcquire(t0 + milliseconds(100)));
  pacer.BlockUntil(t0 + milliseconds(5000));
  CHECK(pacer.TryAcquire(t0 + milliseconds(4000)) == t0 + milliseconds(5000));
  CHECK_FALSE(pacer.TryAcquire(t0 + milliseconds(5000)));
  RatePacer unlimited({});
  for (int i = 0; i < 1000; ++i) CHECK_FALSE(unlimited.TryAcquire(t0));
}

TEST_CASE("RatePacer from options: the service's windows plus the margin", "[pacer]") {
  PacingOptions options;
  auto pacer = RatePacer::FromOptions(options);
  REQUIRE(pacer->windows().size() == 2);
  CHECK(pacer->windows()[0].limit == 10);
  CHECK(pacer->windows()[0].length == milliseconds(1000) + options.margin);
  CHECK(pacer->windows()[1].limit == 400);
  CHECK(pacer->windows()[1].length == milliseconds(60'000) + options.margin);
  options.enabled = false;
  CHECK(RatePacer::FromOptions(options)->windows().empty());
}

TEST_CASE("Retry-After: seconds or an HTTP date", "[retry]") {
  const auto now = std::chrono::system_clock::from_time_t(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT
  CHECK(ParseRetryAfter("3", now) == milliseconds(3000));
  CHECK(ParseRetryAfter(" 0 ", now) == milliseconds(0));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now) == milliseconds(5000));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now) == milliseconds(0));
  CHECK_FALSE(ParseRetryAfter("", now));
  CHECK_FALSE(ParseRetryAfter("soon", now));
}

TEST_CASE("Retry decisions by outcome, status and method", "[retry]") {
  RetryOptions options;
  options.max_attempts = 4;
  options.base_delay = milliseconds(100);
  options.max_delay = milliseconds(1000);
  options.max_retry_after = milliseconds(5000);
  RetryPolicy policy(options, 42);
  using O = TransferOutcome;
  auto retries = [&](bool idempotent, O outcome, int status, int attempt = 1) {
    return policy.Decide(idempotent, attempt, {outcome, status, std::nullopt}).retry;
  };
  CHECK(retries(true, O::kCompleted, 500));
  CHECK(retries(true, O::kCompleted, 503));
  CHECK(retries(true, O::kCompleted, 408));
  CHECK(retries(true, O::kCompleted, 429));
  CHECK(retries(true, O::kInterrupted, 0));
  CHECK(retries(true, O::kNotSent, 0));
  CHECK_FALSE(retries(true, O::kCompleted, 400));
  CHECK_FALSE(retries(true, O::kCompleted, 401));
  CHECK_FALSE(retries(true, O::kCompleted, 403));
  CHECK_FALSE(retries(true, O::kCompleted, 404));
  CHECK_FALSE(retries(true, O::kCompleted, 409));
  CHECK_FALSE(retries(true, O::kAborted, 0));
  // Not idempotent: only when the server provably did not act on it.
  CHECK_FALSE(retries(false, O::kCompleted, 500));
  CHECK_FALSE(retries(false, O::kCompleted, 408));
  CHECK_FALSE(retries(false, O::kInterrupted, 0));
  CHECK(retries(false, O::kNotSent, 0));
  CHECK(retries(false, O::kCompleted, 429));
  // The attempt budget.
  CHECK(retries(true, O::kCompleted, 503, 3));
  CHECK_FALSE(retries(true, O::kCompleted, 503, 4));
  // Retry-After wins over backoff, capped.
  auto d = policy.Decide(true, 1, {O::kCompleted, 429, milliseconds(2000)});
  CHECK(d.delay >= milliseconds(2000));
  CHECK(d.delay < milliseconds(2100));
  d = policy.Decide(true, 1, {O::kCompleted, 429, milliseconds(600'000)});
  CHECK(d.delay < milliseconds(5100));
  // Backoff doubles and is capped, jittered within [d/2, d].
  for (int attempt = 1; attempt <= 10; ++attempt) {
    const auto ceiling = std::min<std::int64_t>(1000, 100LL << (attempt - 1));
    const auto b = policy.Backoff(attempt);
    CHECK(b.count() >= ceiling / 2);
    CHECK(b.count() <= ceiling);
  }
}

TEST_CASE("Endpoint paths: references encoded, routes as templates", "[endpoints]") {
  using namespace endpoints;
  CHECK(EncodeSegment("a b#c/d?é") == "a%20b%23c%2Fd%3F%C3%A9");
  CHECK(Segment(Reference::ByExternalId("ext id#1")) == "external-id/ext%20id%231");
  CHECK(Segment(Reference::ByCodename("about_us")) == "codename/about_us");
  auto r = GetVariant(Reference::ByExternalId("x y"), Reference::ByCodename("en"));
  CHECK(r.method == Method::kGet);
  CHECK(r.path == "/items/external-id/x%20y/variants/codename/en");
  CHECK(r.route == "/items/{id}/variants/{id}");
  CHECK(r.object == "variant of item external_id:x y in language codename:en");
  CHECK(ListSpaces().array_key.empty());
  CHECK(ListWorkflows().array_key.empty());
  CHECK(ListWebhooks().request.path == "/webhooks-vnext");
  CHECK(ListRenditions(Reference::ById("a")).array_key == "asset_renditions");
  CHECK(ListRoles().array_key == "roles");
  CHECK(ListValidationIssues("t1").request.path == "/validate-async/tasks/t1/issues");
  CHECK(Unpublish(Reference::ById("i"), Reference::ById("l"), "").path == "/items/i/variants/l/unpublish-and-archive");
  CHECK(ListComponentsByType(Reference::ByCodename("t")).request.path == "/types/codename/t/components");
  CHECK(ListVariantsBySpace(Reference::ByCodename("s")).request.path == "/spaces/codename/s/variants");
  CHECK(ListVariantsByCollection(Reference::ByCodename("c")).request.path == "/collections/codename/c/variants");
  CHECK(RenameEnvironment("[]").method == Method::kPatch);
  CHECK(RenameEnvironment("[]").path.empty());
  CHECK(MarkAsProduction("{}").path == "/mark-environment-as-production");
  CHECK(CloneEnvironment("{}").method == Method::kPost);
  CHECK(GetCloningState().path == "/environment-cloning-state");
  CHECK(UploadFile("a b#.png").path == "/files/a%20b%23.png");
}

TEST_CASE("Error bodies: every field read and written back", "[errors]") {
  const std::string body =
      R"({"request_id":"r1","error_code":5,"message":"m","validation_errors":[{"message":"v1","path":"elements[0]","element":{"id":"e"}},{"message":"v2"}],"extra":[1]})";
  auto parsed = ApiErrorBody::Parse(body);
  REQUIRE(parsed);
  CHECK(parsed->request_id == "r1");
  CHECK(parsed->error_code == 5);
  REQUIRE(parsed->validation_errors.size() == 2);
  CHECK(parsed->validation_errors[0].path == "elements[0]");
  auto original = ParseJson(body);
  auto written = ParseJson(parsed->ToJson());
  REQUIRE(written.ok());
  CHECK(*original == *written);
  CHECK_FALSE(ApiErrorBody::Parse("<html>502 Bad Gateway</html>"));
  Request request;
  request.method = Method::kGet;
  request.route = "/items";
  CHECK(StatusFromResponse(request, 502, "<html>502 Bad Gateway</html>").code() == StatusCode::kUnavailable);
  CHECK_THAT(StatusFromResponse(request, 502, "<html>502 Bad Gateway</html>").message(),
             Catch::Contains("502 Bad Gateway"));
  CHECK(StatusFromResponse(request, 429, "").code() == StatusCode::kRateLimited);
}

TEST_CASE("Request stats render as JSON", "[stats]") {
  RequestStatsRecorder recorder;
  recorder.RecordAttempt("GET /items", 200, 0, 100, false, std::chrono::milliseconds(5));
  recorder.RecordAttempt("GET /items", 429, 0, 2, false, std::chrono::milliseconds(0));
  recorder.RecordAttempt("GET /items", 200, 0, 100, true, std::chrono::milliseconds(0));
  recorder.RecordDownload(200, 1000, true, false);
  const RequestStats stats = recorder.Snapshot();
  CHECK(stats.api_requests == 3);
  CHECK(stats.retries == 1);
  CHECK(stats.rate_limited == 1);
  CHECK(stats.bytes_in == 1202);
  auto json = ParseJson(stats.ToJson());
  REQUIRE(json.ok());
  CHECK(IntMember(*json, "api_requests") == 3);
  CHECK(IntMember(*json, "pacing_wait_ms") == 5);
  const JsonValue* requests = Member(*json, "requests");
  REQUIRE(requests != nullptr);
  const JsonValue* items = Member(*requests, "GET /items");
  REQUIRE(items != nullptr);
  CHECK(IntMember(*items, "200") == 2);
  CHECK(IntMember(*items, "429") == 1);
}

}  // namespace kbulk::api
