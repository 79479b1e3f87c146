// End to end: the emulator's `sample` environment -> kbulk export -> kbulk verify / inspect, checked
// against what the emulator serves through the API.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <unistd.h>

#include "archive_content.h"
#include "core/json.h"
#include "core/sha256.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

// Counts the objects a list route serves, following continuation tokens. `key` empty = bare array.
std::size_t CountViaApi(const Emulator& emu, const std::string& route, const std::string& key) {
  httplib::Client client(emu.origin());
  std::string path = emu.base_url().substr(emu.origin().size()) + "/projects/" + emu.environment_id() + route;
  std::string token;
  std::size_t count = 0;
  for (;;) {
    httplib::Headers headers = {{"Authorization", "Bearer " + emu.api_key()}};
    if (!token.empty()) headers.emplace("x-continuation", token);
    auto res = client.Get(path.c_str(), headers);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto doc = ParseJson(res->body);
    REQUIRE(doc.ok());
    const JsonValue& array = key.empty() ? static_cast<const JsonValue&>(*doc) : (*doc)[key.c_str()];
    count += array.Size();
    const JsonValue* pagination = Member(*doc, "pagination");
    auto next = pagination ? StringMember(*pagination, "continuation_token") : std::nullopt;
    if (!next || next->empty()) return count;
    token = std::string(*next);
  }
}

std::vector<std::string> TypeIds(const Emulator& emu) {
  httplib::Client client(emu.origin());
  std::string path = emu.base_url().substr(emu.origin().size()) + "/projects/" + emu.environment_id() + "/types";
  auto res = client.Get(path.c_str(), httplib::Headers{{"Authorization", "Bearer " + emu.api_key()}});
  REQUIRE(res);
  auto doc = ParseJson(res->body);
  REQUIRE(doc.ok());
  std::vector<std::string> ids;
  for (const auto& type : (*doc)["types"].GetArray()) ids.push_back(type["id"].GetString());
  return ids;
}

std::uint64_t Total(const JsonDocument& inspect, const char* kind) {
  const JsonValue* totals = Member(inspect, "totals");
  REQUIRE(totals != nullptr);
  const JsonValue* entry = Member(*totals, kind);
  return entry == nullptr ? 0 : static_cast<std::uint64_t>(*IntMember(*entry, "records"));
}

}  // namespace

