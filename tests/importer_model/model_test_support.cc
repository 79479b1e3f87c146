#include "tests/importer_model/model_test_support.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "api/endpoints.h"
#include "core/log.h"

namespace kbulk::testing {

namespace ep = api::endpoints;

std::unique_ptr<api::ManagementClient> ClientFor(const Emulator& emu, std::size_t env, std::uint32_t attempts) {
  api::ClientOptions options;
  options.base_url = emu.base_url();
  options.environment_id = emu.environment_id(env);
  options.api_key = emu.api_key();
  options.pacing.enabled = false;
  options.retry.max_attempts = attempts;
  options.retry.base_delay = std::chrono::milliseconds(10);
  options.retry.max_delay = std::chrono::milliseconds(50);
  auto client = api::ManagementClient::Create(options);
  REQUIRE(client.ok());
  return std::move(*client);
}

namespace {

void List(api::ManagementClient& client, EntityKind kind, const ep::ListRequest& list, ModelRecords& out) {
  Status s = client.ListAll(list.request, list.array_key, [&](std::string_view json) {
    out.emplace_back(kind, std::string(json));
    return Status::Ok();
  });
  INFO(s.message());
  REQUIRE(s.ok());
}

void Embedded(api::ManagementClient& client, EntityKind kind, const api::Request& request, const char* key,
              ModelRecords& out) {
  auto response = client.Send(request);
  REQUIRE(response.ok());
  auto doc = ParseJson(response->body);
  REQUIRE(doc.ok());
  for (const JsonValue& v : (*doc)[key].GetArray()) out.emplace_back(kind, ToJsonString(v));
}

}  // namespace

ModelRecords ReadModel(api::ManagementClient& client) {
  ModelRecords out;
  List(client, EntityKind::kLanguage, ep::ListLanguages(), out);
  Embedded(client, EntityKind::kCollection, ep::ListCollections(), "collections", out);
  List(client, EntityKind::kSpace, ep::ListSpaces(), out);
  List(client, EntityKind::kTaxonomyGroup, ep::ListTaxonomies(), out);
  Embedded(client, EntityKind::kAssetFolder, ep::ListAssetFolders(), "folders", out);
  List(client, EntityKind::kSnippet, ep::ListSnippets(), out);
  List(client, EntityKind::kContentType, ep::ListTypes(), out);
  List(client, EntityKind::kWorkflow, ep::ListWorkflows(), out);
  List(client, EntityKind::kRole, ep::ListRoles(), out);
  List(client, EntityKind::kWebhook, ep::ListWebhooks(), out);
  ep::ListRequest legacy;
  legacy.request.path = legacy.request.route = "/webhooks";
  List(client, EntityKind::kLegacyWebhook, legacy, out);
  auto preview = client.Send(ep::GetPreviewConfiguration());
  REQUIRE(preview.ok());
  out.emplace_back(EntityKind::kPreviewConfiguration, preview->body);
  api::Request spotlight;
  spotlight.path = spotlight.route = "/web-spotlight/status";
  auto status = client.Send(spotlight);
  REQUIRE(status.ok());
  out.emplace_back(EntityKind::kWebSpotlight, status->body);
  return out;
}

ModelRun RunModel(api::ManagementClient& client, const ModelRecords& records, importer::ModelImportOptions options) {
  ModelRun run;
  NullLogger log;
  importer::ModelImporter model(client, options, log, *run.report);
  for (const auto& [kind, json] : records) {
    Status added = model.Add(kind, json);
    INFO(added.message());
    REQUIRE(added.ok());
  }
  Status planned = model.Plan();
  INFO(planned.message());
  REQUIRE(planned.ok());
  run.conflicts = model.has_conflicts();
  if (run.conflicts || options.dry_run) return run;
  run.before = model.ApplyBeforeContent();
  run.after = model.ApplyAfterContent();
  return run;
}

std::pair<int, std::string> Api(const Emulator& emu, std::size_t env, const std::string& method,
                                const std::string& path, const std::string& body) {
  auto client = ClientFor(emu, env);
  api::Request r;
  r.method = method == "GET"     ? api::Method::kGet
             : method == "POST"  ? api::Method::kPost
             : method == "PUT"   ? api::Method::kPut
             : method == "PATCH" ? api::Method::kPatch
                                 : api::Method::kDelete;
  r.path = r.route = path;
  r.body = body;
  auto response = client->Send(r);
  if (!response.ok()) return {-1, response.status().message()};
  return {response->status, response->body};
}

JsonDocument ApiJson(const Emulator& emu, std::size_t env, const std::string& path) {
  auto [status, body] = Api(emu, env, "GET", path);
  INFO(path << ": " << body);
  REQUIRE(status == 200);
  auto doc = ParseJson(body);
  REQUIRE(doc.ok());
  return std::move(*doc);
}

namespace {
std::uint64_t Counter(const Emulator& emu, const char* key) {
  auto doc = ParseJson(emu.Get("/_emulator/stats"));
  REQUIRE(doc.ok());
  return static_cast<std::uint64_t>(IntMember(*doc, key).value_or(-1));
}
}  // namespace

std::uint64_t Writes(const Emulator& emu) {
  return Counter(emu, "writes");
}
std::uint64_t Requests(const Emulator& emu) {
  return Counter(emu, "reads") + Counter(emu, "writes");
}
std::uint64_t Faults(const Emulator& emu) {
  return Counter(emu, "faults_injected");
}
void ResetStats(const Emulator& emu) {
  emu.Post("/_emulator/stats/reset");
}

std::vector<std::string> Codenames(const JsonValue& list, const char* key) {
  const JsonValue* array = key ? Member(list, key) : &list;
  std::vector<std::string> out;
  if (array == nullptr || !array->IsArray()) return out;
  for (const JsonValue& v : array->GetArray()) out.emplace_back(StringMember(v, "codename").value_or(""));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace kbulk::testing
