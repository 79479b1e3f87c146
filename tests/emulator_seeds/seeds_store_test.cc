// The seeds through the emulator's own sink (EnvironmentSeedSink): the store accepts every object and
// holds what the seed describes.
#include <catch2/catch.hpp>

#include "emulator/environment.h"
#include "emulator/seeds/sample_ids.h"
#include "emulator/store_seed_sink.h"

namespace kbulk::emulator::testing {
namespace {

TEST_CASE("store: the sample seeds a new environment") {
  Store store;
  Environment& env = store.Create("Production", true);
  EnvironmentSeedSink sink(env);
  SeedOptions options;
  options.spec = "sample";
  options.base_url = "http://127.0.0.1:1";
  options.environment_id = env.id;
  Status s = RunSeed(options, sink);
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(env.languages.size() == 3);
  CHECK(env.languages.FindByCodename("en-US") != nullptr);
  CHECK(env.languages.FindByCodename("default") == nullptr);  // the seed's default replaced the new one
  CHECK(env.collections.size() == 3);
  CHECK(env.workflows.size() == 2);
  CHECK(env.types.size() == 5);
  CHECK(env.snippets.size() == 1);
  CHECK(env.assets.size() == 4);
  CHECK(env.binaries.size() == 4);
  CHECK(env.items.size() == 8);
  CHECK(env.variants.size() == 16);
  const StoredVariant* on_roasts = env.variants.Find(sample::Id("item/on_roasts"), sample::Id("language/en-US"));
  REQUIRE(on_roasts != nullptr);
  CHECK(on_roasts->published.has_value());
  CHECK(env.folders_json.find("coffee_shots") != std::string::npos);
  CHECK(env.preview_configuration_json.find(sample::Id("type/article")) != std::string::npos);
  CHECK(env.renditions.size() == 2);
  CHECK(env.renditions.FindById(sample::Id("rendition/coffee_beans/square")) != nullptr);
  CHECK(env.renditions.FindByExternalId("rendition-coffee-beans-square") != nullptr);
  CHECK(env.web_spotlight.enabled);
  CHECK(env.web_spotlight.root_type_id == sample::Id("type/landing_page"));
}

TEST_CASE("store: Web Spotlight needs its root type put first") {
  Store store;
  Environment& env = store.Create("Production", true);
  EnvironmentSeedSink sink(env);
  Status s = sink.Put(EntityKind::kWebSpotlight, R"({"enabled":true,"root_type":{"id":"no-such-type"}})");
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_FALSE(env.web_spotlight.enabled);
  REQUIRE(sink.Put(EntityKind::kWebSpotlight, R"({"enabled":false,"root_type":null})").ok());
  CHECK_FALSE(env.web_spotlight.enabled);
}

TEST_CASE("store: a synthetic seed fills the store") {
  Store store;
  Environment& env = store.Create("Production", true);
  EnvironmentSeedSink sink(env);
  SeedOptions options;
  options.spec = "synthetic:items=300,languages=2,assets=2,asset_kb=1,seed=9";
  REQUIRE(RunSeed(options, sink).ok());
  CHECK(env.items.size() == 300);
  CHECK(env.variants.size() == 600);
  CHECK(env.languages.size() == 2);
  CHECK(env.binaries.size() == 2);
}

}  // namespace
}  // namespace kbulk::emulator::testing
