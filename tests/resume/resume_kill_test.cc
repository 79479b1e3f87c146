// Imports killed with SIGKILL at chosen and at random moments, each followed by --resume: the target ends
// as a clean copy of the source (kbulk diff) with no duplicated items or assets. The moments are detected
// from the journal and the emulator's request counts; the emulator's latency makes the run long enough.
#include <signal.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>
#include <random>

#include "core/json.h"
#include "tests/resume/resume_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

// A few hundred items and variants in every workflow state, assets with binaries.
const char* kSeed = "synthetic:items=200,languages=1,assets=12,asset_kb=2,seed=5";

// The connection plus a TMPDIR inside the test's directory: a killed import cannot remove its blob directory.
std::map<std::string, std::string> Env(const Emulator& emu, const TempDir& dir) {
  auto env = emu.ConnectionEnv();
  std::filesystem::create_directories(dir / "tmp");
  env["TMPDIR"] = dir / "tmp";
  return env;
}

std::uint64_t Writes(const Emulator& emu) {
  auto doc = ParseJson(emu.Get("/_emulator/stats"));
  REQUIRE(doc.ok());
  return static_cast<std::uint64_t>(IntMember(*doc, "writes").value_or(0));
}

// The last resume, then: exit 0, journal gone, target exported and diffed clean against the source, the
// same number of items, assets and variants.
void FinishAndCompare(const Emulator& emu, const TempDir& dir, const std::string& a,
                      const std::map<std::string, long>& source) {
  auto done = RunKbulk(ImportArgs(emu, 1, a, {"--resume"}), Env(emu, dir));
  INFO(done.err);
  REQUIRE(done.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(a + ".kbulk-journal"));
  const std::string b = dir / "b.tar.zst";
  auto copy = ExportCounts(emu, 1, b);
  for (const char* kind : {"items", "assets", "variants"}) {
    INFO(kind);
    CHECK(copy[kind] == source.at(kind));
  }
  auto diff = RunKbulk({"diff", a, b});
  INFO(diff.out << diff.err);
  CHECK(diff.exit_code == 0);
}

}  // namespace

TEST_CASE("an import killed after the model, mid-assets and mid-variants resumes to a clean copy", "[resume][e2e]") {
  Emulator emu({"--seed", kSeed, "--environments", "2", "--rate-limit", "off", "--latency-ms", "4"});
  TempDir dir;
  const std::string a = dir / "a.tar.zst", journal = a + ".kbulk-journal";
  auto source = ExportCounts(emu, 0, a);
  REQUIRE(source["items"] == 200);

  {  // 1: once the journal says the model is written
    KbulkChild child(ImportArgs(emu, 1, a), Env(emu, dir), dir.path());
    REQUIRE(WaitFor(child, [&] { return ReadFileBytes(journal).find(R"("step":"model")") != std::string::npos; }));
    child.Signal(SIGKILL);
    REQUIRE(child.Wait() == -SIGKILL);
  }
  {  // without --resume the journal stops the import
    auto refused = RunKbulk(ImportArgs(emu, 1, a), emu.ConnectionEnv());
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--resume") != std::string::npos);
    CHECK(refused.err.find("--restart") != std::string::npos);
  }
  {
    const std::uint64_t assets = RequestCount(emu, {"PUT", "/assets/"});
    {  // 2: a few asset upserts into the assets
      KbulkChild child(ImportArgs(emu, 1, a, {"--resume"}), Env(emu, dir), dir.path());
      REQUIRE(WaitFor(child, [&] { return RequestCount(emu, {"PUT", "/assets/"}) >= assets + 3; }));
      child.Signal(SIGKILL);
      REQUIRE(child.Wait() == -SIGKILL);
    }
    const std::uint64_t variants = RequestCount(emu, {"PUT", "/variants/"});
    {  // 3: in the middle of the variants (workflow actions included)
      KbulkChild child(ImportArgs(emu, 1, a, {"--resume"}), Env(emu, dir), dir.path());
      REQUIRE(WaitFor(child, [&] { return RequestCount(emu, {"PUT", "/variants/"}) >= variants + 60; }));
      child.Signal(SIGKILL);
      REQUIRE(child.Wait() == -SIGKILL);
    }
    CHECK(ReadFileBytes(journal).find(R"("step":"assets")") != std::string::npos);
    FinishAndCompare(emu, dir, a, source);
  }
}

