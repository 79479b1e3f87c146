// `kbulk env` against the emulator: info, rename, clone and its status, a wrong key.
#include <catch2/catch.hpp>

#include "tests/support/kbulk_process.h"

using namespace kbulk::testing;

namespace {

ProcessResult Env(const Emulator& emu, std::vector<std::string> args, std::size_t environment = 0) {
  std::vector<std::string> argv = {"env"};
  argv.insert(argv.end(), args.begin(), args.end());
  for (const auto& a : emu.ConnectionArgs(environment)) argv.push_back(a);
  return RunKbulk(argv, emu.ConnectionEnv());
}

}  // namespace

TEST_CASE("kbulk env info, rename, clone and clone-status", "[cli][env]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  auto info = Env(emu, {"info"});
  INFO(info.err);
  REQUIRE(info.exit_code == 0);
  CHECK(info.out.find(emu.environment_id()) != std::string::npos);

  auto rename = Env(emu, {"rename", "--name", "Renamed by kbulk"});
  INFO(rename.err);
  REQUIRE(rename.exit_code == 0);
  CHECK(Env(emu, {"info"}).out.find("Renamed by kbulk") != std::string::npos);

  auto clone = Env(emu, {"clone", "--name", "Rehearsal"});
  INFO(clone.out << clone.err);
  REQUIRE(clone.exit_code == 0);
  CHECK(clone.out.find(emu.api_key()) == std::string::npos);  // keys are redacted by default
  auto status = Env(emu, {"clone-status", "--wait", "--timeout", "60"});
  INFO(status.out << status.err);
  CHECK(status.exit_code == 0);

  auto refused = Env(emu, {"delete"});
  CHECK(refused.exit_code == 2);  // no --yes
}

TEST_CASE("kbulk env with a wrong key fails without printing the key", "[cli][env]") {
  Emulator emu({"--seed", "empty", "--rate-limit", "off"});
  std::vector<std::string> argv = {"env", "info"};
  for (const auto& a : emu.ConnectionArgs()) argv.push_back(a);
  auto run = RunKbulk(argv, {{"KONTENT_API_KEY", "not-the-key-0123456789"}});
  CHECK(run.exit_code == 4);
  CHECK(run.err.find("not-the-key-0123456789") == std::string::npos);
  CHECK(run.out.find("not-the-key-0123456789") == std::string::npos);
}
