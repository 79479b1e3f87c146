// The model at import: a conflicting type stops the import before any content write, naming type and
// element; a changed element limit in the target is left (and reported) unless --update-model patches it.
#include <catch2/catch.hpp>

#include "tests/importer/import_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

std::int64_t TitleLimit(const Emulator& emu, std::size_t env) {
  auto [status, body] = Api(emu, env, "GET", "/types/codename/article");
  REQUIRE(status == 200);
  auto doc = ParseJson(body);
  REQUIRE(doc.ok());
  for (const auto& element : (*doc)["elements"].GetArray()) {
    if (StringMember(element, "codename").value_or("") != "title") continue;
    const JsonValue* limit = Member(element, "maximum_text_length");
    return limit && limit->IsObject() ? IntMember(*limit, "value").value_or(-1) : -1;
  }
  return -2;
}

}  // namespace

TEST_CASE("a model conflict stops the import before any content write, naming type and element", "[importer][e2e]") {
  Emulator emu({"--seed", "sample", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  std::string a = dir / "a.tar.zst";
  ExportOrFail(emu, 0, a);
  auto [status, body] = Api(emu, 1, "POST", "/types",
                            R"({"name":"Article","codename":"article","elements":[)"
                            R"({"name":"Title","codename":"title","type":"number"}]})");
  INFO(body);
  REQUIRE(status == 201);
  ResetStats(emu);
  auto run = Import(emu, 1, a);
  CHECK(run.exit_code == 4);
  CHECK(run.err.find("article") != std::string::npos);
  CHECK(run.err.find("title") != std::string::npos);
  CHECK(Writes(emu) == 0);

  SECTION("a dry run lists the conflict in its plan and fails the same way") {
    auto dry = Import(emu, 1, a, {"--dry-run"});
    CHECK(dry.exit_code == 4);
    CHECK(dry.err.find("article") != std::string::npos);
    CHECK(dry.err.find("title") != std::string::npos);
    auto plan = Summary(dry);
    const JsonValue* conflicts = Member(plan["report"], "conflicts");
    REQUIRE(conflicts != nullptr);
    CHECK(conflicts->Size() > 0);
    CHECK(Writes(emu) == 0);
  }
}

TEST_CASE("a changed element limit is left and reported, and patched with --update-model", "[importer][e2e]") {
  Emulator emu({"--seed", "sample", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  std::string a = dir / "a.tar.zst";
  ExportOrFail(emu, 0, a);
  auto first = Import(emu, 1, a);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  std::int64_t source_limit = TitleLimit(emu, 0);
  REQUIRE(TitleLimit(emu, 1) == source_limit);

  auto [status, body] = Api(emu, 1, "PATCH", "/types/codename/article",
                            R"([{"op":"replace","path":"/elements/codename:title/maximum_text_length",)"
                            R"("value":{"value":50,"applies_to":"characters"}}])");
  INFO(body);
  REQUIRE(status == 200);
  REQUIRE(TitleLimit(emu, 1) == 50);

  auto left = Import(emu, 1, a);
  INFO(left.err);
  REQUIRE(left.exit_code == 0);
  CHECK(TitleLimit(emu, 1) == 50);
  // Reported: the plan or the notes name the type that differs.
  CHECK(left.out.find("article") != std::string::npos);

  auto patched = Import(emu, 1, a, {"--update-model"});
  INFO(patched.err);
  REQUIRE(patched.exit_code == 0);
  CHECK(TitleLimit(emu, 1) == source_limit);
}
