// Service behaviour around the routes: auth, error bodies, rate limits with Retry-After, reproducible
// faults, and the stats control surface.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "emulator/store_seed_sink.h"
#include "tests/emulator/test_server.h"

using namespace kbulk;
using namespace kbulk::emulator;
using namespace kbulk::emulator::testing;

namespace {
std::string Str(const JsonValue& v) {
  return v.IsString() ? std::string(v.GetString()) : ToJsonString(v);
}
}  // namespace

TEST_CASE("bearer auth: missing or wrong key is 401 with the error body - unknown environment 403", "[emulator][auth]") {
  TestServer t;
  Reply none = t.Call("GET", t.api_base() + "/items", "", {}, false);
  CHECK(none.status == 401);
  JsonDocument body = none.Json();
  CHECK(body.HasMember("request_id"));
  CHECK(body.HasMember("error_code"));
  CHECK(body.HasMember("message"));
  CHECK(t.Call("GET", t.api_base() + "/items", "", {{"Authorization", "Bearer wrong"}}, false).status == 401);
  CHECK(t.Call("GET", t.api_base() + "/items", "", {{"Authorization", "Basic kbulk-emulator-key"}}, false).status ==
        401);
  // The scheme is case-insensitive; the official SDK sends "bearer".
  CHECK(t.Call("GET", t.api_base() + "/items", "", {{"Authorization", "bearer kbulk-emulator-key"}}, false).status ==
        200);
  CHECK(t.Call("GET", "/v2/projects/00000000-0000-4000-8000-00000000dead/items").status == 403);
  CHECK(t.Api("GET", "/no-such-thing").status == 404);
  CHECK(t.Api("DELETE", "/languages").status == 405);
  Reply deep = t.Api("POST", "/items", std::string(100000, '[') + std::string(100000, ']'));
  CHECK(deep.status == 400);  // refused before the recursive parser sees it
  Reply bad_json = t.Api("POST", "/items", "{not json");
  CHECK(bad_json.status == 400);
  CHECK(bad_json.Json()["error_code"].GetInt() == 5);
}

TEST_CASE("real rate limit answers 429 with Retry-After, per environment", "[emulator][rate]") {
  ServerOptions options;
  options.rate_limit = ParseRateLimit("real").value();
  auto now = std::chrono::steady_clock::time_point() + std::chrono::hours(1);
  options.clock = [&now] { return now; };  // frozen: every request falls in the same second
  TestServer t(options);
  for (int i = 0; i < 10; ++i) REQUIRE(t.Api("GET", "/languages").status == 200);
  Reply limited = t.Api("GET", "/languages");
  REQUIRE(limited.status == 429);
  CHECK(limited.headers["Retry-After"] == "1");
  CHECK(limited.Json()["error_code"].GetInt() == 10000);
  // Binaries and the control surface are not rate limited.
  JsonDocument stats = t.Get("/_emulator/stats").Json();
  CHECK(stats["rate_limited"].GetInt() == 1);
  CHECK(stats["requests"]["GET /v2/projects/{environment_id}/languages"]["429"].GetInt() == 1);
  now += std::chrono::seconds(1);
  CHECK(t.Api("GET", "/languages").status == 200);
}

TEST_CASE("faults are reproducible from their seed", "[emulator][faults]") {
  auto run = [](const std::string& spec) {
    ServerOptions options;
    options.faults = ParseFaultSpec(spec).value();
    TestServer t(options);
    std::vector<int> statuses;
    for (int i = 0; i < 60; ++i) statuses.push_back(t.Api("GET", "/languages").status);
    return statuses;
  };
  const std::string spec = "429=0.1,500=0.1,503=0.1,reset=0.1,truncate=0.1,seed=7";
  std::vector<int> first = run(spec);
  CHECK(first == run(spec));
  CHECK(first != run("429=0.1,500=0.1,503=0.1,reset=0.1,truncate=0.1,seed=8"));
  for (int code : {200, 429, 500, 503, 0}) CHECK(std::count(first.begin(), first.end(), code) > 0);
}

TEST_CASE("stats count reads, writes and statuses per route template - reset clears them", "[emulator][stats]") {
  TestServer t;
  REQUIRE(t.Api("GET", "/items").status == 200);
  REQUIRE(t.Api("GET", "/items/codename/missing").status == 404);
  REQUIRE(t.Api("POST", "/items", R"({"name":"S","type":{"codename":"article"}})").status == 201);
  JsonDocument stats = t.Get("/_emulator/stats").Json();
  CHECK(stats["reads"].GetInt() == 2);
  CHECK(stats["writes"].GetInt() == 1);
  CHECK(stats["requests"]["GET /v2/projects/{environment_id}/items/{item_identifier}"]["404"].GetInt() == 1);
  CHECK(stats["requests"]["POST /v2/projects/{environment_id}/items"]["201"].GetInt() == 1);
  REQUIRE(t.Call("POST", "/_emulator/stats/reset", "", {}, false).status == 204);
  JsonDocument cleared = t.Get("/_emulator/stats").Json();
  CHECK(cleared["reads"].GetInt() == 0);
  CHECK(cleared["requests"].ObjectEmpty());
}

