// Unit tests of the emulator's parts that need no HTTP: faults, rate limits, tokens, routing, patches.
#include <catch2/catch.hpp>

#include <chrono>

#include "emulator/fault_injector.h"
#include "emulator/json_patch.h"
#include "emulator/object_table.h"
#include "emulator/pagination.h"
#include "emulator/rate_limiter.h"
#include "emulator/router.h"

using namespace kbulk;
using namespace kbulk::emulator;

TEST_CASE("fault decisions are a pure function of seed and request number", "[emulator][faults]") {
  auto spec = ParseFaultSpec("429=0.05,500=0.02,503=0.02,reset=0.01,truncate=0.01,seed=7");
  REQUIRE(spec.ok());
  FaultInjector a(*spec), b(*spec);
  int faults = 0;
  for (int n = 0; n < 5000; ++n) {
    Fault fa = a.Next();
    REQUIRE(fa == b.Next());
    if (fa != Fault::kNone) ++faults;
  }
  // 11% configured: the counter-based hash lands near it.
  CHECK(faults > 400);
  CHECK(faults < 700);
  auto other = ParseFaultSpec("429=0.05,500=0.02,503=0.02,reset=0.01,truncate=0.01,seed=8");
  FaultInjector c(*other);
  int differences = 0;
  for (int n = 0; n < 2000; ++n) differences += a.Decide(n) != c.Decide(n);
  CHECK(differences > 0);
}

TEST_CASE("fault specs are validated", "[emulator][faults]") {
  CHECK_FALSE(ParseFaultSpec("429=2").ok());
  CHECK_FALSE(ParseFaultSpec("teapot=0.1").ok());
  CHECK_FALSE(ParseFaultSpec("429=0.6,500=0.6").ok());
  CHECK_FALSE(ParseFaultSpec("seed=x").ok());
  CHECK(ParseFaultSpec("").ok());
  CHECK_FALSE(ParseFaultSpec("").value().enabled());
}

TEST_CASE("real rate limit admits 10 per second and 400 per minute, then says how long to wait", "[emulator][rate]") {
  auto limit = ParseRateLimit("real");
  REQUIRE(limit.ok());
  CHECK(limit->per_second == 10);
  CHECK(limit->per_minute == 400);
  auto now = std::chrono::steady_clock::time_point() + std::chrono::hours(1);
  RateLimiter limiter(*limit, [&] { return now; });
  for (int i = 0; i < 10; ++i) REQUIRE_FALSE(limiter.Admit("env").has_value());
  auto retry = limiter.Admit("env");
  REQUIRE(retry.has_value());
  CHECK(*retry == 1);
  CHECK_FALSE(limiter.Admit("other-env").has_value());  // per environment
  // Spread 390 more over the minute at 10 per second, then the minute window rejects.
  for (int s = 1; s < 40; ++s) {
    now += std::chrono::seconds(1);
    for (int i = 0; i < 10; ++i) REQUIRE_FALSE(limiter.Admit("env").has_value());
  }
  now += std::chrono::seconds(1);
  auto minute_retry = limiter.Admit("env");
  REQUIRE(minute_retry.has_value());
  CHECK(*minute_retry == 20);  // the oldest request leaves the minute window 20 s from now
}

TEST_CASE("rate limit specs", "[emulator][rate]") {
  CHECK(ParseRateLimit("off")->enabled() == false);
  auto custom = ParseRateLimit("3/s,50/min");
  REQUIRE(custom.ok());
  CHECK(custom->per_second == 3);
  CHECK(custom->per_minute == 50);
  CHECK_FALSE(ParseRateLimit("3/hour").ok());
  CHECK_FALSE(ParseRateLimit("fast").ok());
}

TEST_CASE("continuation tokens round-trip and reject foreign tokens", "[emulator][pagination]") {
  for (std::uint64_t seq : {1ULL, 101ULL, 123456789ULL}) CHECK(DecodeContinuation(EncodeContinuation(seq)) == seq);
  CHECK_FALSE(DecodeContinuation("MTAw").has_value());  // base64("100"), not ours
  CHECK_FALSE(DecodeContinuation("!!!").has_value());
}

