// `kbulk import --new-environment NAME --mark-production`: the clone becomes production only after a
// clean import; a failing import leaves the old production environment in place and says where the clone is.
#include <catch2/catch.hpp>

#include <regex>

#include "tests/envswap/envswap_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

ProcessResult ImportInto(const Emulator& emu, const std::string& environment_id, const std::string& archive,
                         const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"import", archive};
  for (const auto& a : ConnectionTo(emu, environment_id)) args.push_back(a);
  args.insert(args.end(), extra.begin(), extra.end());
  return RunKbulk(args, emu.ConnectionEnv());
}

}  // namespace

TEST_CASE("import --new-environment --mark-production imports into a clone and swaps it in", "[envswap][e2e]") {
  Emulator emu({"--seed", "empty", "--environments", "1", "--rate-limit", "off"});
  TempDir dir;
  const std::string source = emu.environment_id(0);
  MakeSourceSet(emu, source);
  REQUIRE(IsProduction(emu, source));  // the emulator's first environment, as a project's first one
  ExportOrFail(emu, 0, dir / "a.tar.zst");

  auto run = ImportInto(emu, source, dir / "a.tar.zst", {"--new-environment", "Restored", "--mark-production"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::smatch id;
  REQUIRE(std::regex_search(run.out, id, std::regex("^([0-9a-f-]{36})\\s*$")));  // the clone's id on stdout
  const std::string clone = id[1];
  CHECK(clone != source);
  CHECK(run.err.find("is now the production environment") != std::string::npos);

  CHECK(IsProduction(emu, clone));
  CHECK_FALSE(IsProduction(emu, source));
  JsonDocument info = ApiOk(emu, clone, "GET", "");
  CHECK(StringMember(info, "environment").value_or("") == "Restored");
  CHECK(Items(emu, clone).size() == 4);   // everything the archive holds
  CHECK(Items(emu, source).size() == 4);  // the old production was never written
}

TEST_CASE("a failing import into a new environment leaves production where it was", "[envswap][e2e]") {
  Emulator emu({"--seed", "empty", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  const std::string production = emu.environment_id(0), other = emu.environment_id(1);
  MakeArticleType(emu, production, 10);
  // The archive's 'article' has a number where production's has text: the import stops at the model.
  ApiOk(emu, other, "POST", "/types",
        R"({"name":"Article","codename":"article","elements":[{"name":"Title","codename":"title","type":"number"}]})");
  ApiOk(emu, other, "PUT", "/items/external-id/n1", R"({"name":"N1","codename":"n1","type":{"codename":"article"}})");
  ExportOrFail(emu, 1, dir / "b.tar.zst");
  REQUIRE(IsProduction(emu, production));

  auto run = ImportInto(emu, production, dir / "b.tar.zst", {"--new-environment", "Broken", "--mark-production"});
  INFO(run.err);
  CHECK(run.exit_code == 4);
  std::smatch id;
  REQUIRE(std::regex_search(run.err, id, std::regex("environment 'Broken' \\(id ([0-9a-f-]{36})\\)")));
  const std::string clone = id[1];
  CHECK(run.err.find("holds the partial import") != std::string::npos);
  CHECK(run.err.find("kbulk env delete --environment-id " + clone) != std::string::npos);

  CHECK(IsProduction(emu, production));
  CHECK_FALSE(IsProduction(emu, clone));
  CHECK(Items(emu, production).empty());
}

TEST_CASE("import --mark-production without --new-environment is refused", "[envswap][e2e]") {
  Emulator emu({"--seed", "empty", "--environments", "1", "--rate-limit", "off"});
  TempDir dir;
  ExportOrFail(emu, 0, dir / "a.tar.zst");
  auto run = ImportInto(emu, emu.environment_id(0), dir / "a.tar.zst", {"--mark-production"});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("--mark-production needs --new-environment") != std::string::npos);
}
