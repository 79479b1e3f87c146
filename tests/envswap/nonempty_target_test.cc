// An import into a target that already holds content: objects are matched by external id, else by codename
// (a target item without external id keeps its id and is referenced by it); everything else is left alone.
#include <httplib.h>
#include <catch2/catch.hpp>

#include "tests/envswap/envswap_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

std::string ItemField(const Emulator& emu, const std::string& env, const std::string& codename, const char* field) {
  for (const auto& [name, json] : Items(emu, env)) {
    if (name != codename) continue;
    auto doc = ParseJson(json);
    REQUIRE(doc.ok());
    return std::string(StringMember(*doc, field).value_or(""));
  }
  return "<missing>";
}

std::string Title(const Emulator& emu, const std::string& env, const std::string& item_id) {
  JsonDocument variant = ApiOk(emu, env, "GET", "/items/" + item_id + "/variants/codename/default");
  for (const JsonValue& e : variant["elements"].GetArray())
    if (e["value"].IsString()) return e["value"].GetString();
  return "";
}

}  // namespace

TEST_CASE("an import into a non-empty target matches by external id and codename and leaves the rest alone",
          "[envswap][e2e][nonempty]") {
  Emulator emu({"--seed", "empty", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  const std::string target = emu.environment_id(1);
  MakeSourceSet(emu, emu.environment_id(0));
  ExportOrFail(emu, 0, dir / "a.tar.zst");
  MakeArticleType(emu, target, 10);
  const std::string short_id = MakeArticle(emu, target, "short", "", "old", {}, "Old short");  // no external id
  const std::string medium_id = MakeArticle(emu, target, "medium", "ext-medium", "old", {}, "Old medium");
  const std::string unrelated_id = MakeArticle(emu, target, "unrelated", "ext-unrelated", "keep me");

  auto plan = Import(emu, 1, dir / "a.tar.zst", {"--dry-run"});
  INFO(plan.err);
  REQUIRE(plan.exit_code == 0);
  const std::string report = ToJsonString(Summary(plan)["report"]);
  CHECK(report.find("matched by codename, id " + short_id) != std::string::npos);
  CHECK(report.find("matched by external id 'ext-medium'") != std::string::npos);
  CHECK(plan.err.find("matched by codename to the target's item " + short_id) != std::string::npos);

  auto run = Import(emu, 1, dir / "a.tar.zst");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto items = Items(emu, target);
  CHECK(items.size() == 5);  // short, medium, long, linker + unrelated: no copy of 'short'
  CHECK(ItemField(emu, target, "short", "id") == short_id);
  CHECK(ItemField(emu, target, "short", "name") == "short");
  CHECK(ItemField(emu, target, "short", "external_id").empty());
  CHECK(Title(emu, target, short_id) == "ok");
  CHECK(ItemField(emu, target, "medium", "id") == medium_id);
  CHECK(ItemField(emu, target, "medium", "name") == "medium");
  CHECK(Title(emu, target, medium_id) == "abcdefgh");
  CHECK(ItemField(emu, target, "unrelated", "name") == "unrelated");
  CHECK(Title(emu, target, unrelated_id) == "keep me");

  // 'linker' links 'short' by the id it kept, not by an external id nobody has.
  JsonDocument linker = ApiOk(emu, target, "GET", "/items/external-id/ext-linker/variants/codename/default");
  std::string related;
  for (const JsonValue& e : linker["elements"].GetArray())
    if (e["value"].IsArray() && e["value"].Size() > 0) related = ToJsonString(e["value"]);
  CHECK(related.find(short_id) != std::string::npos);
}

namespace {

// An asset without external id: its binary uploaded, then POST /assets with codename and title.
std::string MakeAsset(const Emulator& emu, const std::string& env, const std::string& codename,
                      const std::string& title, const std::string& bytes) {
  httplib::Client client(emu.origin());
  std::string path = emu.base_url().substr(emu.origin().size()) + "/projects/" + env + "/files/" + codename + ".txt";
  httplib::Headers headers = {{"Authorization", "Bearer " + emu.api_key()}};
  auto uploaded = client.Post(path.c_str(), headers, bytes, "text/plain");
  REQUIRE(uploaded);
  INFO(uploaded->body);
  REQUIRE(uploaded->status / 100 == 2);
  auto reference = ParseJson(uploaded->body);
  REQUIRE(reference.ok());
  JsonDocument asset = ApiOk(emu, env, "POST", "/assets",
                             R"({"file_reference":)" + ToJsonString(*reference) + R"(,"title":")" + title +
                                 R"(","codename":")" + codename + R"("})");
  return std::string(StringMember(asset, "id").value_or(""));
}

}  // namespace

TEST_CASE("an asset without external id in the target is matched by codename and keeps its id",
          "[envswap][e2e][nonempty]") {
  Emulator emu({"--seed", "empty", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  const std::string target = emu.environment_id(1);
  MakeAsset(emu, emu.environment_id(0), "logo", "New logo", "source bytes");
  ExportOrFail(emu, 0, dir / "a.tar.zst");
  const std::string target_id = MakeAsset(emu, target, "logo", "Old logo", "target bytes");

  auto plan = Import(emu, 1, dir / "a.tar.zst", {"--dry-run"});
  INFO(plan.err);
  REQUIRE(plan.exit_code == 0);
  CHECK(ToJsonString(Summary(plan)["report"]).find("matched by codename, id " + target_id) != std::string::npos);

  auto run = Import(emu, 1, dir / "a.tar.zst");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  JsonDocument assets = ApiOk(emu, target, "GET", "/assets");
  REQUIRE(assets["assets"].Size() == 1);
  CHECK(StringMember(assets["assets"][0], "id").value_or("") == target_id);
  CHECK(StringMember(assets["assets"][0], "title").value_or("") == "New logo");
}
