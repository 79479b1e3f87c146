// Issue 12's completeness gaps, each against the emulator (or a minimal fake server for a refusing
// environment): legacy webhooks, Web Spotlight, the published version under a Scheduled version, the
// renditions of an image the API could not measure, and the manifest's source and options.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "archive_content.h"
#include "core/json.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

// The environment's management API through the emulator's own HTTP surface.
class Api {
 public:
  explicit Api(const Emulator& emu)
      : client_(emu.origin()),
        prefix_(emu.base_url().substr(emu.origin().size()) + "/projects/" + emu.environment_id()),
        headers_{{"Authorization", "Bearer " + emu.api_key()}} {}

  httplib::Result Get(const std::string& route) { return client_.Get((prefix_ + route).c_str(), headers_); }
  JsonDocument GetJson(const std::string& route) {
    auto res = Get(route);
    REQUIRE(res);
    INFO("GET " << route << ": " << res->body);
    REQUIRE(res->status == 200);
    auto doc = ParseJson(res->body);
    REQUIRE(doc.ok());
    return std::move(*doc);
  }
  // Sends `body` and REQUIREs a 2xx answer; returns the body.
  std::string Send(const std::string& method, const std::string& route, const std::string& body,
                   const std::string& content_type = "application/json") {
    httplib::Result res = method == "POST"
                              ? client_.Post((prefix_ + route).c_str(), headers_, body, content_type.c_str())
                              : client_.Put((prefix_ + route).c_str(), headers_, body, content_type.c_str());
    REQUIRE(res);
    INFO(method << " " << route << ": " << res->status << " " << res->body);
    REQUIRE(res->status >= 200);
    REQUIRE(res->status < 300);
    return res->body;
  }

 private:
  httplib::Client client_;
  std::string prefix_;
  httplib::Headers headers_;
};

ProcessResult Export(const Emulator& emu, const std::string& archive, const std::vector<std::string>& flags = {}) {
  std::vector<std::string> args = {"export", "-o", archive, "--json"};
  for (const auto& a : emu.ConnectionArgs()) args.push_back(a);
  args.insert(args.end(), flags.begin(), flags.end());
  return RunKbulk(args, emu.ConnectionEnv());
}

JsonDocument Parsed(const std::string& json) {
  auto doc = ParseJson(json);
  REQUIRE(doc.ok());
  return std::move(*doc);
}

}  // namespace

TEST_CASE("legacy webhooks are exported, without their secrets", "[exporter][completeness]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  Api api(emu);
  std::string added = api.Send("POST", "/webhooks",
                               R"({"name":"legacy hook","url":"https://example.com/legacy","secret":"s3cret-legacy",)"
                               R"("triggers":{"delivery_api_content_changes":[],"workflow_step_changes":[],)"
                               R"("preview_delivery_api_content_changes":[],"management_api_content_changes":[]}})");
  std::string id(*StringMember(Parsed(added), "id"));
  TempDir dir;
  auto run = Export(emu, dir / "a.tar.zst");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  ArchiveContent content = ReadArchive(dir / "a.tar.zst");
  CHECK(content.Count("model/legacy_webhooks.ndjson") == api.GetJson("/webhooks").Size());
  REQUIRE(content.Find("model/legacy_webhooks.ndjson", {"\"id\":\"" + id + "\"", "legacy hook"}).size() == 1);
  CHECK(content.Find("model/legacy_webhooks.ndjson", {"s3cret-legacy"}).empty());
}

TEST_CASE("Web Spotlight's status is exported as the route answers it", "[exporter][completeness]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  Api api(emu);
  auto status = api.Get("/web-spotlight/status");
  REQUIRE(status);
  REQUIRE(status->status == 200);
  TempDir dir;
  auto run = Export(emu, dir / "a.tar.zst");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  ArchiveContent content = ReadArchive(dir / "a.tar.zst");
  REQUIRE(content.Count("model/web_spotlight.json") == 1);
  CHECK(content.records["model/web_spotlight.json"][0] == status->body);
  CHECK(Member(Parsed(status->body), "enabled") != nullptr);
}