TEST_CASE("an import killed at random moments resumes to a clean copy", "[resume][e2e]") {
  std::uint64_t seed = 20261130;  // fixed, so the run is repeatable; KBULK_TEST_SEED tries others
  if (const char* fixed = std::getenv("KBULK_TEST_SEED")) seed = std::stoull(fixed);
  std::cout << "resume random kill test: seed " << seed << " (KBULK_TEST_SEED=" << seed << " repeats it)\n";
  INFO("seed " << seed);
  std::mt19937_64 random(seed);
  Emulator emu({"--seed", kSeed, "--environments", "2", "--rate-limit", "off", "--latency-ms", "2"});
  TempDir dir;
  const std::string a = dir / "a.tar.zst";
  auto source = ExportCounts(emu, 0, a);
  bool first = true;
  for (int kill = 0; kill < 3; ++kill) {
    const std::uint64_t at = Writes(emu) + std::uniform_int_distribution<std::uint64_t>(1, 250)(random);
    INFO("kill " << kill << " after write " << at);
    KbulkChild child(ImportArgs(emu, 1, a, first ? std::vector<std::string>{} : std::vector<std::string>{"--resume"}),
                     Env(emu, dir), dir.path());
    first = false;
    if (!WaitFor(child, [&] { return Writes(emu) >= at; })) {
      INFO(child.err());
      REQUIRE(child.Wait() == 0);  // finished before the moment came
      break;
    }
    child.Signal(SIGKILL);
    REQUIRE(child.Wait() == -SIGKILL);
  }
  FinishAndCompare(emu, dir, a, source);
}

TEST_CASE("a journal of another archive or target is refused - --restart starts over", "[resume][e2e]") {
  Emulator emu({"--seed", kSeed, "--environments", "3", "--rate-limit", "off", "--latency-ms", "2"});
  TempDir dir;
  const std::string a = dir / "a.tar.zst", journal = a + ".kbulk-journal";
  ExportCounts(emu, 0, a);
  {
    KbulkChild child(ImportArgs(emu, 1, a), Env(emu, dir), dir.path());
    REQUIRE(WaitFor(child, [&] { return ReadFileBytes(journal).find(R"("step":"model")") != std::string::npos; }));
    child.Signal(SIGKILL);
    child.Wait();
  }
  const std::string kept = ReadFileBytes(journal);
  CHECK(kept.find(emu.api_key()) == std::string::npos);

  auto other_target = RunKbulk(ImportArgs(emu, 2, a, {"--resume"}), emu.ConnectionEnv());
  CHECK(other_target.exit_code == 4);
  CHECK(other_target.err.find("belongs to an import into environment " + emu.environment_id(1)) != std::string::npos);

  const std::string c = dir / "c.tar.zst";
  {
    std::vector<std::string> args = {"export", "-o", c, "--rate-limit", "off", "--quiet", "--exclude", "webhooks"};
    for (const auto& arg : emu.ConnectionArgs(0)) args.push_back(arg);
    REQUIRE(RunKbulk(args, emu.ConnectionEnv()).exit_code == 0);
  }
  auto other_archive = RunKbulk(ImportArgs(emu, 1, c, {"--resume", "--journal", journal}), emu.ConnectionEnv());
  CHECK(other_archive.exit_code == 4);
  CHECK(other_archive.err.find("belongs to another archive") != std::string::npos);
  CHECK(ReadFileBytes(journal) == kept);  // a refusal leaves the journal as it was

  auto stdin_resume = RunKbulk(ImportArgs(emu, 1, "-", {"--resume"}), emu.ConnectionEnv());
  CHECK(stdin_resume.exit_code == 2);
  CHECK(stdin_resume.err.find("--journal FILE") != std::string::npos);

  auto restarted = RunKbulk(ImportArgs(emu, 1, a, {"--restart"}), emu.ConnectionEnv());
  INFO(restarted.err);
  CHECK(restarted.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(journal));
}
