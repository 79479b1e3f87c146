// `kbulk import --validate`: issues the source already had (a limit its value broke, a forward reference the
// import predicted) are listed as inherited and exit 0; an issue the import caused exits 1 and blocks
// --mark-production unless --accept-validation-issues.
#include <catch2/catch.hpp>

#include "tests/envswap/envswap_support.h"

using namespace kbulk;
using namespace kbulk::testing;

TEST_CASE("import --validate lists inherited and predicted issues and exits 0", "[envswap][e2e][validate]") {
  Emulator emu({"--seed", "empty", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  MakeSourceSet(emu, emu.environment_id(0));
  ExportOrFail(emu, 0, dir / "a.tar.zst");

  auto run = Import(emu, 1, dir / "a.tar.zst", {"--validate"});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("inherited issue: item 'long' language 'default' element 'title'") != std::string::npos);
  CHECK(run.err.find("predicted issue: item 'linker' language 'default' element 'related'") != std::string::npos);
  CHECK(run.err.find("new issue") == std::string::npos);
  CHECK(run.err.find("2 issues: 0 new, 1 inherited from the source, 1 predicted") != std::string::npos);
}

TEST_CASE("import --validate exits 1 on an issue the source did not have", "[envswap][e2e][validate]") {
  Emulator emu({"--seed", "empty", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  const std::string target = emu.environment_id(1);
  MakeSourceSet(emu, emu.environment_id(0));
  ExportOrFail(emu, 0, dir / "a.tar.zst");
  // The target's 'article' allows 5 characters where the source allowed 10 (kept: no --update-model), so
  // 'medium' (8 characters, fine in the source) breaks it.
  MakeArticleType(emu, target, 5);
  ApiOk(emu, target, "PUT", "/mark-environment-as-production", "{}");

  SECTION("into the target") {
    auto run = Import(emu, 1, dir / "a.tar.zst", {"--validate"});
    INFO(run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("new issue: item 'medium' language 'default' element 'title'") != std::string::npos);
    CHECK(run.err.find("another rule") != std::string::npos);
    CHECK(run.err.find("predicted issue: item 'linker'") != std::string::npos);

    auto accepted = Import(emu, 1, dir / "a.tar.zst", {"--validate", "--accept-validation-issues"});
    INFO(accepted.err);
    CHECK(accepted.exit_code == 0);
    CHECK(accepted.err.find("new issue: item 'medium'") != std::string::npos);
  }
  SECTION("into a new environment: the issue blocks --mark-production") {
    std::vector<std::string> args = {"import",  dir / "a.tar.zst",   "--new-environment",
                                     "Checked", "--mark-production", "--validate"};
    for (const auto& a : ConnectionTo(emu, target)) args.push_back(a);
    auto run = RunKbulk(args, emu.ConnectionEnv());
    INFO(run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("nothing was swapped") != std::string::npos);
    CHECK(IsProduction(emu, target));
  }
}
