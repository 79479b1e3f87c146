// The synthetic seed: counts equal the spec, output is a function of the spec (same seed, same bytes;
// another seed, other bytes), references are in dependency order, and bad specs name the bad key.
#include <catch2/catch.hpp>

#include <set>

#include "emulator/seeds/synthetic_spec.h"
#include "recording_sink.h"

namespace kbulk::emulator::testing {
namespace {

RecordingSink Run(const std::string& spec) {
  RecordingSink sink;
  SeedOptions options;
  options.spec = spec;
  options.base_url = "http://127.0.0.1:9";
  options.environment_id = "env";
  Status s = RunSeed(options, sink);
  INFO(spec << ": " << s.ToString());
  REQUIRE(s.ok());
  return sink;
}

TEST_CASE("synthetic: counts equal the spec") {
  RecordingSink sink = Run("synthetic:items=40,languages=3,assets=5,asset_kb=2,seed=7");
  CHECK(sink.Objects(EntityKind::kItem).size() == 40);
  CHECK(sink.Variants().size() == 120);
  CHECK(sink.Objects(EntityKind::kLanguage).size() == 3);
  CHECK(sink.Objects(EntityKind::kAsset).size() == 5);
  auto binaries = sink.Binaries();
  REQUIRE(binaries.size() == 5);
  for (const auto* b : binaries) CHECK(b->bytes.size() == 2048);
  std::size_t with_published = 0;
  for (const auto* v : sink.Variants()) with_published += v->published.has_value();
  CHECK(with_published == 5 * 3);  // items 6, 14, 22, 30, 38 (i mod 8 == 6) in three languages
}

TEST_CASE("synthetic: every put is JSON in dependency order") {
  RecordingSink sink = Run("synthetic:items=25,languages=2,assets=3,asset_kb=1,seed=3");
  auto problems = DependencyProblems(sink.puts);
  for (const auto& p : problems) UNSCOPED_INFO(p);
  CHECK(problems.empty());
}

TEST_CASE("synthetic: the same spec gives the same output, another seed another") {
  const std::string a = Run("synthetic:items=30,languages=2,assets=2,asset_kb=3,seed=11").Digest();
  CHECK(a == Run("synthetic:seed=11,asset_kb=3,assets=2,languages=2,items=30").Digest());
  CHECK(a != Run("synthetic:items=30,languages=2,assets=2,asset_kb=3,seed=12").Digest());
  // Without assets the seed still changes ids and text.
  CHECK(Run("synthetic:items=3,seed=1").Digest() != Run("synthetic:items=3,seed=2").Digest());
}

TEST_CASE("synthetic: binaries are incompressible and differ per asset") {
  RecordingSink sink = Run("synthetic:items=1,assets=3,asset_kb=4,seed=5");
  auto binaries = sink.Binaries();
  REQUIRE(binaries.size() == 3);
  CHECK(binaries[0]->bytes != binaries[1]->bytes);
  std::set<char> distinct(binaries[0]->bytes.begin(), binaries[0]->bytes.end());
  CHECK(distinct.size() > 250);  // 4096 pseudo-random bytes cover nearly every byte value
}

TEST_CASE("synthetic: one item and one language link nothing but still seed") {
  RecordingSink sink = Run("synthetic:items=1,languages=1,assets=0");
  CHECK(sink.Variants().size() == 1);
  CHECK(DependencyProblems(sink.puts).empty());
  CHECK(Run("synthetic").Objects(EntityKind::kItem).size() == 100);  // defaults
}

TEST_CASE("synthetic: 100,000 variants through a counting sink") {
  CountingSink sink;
  SeedOptions options;
  options.spec = "synthetic:items=50000,languages=2,seed=1";
  REQUIRE(RunSeed(options, sink).ok());
  CHECK(sink.items == 50000);
  CHECK(sink.variants == 100000);
  CHECK(sink.published_versions == 50000 / 8 * 2);
}

TEST_CASE("synthetic: bad specs name the bad key") {
  struct Case {
    const char* spec;
    const char* mentions;
  };
  for (const Case& c : {Case{"synthetic:itemz=3", "'itemz'"}, Case{"synthetic:items=3,items=4", "'items'"},
                        Case{"synthetic:items=", "'items'"}, Case{"synthetic:items=-1", "'items'"},
                        Case{"synthetic:items=1x", "'items'"}, Case{"synthetic:languages=0", "'languages'"},
                        Case{"synthetic:languages=101", "'languages'"}, Case{"synthetic:asset_kb=0", "'asset_kb'"},
                        Case{"synthetic:asset_kb=999999", "'asset_kb'"}, Case{"synthetic:seed", "'seed'"},
                        Case{"synthetic:items=1,", "trailing"}, Case{"synthetic:items=1,,seed=2", "empty"},
                        Case{"synthetic:items=99999999999999999999999", "'items'"},
                        Case{"synthetic;items=1", "unknown seed"}, Case{"samples", "unknown seed"}}) {
    RecordingSink sink;
    SeedOptions options;
    options.spec = c.spec;
    Status s = RunSeed(options, sink);
    INFO(c.spec << " -> " << s.ToString());
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message().find(c.mentions) != std::string::npos);
    CHECK(sink.puts.empty());
  }
}

TEST_CASE("seeds: empty puts nothing") {
  RecordingSink sink;
  SeedOptions options;
  options.spec = "empty";
  REQUIRE(RunSeed(options, sink).ok());
  CHECK(sink.puts.empty());
}

}  // namespace
}  // namespace kbulk::emulator::testing