TEST_CASE("object table pages are positions, stable under deletes", "[emulator][pagination]") {
  ObjectTable table;
  for (int i = 0; i < 5; ++i) table.Put({"id" + std::to_string(i), "c" + std::to_string(i), "", "{}", 0});
  ObjectPage first = table.Page(0, 2);
  REQUIRE(first.objects.size() == 2);
  REQUIRE(first.next_seq != 0);
  table.Erase("id2");
  ObjectPage second = table.Page(first.next_seq, 2);
  REQUIRE(second.objects.size() == 2);
  CHECK(second.objects[0]->id == "id3");
  CHECK(second.next_seq == 0);
  CHECK(table.FindByCodename("c4")->id == "id4");
  CHECK(table.FindByCodename("c2") == nullptr);
}

TEST_CASE("router joins codename/external-id segments and prefers literal routes", "[emulator][router]") {
  Router router;
  router.Add("GET", "/v2/projects/{environment_id}/items/{item_identifier}", nullptr);
  router.Add("GET", "/v2/projects/{environment_id}/items/{item_identifier}/variants/{language_identifier}", nullptr);
  router.Add("PUT", "/v2/projects/{environment_id}/items/{item_identifier}/variants/{language_identifier}/publish",
             nullptr);
  bool other = false;
  auto m = router.Find("GET", "/v2/projects/e1/items/external-id/a%2Fb/variants/codename/de-DE", &other);
  REQUIRE(m.has_value());
  CHECK(m->params["item_identifier"] == "external-id/a/b");
  CHECK(m->params["language_identifier"] == "codename/de-DE");
  CHECK_FALSE(router.Find("POST", "/v2/projects/e1/items/x", &other).has_value());
  CHECK(other);  // exists for another method: 405
  CHECK_FALSE(router.Find("GET", "/v2/projects/e1/nothing", &other).has_value());
  CHECK_FALSE(other);
}

TEST_CASE("patch operations with path references", "[emulator][patch]") {
  JsonDocument doc = ParseJson(R"({"name":"T","elements":[{"id":"1","codename":"a","type":"text"},)"
                               R"({"id":"2","codename":"b","type":"multiple_choice","options":[{"codename":"x"}]}]})")
                         .value();
  auto ops =
      ParseJson(
          R"([{"op":"replace","path":"/name","value":"New"},)"
          R"({"op":"addInto","path":"/elements/codename:b/options","value":{"codename":"y"}},)"
          R"({"op":"addInto","path":"/elements","value":{"codename":"c","type":"number"},"before":{"codename":"a"}},)"
          R"({"op":"remove","path":"/elements/id:1"},)"
          R"({"op":"move","path":"/elements/codename:b","before":{"codename":"c"}}])")
          .value();
  auto errors = ApplyPatch(doc, ops);
  REQUIRE(errors.empty());
  CHECK(std::string(doc["name"].GetString()) == "New");
  REQUIRE(doc["elements"].Size() == 2);
  CHECK(std::string(doc["elements"][0]["codename"].GetString()) == "b");
  CHECK(std::string(doc["elements"][1]["codename"].GetString()) == "c");
  CHECK(doc["elements"][0]["options"].Size() == 2);
  auto blocks =
      ParseJson(R"([{"op":"addInto","path":"/elements/codename:b/allowed_blocks","value":["images","tables"]},)"
                R"({"op":"remove","path":"/elements/codename:b/allowed_blocks","value":["images"]}])")
          .value();
  REQUIRE(ApplyPatch(doc, blocks).empty());
  REQUIRE(doc["elements"][0]["allowed_blocks"].Size() == 1);
  CHECK(std::string(doc["elements"][0]["allowed_blocks"][0].GetString()) == "tables");
  auto bad = ParseJson(R"([{"op":"remove","path":"/elements/codename:missing"}])").value();
  CHECK_FALSE(ApplyPatch(doc, bad).empty());
  auto none = ParseJson("[]").value();
  CHECK(ApplyPatch(doc, none).front().message.find("No patch operations") == 0);
}