namespace {

// An environment whose deprecated routes refuse (as environments created after their removal do): just
// enough of the API for `kbulk export --include legacy_webhooks,web_spotlight`.
class RefusingServer {
 public:
  RefusingServer() {
    server_.Get(".*", [](const httplib::Request& req, httplib::Response& res) {
      const std::string& p = req.path;
      auto ends = [&p](std::string_view s) {
        return p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0;
      };
      const std::string page = R"("pagination":{"continuation_token":null,"next_page":null})";
      if (ends("/webhooks") || ends("/web-spotlight/status")) {
        res.status = 404;
        res.set_content(R"({"message":"The requested resource was not found.","error_code":0})", "application/json");
      } else if (ends("/languages") || ends("/snippets") || ends("/types")) {
        std::string key = p.substr(p.rfind('/') + 1);
        res.set_content("{\"" + key + "\":[]," + page + "}", "application/json");
      } else if (ends("/collections")) {
        res.set_content(R"({"collections":[]})", "application/json");
      } else if (ends("/workflows")) {
        res.set_content("[]", "application/json");
      } else if (ends("/00000000-0000-0000-0000-0000000000e1")) {
        res.set_content(R"({"id":"00000000-0000-0000-0000-0000000000e1","name":"P","environment":"Production"})",
                        "application/json");
      } else {
        res.status = 500;
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~RefusingServer() {
    server_.stop();
    thread_.join();
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v2"; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("refused deprecated routes are recorded: no legacy webhooks, Web Spotlight unavailable",
          "[exporter][completeness]") {
  RefusingServer server;
  TempDir dir;
  auto run = RunKbulk(
      {"export", "-o", dir / "a.tar.zst", "--json", "--rate-limit", "off", "--include", "legacy_webhooks,web_spotlight",
       "--base-url", server.base_url(), "--environment-id", "00000000-0000-0000-0000-0000000000e1"},
      {{"KONTENT_API_KEY", "test-key"}});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  ArchiveContent content = ReadArchive(dir / "a.tar.zst");
  CHECK(content.Count("model/legacy_webhooks.ndjson") == 0);
  CHECK(std::find(content.entries.begin(), content.entries.end(), "model/legacy_webhooks.ndjson") !=
        content.entries.end());
  REQUIRE(content.Count("model/web_spotlight.json") == 1);
  CHECK(content.records["model/web_spotlight.json"][0] == R"({"available":false,"status":404})");
  JsonDocument summary = Parsed(run.out);
  const JsonValue* notes = Member(summary, "notes");
  REQUIRE(notes != nullptr);
  CHECK(notes->Size() == 2);
  // The environment information route identifies the environment: it is not written as the project id.
  auto manifest_text = RunShell("tar --zstd -xOf '" + (dir / "a.tar.zst") + "' kbulk.json");
  REQUIRE(manifest_text.exit_code == 0);
  JsonDocument manifest = Parsed(manifest_text.out);
  CHECK(Member(manifest["source"], "project_id") == nullptr);
  CHECK(*StringMember(manifest["source"], "environment_id") == "00000000-0000-0000-0000-0000000000e1");
  CHECK(*StringMember(manifest["source"], "base_url") == server.base_url());
  REQUIRE(manifest["options"]["versions"].IsArray());
  CHECK(manifest["options"]["versions"].Size() == 2);
}

TEST_CASE("the published version under a Scheduled version is exported", "[exporter][completeness]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  Api api(emu);
  // A variant whose latest version is published, from the first content type that has one.
  JsonDocument workflows = api.GetJson("/workflows");
  std::set<std::string> published_steps, scheduled_steps;
  for (const auto& w : workflows.GetArray()) {
    published_steps.insert(w["published_step"]["id"].GetString());
    scheduled_steps.insert(w["scheduled_step"]["id"].GetString());
  }
  std::string item, language;
  JsonDocument types = api.GetJson("/types");
  for (const auto& type : types["types"].GetArray()) {
    JsonDocument variants = api.GetJson(std::string("/types/") + type["id"].GetString() + "/variants");
    for (const auto& v : variants["variants"].GetArray()) {
      if (published_steps.count(v["workflow"]["step_identifier"]["id"].GetString()) == 0) continue;
      item = v["item"]["id"].GetString();
      language = v["language"]["id"].GetString();
      break;
    }
    if (!item.empty()) break;
  }
  REQUIRE_FALSE(item.empty());
  std::string route = "/items/" + item + "/variants/" + language;
  JsonDocument before = api.GetJson(route);
  api.Send("PUT", route + "/new-version", "");
  api.Send("PUT", route + "/publish", R"({"scheduled_to":"2099-01-01T00:00:00Z"})");
  JsonDocument latest = api.GetJson(route);
  REQUIRE(scheduled_steps.count(latest["workflow"]["step_identifier"]["id"].GetString()) == 1);
  auto published = api.Get(route + "/published");
  REQUIRE(published);
  REQUIRE(published->status == 200);

  TempDir dir;
  auto run = Export(emu, dir / "a.tar.zst");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  ArchiveContent content = ReadArchive(dir / "a.tar.zst");
  std::vector<std::string> found;  // published records of exactly this variant
  for (const auto& line : content.Find("content/variants.ndjson", {"\"version\":\"published\"", item})) {
    JsonDocument record = Parsed(line);
    if (std::string(record["variant"]["item"]["id"].GetString()) == item &&
        std::string(record["variant"]["language"]["id"].GetString()) == language)
      found.push_back(ToJsonString(record["variant"]));
  }
  REQUIRE(found.size() == 1);
  CHECK(found[0] == ToJsonString(Parsed(published->body)));
}

TEST_CASE("renditions of an image whose size the API could not read are exported", "[exporter][completeness]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  Api api(emu);
  std::string file =
      api.Send("POST", "/files/logo.svg", R"(<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"></svg>)",
               "image/svg+xml");
  std::string file_id(*StringMember(Parsed(file), "id"));
  std::string asset =
      api.Send("POST", "/assets", R"({"file_reference":{"id":")" + file_id + R"(","type":"internal"},"title":"Logo"})");
  JsonDocument asset_doc = Parsed(asset);
  std::string asset_id(*StringMember(asset_doc, "id"));
  REQUIRE(*StringMember(asset_doc, "type") == "image/svg+xml");
  REQUIRE_FALSE(asset_doc["image_width"].IsNumber());  // the gap: no measured width
  std::string rendition = api.Send(
      "POST", "/assets/" + asset_id + "/renditions",
      R"({"transformation":{"mode":"rect","x":0,"y":0,"width":20,"height":20,"custom_width":10,"custom_height":10,"fit":"clip"}})");
  std::string rendition_id(*StringMember(Parsed(rendition), "rendition_id"));

  TempDir dir;
  auto run = Export(emu, dir / "a.tar.zst");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  ArchiveContent content = ReadArchive(dir / "a.tar.zst");
  auto records = content.Find("assets/assets.ndjson", {"\"id\":\"" + asset_id + "\""});
  REQUIRE(records.size() == 1);
  JsonDocument record = Parsed(records[0]);
  const JsonValue& renditions = record["kbulk"]["renditions"];
  REQUIRE(renditions.Size() == 1);
  CHECK(*StringMember(renditions[0], "rendition_id") == rendition_id);
}