TEST_CASE("the sample environment exports completely and verifies", "[exporter][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string archive = dir / "sample.tar.zst";
  std::vector<std::string> args = {"export", "-o", archive, "--json"};
  for (const auto& a : emu.ConnectionArgs()) args.push_back(a);
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto summary = ParseJson(run.out);
  REQUIRE(summary.ok());

  auto verify = RunKbulk({"verify", archive});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);

  auto inspect_run = RunKbulk({"inspect", archive, "--json"});
  REQUIRE(inspect_run.exit_code == 0);
  auto inspect = ParseJson(inspect_run.out);
  REQUIRE(inspect.ok());

  SECTION("counts equal what the environment serves, for every kind") {
    CHECK(Total(*inspect, "languages") == CountViaApi(emu, "/languages", "languages"));
    CHECK(Total(*inspect, "collections") == CountViaApi(emu, "/collections", "collections"));
    CHECK(Total(*inspect, "spaces") == CountViaApi(emu, "/spaces", ""));
    CHECK(Total(*inspect, "taxonomy_groups") == CountViaApi(emu, "/taxonomies", "taxonomies"));
    CHECK(Total(*inspect, "asset_folders") == CountViaApi(emu, "/folders", "folders"));
    CHECK(Total(*inspect, "snippets") == CountViaApi(emu, "/snippets", "snippets"));
    CHECK(Total(*inspect, "content_types") == CountViaApi(emu, "/types", "types"));
    CHECK(Total(*inspect, "workflows") == CountViaApi(emu, "/workflows", ""));
    CHECK(Total(*inspect, "roles") == CountViaApi(emu, "/roles", "roles"));
    CHECK(Total(*inspect, "webhooks") == CountViaApi(emu, "/webhooks-vnext", ""));
    CHECK(Total(*inspect, "preview_configuration") == 1);
    CHECK(Total(*inspect, "legacy_webhooks") == CountViaApi(emu, "/webhooks", ""));
    CHECK(Total(*inspect, "web_spotlight") == 1);
    CHECK(Total(*inspect, "environment") == 1);
    CHECK(Total(*inspect, "assets") == CountViaApi(emu, "/assets", "assets"));
    CHECK(Total(*inspect, "items") == CountViaApi(emu, "/items", "items"));
    std::size_t latest = 0;
    for (const auto& type : TypeIds(emu)) latest += CountViaApi(emu, "/types/" + type + "/variants", "variants");
    auto published = static_cast<std::uint64_t>(*IntMember(*summary, "published_versions"));
    CHECK(published >= 1);
    CHECK(Total(*inspect, "variants") == latest + published);
    CHECK(Total(*inspect, "assets") > 0);
    CHECK(Total(*inspect, "variants") > 0);
  }

  SECTION("every blob is byte-exact with the binary the environment serves") {
    ArchiveContent content = ReadArchive(archive);
    REQUIRE(content.Count("assets/assets.ndjson") > 0);
    httplib::Client cdn(emu.origin());
    for (const auto& line : content.records["assets/assets.ndjson"]) {
      auto record = ParseJson(line);
      REQUIRE(record.ok());
      std::string blob = (*record)["kbulk"]["blob"].GetString();
      std::string url = (*record)["asset"]["url"].GetString();
      auto res = cdn.Get(url.substr(emu.origin().size()).c_str());
      REQUIRE(res);
      REQUIRE(res->status == 200);
      CHECK(Sha256::HexOf(res->body) == blob);
      REQUIRE(content.blobs.count(blob) == 1);
      CHECK(content.blobs[blob] == res->body);
    }
  }

  SECTION("published and latest versions are both present where they differ; schedules and due dates too") {
    ArchiveContent content = ReadArchive(archive);
    auto published = content.Find("content/variants.ndjson", {"\"version\":\"published\""});
    REQUIRE_FALSE(published.empty());
    for (const auto& record : published) {
      auto doc = ParseJson(record);
      REQUIRE(doc.ok());
      std::string item = (*doc)["variant"]["item"]["id"].GetString();
      std::string language = (*doc)["variant"]["language"]["id"].GetString();
      auto latest = content.Find("content/variants.ndjson",
                                 {"\"version\":\"latest\"", "\"id\":\"" + item + "\"", "\"id\":\"" + language + "\""});
      CHECK_FALSE(latest.empty());
    }
    CHECK_FALSE(content.Find("content/variants.ndjson", {"\"publish_time\":\"20"}).empty());
    CHECK_FALSE(content.Find("content/variants.ndjson", {"\"unpublish_time\":\"20"}).empty());
    CHECK_FALSE(content.Find("content/variants.ndjson", {"\"due_date\":{\"value\":\"20"}).empty());
  }

  SECTION("webhook secrets stay out of the archive") {
    ArchiveContent content = ReadArchive(archive);
    CHECK(content.Count("model/webhooks.ndjson") > 0);
    CHECK(content.Find("model/webhooks.ndjson", {"\"secret\""}).empty());
    CHECK(ReadFileBytes(archive).find(emu.api_key()) == std::string::npos);
  }
}

TEST_CASE("export to standard output streams into kbulk verify", "[exporter][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  std::string command = std::string(KBULK_BINARY) + " export -o - --quiet --base-url " + emu.base_url() +
                        " --environment-id " + emu.environment_id() + " | " + KBULK_BINARY + " verify -";
  auto run = RunShell("KONTENT_API_KEY=" + emu.api_key() + " sh -c '" + command + "'");
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
}

TEST_CASE("a missing API key or environment id is a usage error naming what is missing", "[exporter][e2e]") {
  TempDir dir;
  auto run = RunKbulk({"export", "-o", dir / "x.tar.zst", "--environment-id", "4efa1823-5092-4b22-9a45-e67ae7d18273",
                       "--base-url", "http://127.0.0.1:9/v2"},
                      {{"KONTENT_API_KEY", ""}});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("API key") != std::string::npos);
  CHECK(access((dir / "x.tar.zst").c_str(), F_OK) != 0);
}
