// The progress display: on a terminal it redraws one line in place (carriage return + erase line); piped, it
// prints plain lines only, with no control characters.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/kbulk_process.h"

namespace {

using kbulk::testing::Emulator;
using kbulk::testing::RunKbulk;
using kbulk::testing::RunShell;
using kbulk::testing::TempDir;

std::string Quote(const std::string& s) {
  return "'" + s + "'";
}

}  // namespace

TEST_CASE("export under a pseudo-terminal redraws its progress line in place") {
  // Latency makes the listing take long enough for in-place updates between phases.
  Emulator emu({"--seed", "sample", "--rate-limit", "off", "--latency-ms", "20"});
  TempDir dir;
  std::string command = "KONTENT_API_KEY=" + emu.api_key() + " python3 " +
                        Quote(std::string(KBULK_SOURCE_DIR) + "/tests/cli_progress/run_in_pty.py") + " " +
                        Quote(KBULK_BINARY) + " export --rate-limit off -o " + Quote(dir / "a.tar.zst");
  for (const auto& arg : emu.ConnectionArgs()) command += " " + Quote(arg);
  auto run = RunShell(command);
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("\r\033[Kkbulk: ") != std::string::npos);
  CHECK(run.out.find("done in") != std::string::npos);
}

TEST_CASE("export with standard error piped prints plain progress lines without control characters") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::vector<std::string> args = {"export", "--rate-limit", "off", "-o", dir / "a.tar.zst"};
  for (const auto& arg : emu.ConnectionArgs()) args.push_back(arg);
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.find("done in") != std::string::npos);
  for (char c : run.err) {
    bool control = static_cast<unsigned char>(c) < 0x20 && c != '\n';
    CHECK_FALSE(control);
    if (control) break;
  }
  std::size_t start = 0;
  while (start < run.err.size()) {
    std::size_t end = run.err.find('\n', start);
    std::string line = run.err.substr(start, end - start);
    CHECK(line.rfind("kbulk: ", 0) == 0);
    if (end == std::string::npos) break;
    start = end + 1;
  }
}
