// Ctrl-C (a real SIGINT to a real process) for export and import: exit 130, no file left in the output,
// staging or temporary directory, the import's message names --resume and the resumed import completes.
// The emulator's latency keeps the runs long enough to be interrupted in the middle.
#include <signal.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/json.h"
#include "tests/resume/resume_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

const char* kSeed = "synthetic:items=120,languages=1,assets=12,asset_kb=64,seed=9";

std::vector<std::string> ExportArgs(const Emulator& emu, const std::string& out, const std::string& staging) {
  std::vector<std::string> args = {"export", "-o", out, "--rate-limit", "off", "--staging-dir", staging};
  for (const auto& a : emu.ConnectionArgs(0)) args.push_back(a);
  return args;
}

}  // namespace

TEST_CASE("Ctrl-C stops an export: exit 130, no archive and no staged file left", "[interrupt][e2e]") {
  Emulator emu({"--seed", kSeed, "--rate-limit", "off", "--latency-ms", "20"});
  TempDir dir;
  std::filesystem::create_directories(dir / "out");
  std::filesystem::create_directories(dir / "staging");
  KbulkChild child(ExportArgs(emu, dir / "out/a.tar.zst", dir / "staging"), emu.ConnectionEnv(), dir.path());
  // Interrupted while the archive's temporary file exists and variants are being read.
  REQUIRE(WaitFor(child, [&] { return RequestCount(emu, {"GET", "variants"}) >= 3; }));
  CHECK_FALSE(FilesIn(dir / "out").empty());
  child.Signal(SIGINT);
  CHECK(child.Wait() == 130);
  INFO(child.err());
  CHECK(child.err().find("interrupted") != std::string::npos);
  CHECK(FilesIn(dir / "out").empty());
  CHECK(FilesIn(dir / "staging").empty());
}

TEST_CASE("a second Ctrl-C stops an export at once and still removes its files", "[interrupt][e2e]") {
  Emulator emu({"--seed", kSeed, "--rate-limit", "off", "--latency-ms", "400"});
  TempDir dir;
  std::filesystem::create_directories(dir / "out");
  std::filesystem::create_directories(dir / "staging");
  KbulkChild child(ExportArgs(emu, dir / "out/a.tar.zst", dir / "staging"), emu.ConnectionEnv(), dir.path());
  REQUIRE(WaitFor(child, [&] { return !FilesIn(dir / "out").empty(); }));
  child.Signal(SIGINT);
  REQUIRE(WaitFor(child, [&] { return child.err().find("press Ctrl-C again") != std::string::npos; }));
  child.Signal(SIGINT);
  CHECK(child.Wait() == 130);
  INFO(child.err());
  CHECK(child.err().find("stopped at once") != std::string::npos);
  CHECK(FilesIn(dir / "out").empty());
  CHECK(FilesIn(dir / "staging").empty());
}

TEST_CASE("Ctrl-C stops an import: exit 130, the message names --resume, the resumed import completes",
          "[interrupt][e2e]") {
  Emulator emu({"--seed", kSeed, "--environments", "2", "--rate-limit", "off", "--latency-ms", "5"});
  TempDir dir;
  const std::string a = dir / "a.tar.zst";
  ExportCounts(emu, 0, a);
  std::filesystem::create_directories(dir / "tmp");
  const std::uint64_t variants = RequestCount(emu, {"PUT", "/variants/"});
  {
    KbulkChild child(ImportArgs(emu, 1, a, {"--temp-dir", dir / "tmp"}), emu.ConnectionEnv(), dir.path());
    REQUIRE(WaitFor(child, [&] { return RequestCount(emu, {"PUT", "/variants/"}) >= variants + 20; }));
    child.Signal(SIGINT);
    CHECK(child.Wait() == 130);
    const std::string err = child.err();
    INFO(err);
    CHECK(err.find("--resume") != std::string::npos);
    CHECK(err.find(a) != std::string::npos);
    CHECK(FilesIn(dir / "tmp").empty());
    CHECK(std::filesystem::exists(a + ".kbulk-journal"));
  }
  auto resumed = RunKbulk(ImportArgs(emu, 1, a, {"--resume", "--temp-dir", dir / "tmp"}), emu.ConnectionEnv());
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(a + ".kbulk-journal"));
  const std::string b = dir / "b.tar.zst";
  ExportCounts(emu, 1, b);
  auto diff = RunKbulk({"diff", a, b});
  INFO(diff.out);
  CHECK(diff.exit_code == 0);
}