TEST_CASE("components in rich text are checked against their own type", "[emulator][elements]") {
  TestServer t;
  REQUIRE(t.Api("PUT", "/items/external-id/c", R"({"name":"C","type":{"codename":"article"}})").status == 201);
  const std::string path = "/items/external-id/c/variants/codename/default";
  Reply bad = t.Api(
      "PUT", path,
      R"({"elements":[{"element":{"codename":"body"},"value":"<p>x</p><object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"aaaaaaaa-0000-4000-8000-000000000001\"></object>","components":[{"id":"aaaaaaaa-0000-4000-8000-000000000001",)"
      R"("type":{"codename":"author"},"elements":[{"element":{"codename":"name"},"value":7}]}]}]})");
  CHECK(bad.status == 400);
  Reply good = t.Api(
      "PUT", path,
      R"({"elements":[{"element":{"codename":"body"},"value":"<p>x</p><object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"aaaaaaaa-0000-4000-8000-000000000001\"></object>","components":[{"id":"aaaaaaaa-0000-4000-8000-000000000001",)"
      R"("type":{"codename":"author"},"elements":[{"element":{"codename":"name"},"value":"Jo"}]}]}]})");
  INFO(good.body);
  REQUIRE(good.status == 201);
  JsonDocument v = good.Json();
  bool found = false;
  for (const JsonValue& e : v["elements"].GetArray())
    if (e.HasMember("components") && e["components"].Size() == 1) {
      found = true;
      CHECK(Str(e["components"][0]["type"]["id"]) == "44444444-0000-0000-0000-000000000002");
    }
  CHECK(found);
  CHECK(t.Api("GET", "/types/codename/author/components").Json()["variants"].Size() == 1);
}

TEST_CASE("binaries put through the seed sink are served at their url", "[emulator][seed]") {
  TestServer t;
  {
    Environment& env = *t.server().store().Find(t.env_id());
    EnvironmentSeedSink sink(env);
    REQUIRE(sink.PutBinary("88888888-0000-4000-8000-000000000001", "notes.txt", "text/plain", "seeded bytes").ok());
    CHECK_FALSE(sink.PutVariant(R"({"item":{"id":"00000000-0000-4000-8000-0000000000ff"},"language":{"id":"x"}})",
                                std::nullopt)
                    .ok());  // a variant before its item is refused
    CHECK_FALSE(sink.Put(EntityKind::kBlob, "{}").ok());
  }
  Reply r = t.Get("/assets/" + t.env_id() + "/88888888-0000-4000-8000-000000000001/notes.txt");
  REQUIRE(r.status == 200);
  CHECK(r.body == "seeded bytes");
  CHECK(r.headers["Content-Type"] == "text/plain");
  CHECK(t.Get("/assets/" + t.env_id() + "/88888888-0000-4000-8000-000000000002/x").status == 404);
}

TEST_CASE("parallel writers to different items all land", "[emulator][concurrency]") {
  TestServer t;
  std::vector<std::thread> writers;
  std::atomic<int> created{0};
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 15; ++i) {
        const std::string ext = "w" + std::to_string(w) + "-" + std::to_string(i);
        if (t.Api("PUT", "/items/external-id/" + ext, R"({"name":")" + ext + R"(","type":{"codename":"article"}})")
                    .status == 201 &&
            t.Api("PUT", "/items/external-id/" + ext + "/variants/codename/default", R"({"elements":[]})").status ==
                201)
          ++created;
      }
    });
  }
  for (auto& th : writers) th.join();
  CHECK(created == 60);
  CHECK(t.Api("GET", "/items").Json()["items"].Size() == 60);
  CHECK(t.Get("/_emulator/stats").Json()["writes"].GetInt() == 120);
}

TEST_CASE("binary downloads get faults from their own reproducible sequence", "[emulator][faults]") {
  auto run = [](const std::string& spec) {
    ServerOptions options;
    options.faults = ParseFaultSpec(spec).value();
    TestServer t(options);
    EnvironmentSeedSink sink(*t.server().store().Find(t.env_id()));
    REQUIRE(sink.PutBinary("88888888-0000-4000-8000-000000000001", "b.bin", "application/octet-stream",
                           std::string(10000, 'b'))
                .ok());
    std::vector<int> statuses;
    for (int i = 0; i < 40; ++i) {
      Reply r = t.Get("/assets/" + t.env_id() + "/88888888-0000-4000-8000-000000000001/b.bin");
      if (r.status == 200) REQUIRE(r.body.size() == 10000);  // a 200 always carries the whole file
      statuses.push_back(r.status);
    }
    return statuses;
  };
  const std::string spec = "500=0.2,reset=0.2,truncate=0.2,seed=3";
  std::vector<int> first = run(spec);
  CHECK(first == run(spec));
  CHECK(std::count(first.begin(), first.end(), 0) > 0);  // cut connections
  CHECK(std::count(first.begin(), first.end(), 500) > 0);
  CHECK(std::count(first.begin(), first.end(), 200) > 0);
}
