// Reliability and pacing: an export under injected faults equals a fault-free one; an export against a
// scaled-down rate limit receives no 429.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>

#include "core/json.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

ProcessResult Export(const Emulator& emu, const std::string& archive, const std::vector<std::string>& flags) {
  std::vector<std::string> args = {"export", "-o", archive, "--json"};
  for (const auto& a : emu.ConnectionArgs()) args.push_back(a);
  args.insert(args.end(), flags.begin(), flags.end());
  return RunKbulk(args, emu.ConnectionEnv());
}

}  // namespace

TEST_CASE("an export under injected faults equals a fault-free export", "[exporter][faults]") {
  const char* seed = "11";
  INFO("fault seed " << seed);
  TempDir dir;
  Emulator clean({"--seed", "sample", "--rate-limit", "off"});
  Emulator faulty({"--seed", "sample", "--rate-limit", "off", "--faults",
                   std::string("429=0.05,500=0.03,reset=0.02,truncate=0.01,seed=") + seed});
  auto a = Export(clean, dir / "clean.tar.zst", {});
  INFO(a.err);
  REQUIRE(a.exit_code == 0);
  auto b = Export(faulty, dir / "faulty.tar.zst", {});
  INFO(b.err);
  REQUIRE(b.exit_code == 0);
  auto summary = ParseJson(b.out);
  REQUIRE(summary.ok());
  CHECK(*IntMember((*summary)["requests"], "retries") > 0);  // faults really happened
  auto diff = RunKbulk({"diff", dir / "clean.tar.zst", dir / "faulty.tar.zst"});
  INFO(diff.out << diff.err);
  CHECK(diff.exit_code == 0);
}

TEST_CASE("an export paced to a scaled-down limit receives no 429", "[exporter][pacing]") {
  // 50/s and 600/min (the scaled-down limit) with 10 objects per page: about 300 requests.
  Emulator emu({"--seed", "synthetic:items=1500,languages=1,assets=0,seed=3", "--rate-limit", "50/s,600/min",
                "--page-size", "10"});
  TempDir dir;
  auto started = std::chrono::steady_clock::now();
  auto run = Export(emu, dir / "paced.tar.zst", {"--rate-limit", "50/s,600/min", "--latest-only"});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto stats = ParseJson(emu.Get("/_emulator/stats"));
  REQUIRE(stats.ok());
  CHECK(*IntMember(*stats, "rate_limited") == 0);
  auto summary = ParseJson(run.out);
  REQUIRE(summary.ok());
  auto requests = *IntMember((*summary)["requests"], "api_requests");
  CHECK(*IntMember((*summary)["requests"], "rate_limited") == 0);
  // The bound the limit implies (below 600 requests the per-second window decides): requests / 50 s.
  double bound = static_cast<double>(requests) / 50.0;
  WARN("paced export: " << requests << " requests in " << seconds << " s; the limit implies >= " << bound << " s");
  CHECK(requests > 250);
}

TEST_CASE("binaries lost for good fail the export, or are listed as missing with --allow-partial",
          "[exporter][faults]") {
  TempDir dir;
  Emulator emu({"--seed", "sample", "--rate-limit", "off", "--faults", "binary_lost=1,seed=5"});
  auto strict = Export(emu, dir / "strict.tar.zst", {});
  CHECK(strict.exit_code == 4);
  CHECK(strict.err.find("--allow-partial") != std::string::npos);
  CHECK(access((dir / "strict.tar.zst").c_str(), F_OK) != 0);  // no archive that looks whole

  auto partial = Export(emu, dir / "partial.tar.zst", {"--allow-partial"});
  INFO(partial.err);
  CHECK(partial.exit_code == 3);
  auto summary = ParseJson(partial.out);
  REQUIRE(summary.ok());
  REQUIRE((*summary)["failures"].Size() > 0);
  CHECK(std::string((*summary)["failures"][0]["kind"].GetString()) == "asset");

  auto inspect = RunKbulk({"inspect", dir / "partial.tar.zst", "--json"});
  REQUIRE(inspect.exit_code == 0);
  auto doc = ParseJson(inspect.out);
  REQUIRE(doc.ok());
  CHECK((*doc)["missing"].Size() == (*summary)["failures"].Size());
  CHECK((*doc)["totals"].HasMember("blobs") == false);
}
