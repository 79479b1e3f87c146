// The soak test: three consecutive export -> import -> export rounds, every request of every round under
// the combined faults (10 % in all, every kind), each round starting from the environment the previous
// round wrote. Every archive of the chain must equal the fault-free chain's: nothing lost, nothing
// duplicated, however many rounds the faults had to be survived. Labelled "soak" (ctest -L soak).
#include <catch2/catch.hpp>

#include "tests/faults/fault_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

void Soak(const std::string& seed_spec, std::uint64_t fixed_seed) {
  const std::uint64_t seed = FaultSeed(fixed_seed);
  const std::string spec =
      "429=0.0167,500=0.0167,503=0.0167,reset=0.0167,truncate=0.0167,slow=0.0165,slow_ms=300,503_retry_after=1,"
      "seed=" +
      std::to_string(seed);
  INFO("soak of " << seed_spec << ": --faults " << spec);
  TempDir dir;
  const Reference ref = MakeReference(dir, seed_spec);

  constexpr int kRounds = 3;
  Emulator emu(
      {"--seed", seed_spec, "--environments", std::to_string(kRounds + 1), "--rate-limit", "off", "--faults", spec});
  std::string archive = dir / "round-0.tar.zst";
  ExportEnvironment(emu, 0, archive);
  std::int64_t compared = CheckSame(ref.source, archive);
  for (int round = 1; round <= kRounds; ++round) {
    INFO("round " << round);
    ImportArchive(emu, round, archive);
    archive = dir / ("round-" + std::to_string(round) + ".tar.zst");
    ExportEnvironment(emu, round, archive);  // under faults too: the next round starts from it
    compared += CheckSame(ref.target, archive);
  }
  const auto faults = InjectedFaults(emu);
  CHECK(Total(faults) > 0);
  for (const char* kind : {"429", "500", "503", "reset", "truncate", "slow"}) {
    INFO("fault kind " << kind);
    CHECK(faults.at(kind) > 0);
  }
  PrintFigures("soak " + seed_spec + " (--faults " + spec + "): " + std::to_string(kRounds) + " rounds, faults " +
               Describe({}, faults) + "; objects compared " + std::to_string(compared) + ", lost 0, duplicated 0");
}

}  // namespace

TEST_CASE("soak: three export -> import -> export rounds of the sample under combined faults", "[faults][soak]") {
  Soak("sample", 201);
}

TEST_CASE("soak: three rounds of a synthetic environment under combined faults", "[faults][soak]") {
  Soak("synthetic:items=24,languages=2,assets=4,asset_kb=4,seed=9", 202);
}
