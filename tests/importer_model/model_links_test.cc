// Types that reference each other (allowed types of linked items, rich text and subpages; a snippet that
// allows a type created after it) are created first without those references and linked by a patch; a
// workflow step whose role the target lacks is created without it and reported; a dry run writes nothing
// and its request estimate is what the real run sends.
#include <catch2/catch.hpp>

#include "content/import_naming.h"
#include "core/log.h"
#include "tests/importer_model/model_test_support.h"

using namespace kbulk;
using namespace kbulk::testing;
using importer::ImportReport;
using importer::ModelImportOptions;

namespace {

const std::vector<std::string> kEmulatorArgs = {"--seed", "sample", "--environments", "2", "--rate-limit", "off"};

// Ids of the types an element of `type` allows, as codenames of env `env`.
std::vector<std::string> Allowed(const Emulator& emu, std::size_t env, const std::string& type,
                                 const std::string& element, const char* key = "allowed_content_types") {
  auto types = ApiJson(emu, env, "/types");
  std::map<std::string, std::string> codename_of;
  for (const JsonValue& t : types["types"].GetArray())
    codename_of[std::string(StringMember(t, "id").value_or(""))] =
        std::string(StringMember(t, "codename").value_or(""));
  auto doc = ApiJson(emu, env, "/types/codename/" + type);
  std::vector<std::string> out;
  for (const JsonValue& e : doc["elements"].GetArray()) {
    if (StringMember(e, "codename").value_or("") != element) continue;
    for (const JsonValue& r : e[key].GetArray())
      out.push_back(codename_of[std::string(StringMember(r, "id").value_or(""))]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("mutually referencing types and a snippet allowing a later type are created and linked",
          "[importer_model][e2e]") {
  Emulator emu(kEmulatorArgs);
  auto target = ClientFor(emu, 1);
  // As the API returns them: references by id.
  const std::string a = "11111111-0000-0000-0000-00000000000a", b = "11111111-0000-0000-0000-00000000000b",
                    s = "11111111-0000-0000-0000-00000000000c";
  ModelRecords records = {
      {EntityKind::kSnippet,
       R"({"id":")" + s +
           R"(","name":"Links","codename":"links","elements":[{"id":"21111111-0000-0000-0000-000000000001",)"
           R"("name":"Related","codename":"links__related","type":"modular_content","allowed_content_types":[{"id":")" +
           b + R"("}],"item_count_limit":null,"guidelines":null,"is_required":false,"is_non_localizable":false}]})"},
      {EntityKind::kContentType,
       R"({"id":")" + a +
           R"(","name":"Page","codename":"page","content_groups":[],"elements":[)"
           R"({"id":"21111111-0000-0000-0000-000000000002","name":"Children","codename":"children","type":"subpages",)"
           R"("allowed_content_types":[{"id":")" +
           a + R"("},{"id":")" + b +
           R"("}],"item_count_limit":null},)"
           R"({"id":"21111111-0000-0000-0000-000000000003","name":"Body","codename":"body","type":"rich_text",)"
           R"("allowed_content_types":[{"id":")" +
           b + R"("}],"allowed_item_link_types":[{"id":")" + b +
           R"("}]},)"
           R"({"id":"21111111-0000-0000-0000-000000000004","type":"snippet","codename":"links","snippet":{"id":")" +
           s + R"("}}]})"},
      {EntityKind::kContentType,
       R"({"id":")" + b +
           R"(","name":"Article","codename":"article_b","content_groups":[],"elements":[)"
           R"({"id":"21111111-0000-0000-0000-000000000005","name":"Parent","codename":"parent","type":"modular_content",)"
           R"("allowed_content_types":[{"id":")" +
           a + R"("}],"item_count_limit":{"value":1,"condition":"at_most"}}]})"},
  };
  ModelRun run = RunModel(*target, records);
  INFO(run.report->ToJson());
  REQUIRE(run.report->failure_count() == 0);
  CHECK(Allowed(emu, 1, "page", "children") == std::vector<std::string>{"article_b", "page"});
  CHECK(Allowed(emu, 1, "page", "body") == std::vector<std::string>{"article_b"});
  CHECK(Allowed(emu, 1, "page", "body", "allowed_item_link_types") == std::vector<std::string>{"article_b"});
  CHECK(Allowed(emu, 1, "article_b", "parent") == std::vector<std::string>{"page"});
  auto snippet = ApiJson(emu, 1, "/snippets/codename/links");
  REQUIRE(snippet["elements"].Size() == 1);
  auto types = ApiJson(emu, 1, "/types/codename/article_b");
  CHECK(snippet["elements"][0]["allowed_content_types"][0]["id"] == types["id"]);
  ResetStats(emu);
  ModelRun again = RunModel(*target, records);
  INFO(again.report->ToJson());
  CHECK(Writes(emu) == 0);
}

TEST_CASE("a workflow step whose role the target lacks is created without it, and reported", "[importer_model][e2e]") {
  Emulator emu(kEmulatorArgs);
  auto source = ClientFor(emu, 0);
  auto target = ClientFor(emu, 1);
  ModelRecords records = ReadModel(*source);
  std::string editor_id;
  for (auto& [kind, json] : records) {
    if (kind != EntityKind::kRole || json.find("\"Editor\"") == std::string::npos) continue;
    auto doc = ParseJson(json);
    editor_id = std::string(StringMember(*doc, "id").value_or(""));
    json.replace(json.find("\"Editor\""), 8, "\"Ghost editor\"");
  }
  REQUIRE_FALSE(editor_id.empty());
  ModelRun run = RunModel(*target, records);
  INFO(run.report->ToJson());
  CHECK(run.report->failure_count() == 0);
  bool noted = false;
  for (const auto& note : run.report->notes())
    noted = noted || (note.kind == "workflows" &&
                      note.message.find("'Ghost editor' is missing in the target") != std::string::npos);
  CHECK(noted);
  // The steps exist, with the roles the target has (mapped by name) and without the missing one.
  auto workflows = ApiJson(emu, 1, "/workflows");
  auto roles = ApiJson(emu, 1, "/roles");
  std::string target_editor;
  for (const JsonValue& r : roles["roles"].GetArray())
    if (StringMember(r, "name").value_or("") == "Editor")
      target_editor = std::string(StringMember(r, "id").value_or(""));
  std::size_t roles_seen = 0;
  for (const JsonValue& w : workflows.GetArray())
    for (const JsonValue& step : w["steps"].GetArray())
      for (const JsonValue& role : step["role_ids"].GetArray()) {
        ++roles_seen;
        CHECK(std::string(role.GetString()) != target_editor);
      }
  CHECK(roles_seen > 0);  // the project manager role is mapped
}

TEST_CASE("a dry run writes nothing and estimates the real run's requests within 10 %", "[importer_model][e2e]") {
  Emulator emu(kEmulatorArgs);
  auto source = ClientFor(emu, 0);
  auto target = ClientFor(emu, 1);
  ModelRecords records = ReadModel(*source);
  ResetStats(emu);
  ModelImportOptions dry;
  dry.dry_run = true;
  ModelRun plan = RunModel(*target, records, dry);
  CHECK(Writes(emu) == 0);
  const std::uint64_t estimate = plan.report->planned_request_total();
  ResetStats(emu);
  ModelRun real = RunModel(*target, records);
  const std::uint64_t sent = Requests(emu);
  INFO("estimate " << estimate << ", sent " << sent);
  CHECK(real.report->failure_count() == 0);
  CHECK(estimate * 10 >= sent * 9);
  CHECK(estimate * 10 <= sent * 11);
}

TEST_CASE("creates that fail ambiguously (5xx, reset) are read back and sent again only when they did not happen",
          "[importer_model][e2e]") {
  // The fault sequence depends only on the seed and the request order (the model phase writes in order).
  const std::string seed = "5";
  INFO("fault seed " << seed);
  Emulator emu({"--seed", "sample", "--environments", "2", "--rate-limit", "off", "--faults",
                "500=0.06,503=0.06,reset=0.06,seed=" + seed});
  auto source = ClientFor(emu, 0, 8);
  auto target = ClientFor(emu, 1, 8);
  ModelRecords records = ReadModel(*source);
  ResetStats(emu);
  ModelRun run = RunModel(*target, records);
  INFO(run.report->ToJson());
  CHECK(Faults(emu) > 0);
  CHECK(run.report->failure_count() == 0);
  for (const char* path : {"/languages", "/taxonomies", "/snippets", "/types"}) {
    INFO(path);
    CHECK(Codenames(ApiJson(emu, 0, path), path + 1) == Codenames(ApiJson(emu, 1, path), path + 1));
  }
}

TEST_CASE("element defaults and guidelines that name items and assets are set after content, by external id",
          "[importer_model][e2e]") {
  Emulator emu(kEmulatorArgs);
  auto target = ClientFor(emu, 1);
  const std::string item_id = "31111111-0000-0000-0000-000000000001";
  ModelRecords records = {
      {EntityKind::kContentType,
       R"({"id":"31111111-0000-0000-0000-00000000000a","name":"Promo","codename":"promo","content_groups":[],)"
       R"("elements":[{"id":"31111111-0000-0000-0000-000000000002","name":"Featured","codename":"featured",)"
       R"("type":"modular_content","default":{"global":{"value":[{"id":")" +
           item_id +
           R"("}]}}},)"
           R"({"id":"31111111-0000-0000-0000-000000000003","name":"Help","codename":"help","type":"guidelines",)"
           R"("guidelines":"<p>See <a data-item-id=\")" +
           item_id + R"(\">the example</a>.</p>"}]})"},
  };
  content::ImportNaming naming;
  naming.item_external_id = [&](std::string_view id, bool& in_archive) {
    in_archive = true;
    return id == item_id ? std::string("example-item") : std::string(id);
  };
  ImportReport report;
  NullLogger log;
  importer::ModelImporter model(*target, {}, log, report);
  model.SetNaming(&naming);
  for (const auto& [kind, json] : records) REQUIRE(model.Add(kind, json).ok());
  REQUIRE(model.Plan().ok());
  REQUIRE(model.ApplyBeforeContent().ok());
  // Before content the type exists without them.
  auto created = ApiJson(emu, 1, "/types/codename/promo");
  for (const JsonValue& e : created["elements"].GetArray()) {
    if (StringMember(e, "codename").value_or("") == "featured") CHECK(e["default"].IsNull());
    if (StringMember(e, "codename").value_or("") == "help")
      CHECK(StringMember(e, "guidelines").value_or("").find("data-item") == std::string_view::npos);
  }
  // The content phase creates the item; then the defaults follow.
  auto [status, body] =
      Api(emu, 1, "PUT", "/items/external-id/example-item", R"({"name":"Example","type":{"codename":"promo"}})");
  INFO(body);
  REQUIRE((status == 200 || status == 201));
  auto item = ParseJson(body);
  REQUIRE(model.ApplyAfterContent().ok());
  INFO(report.ToJson());
  CHECK(report.failure_count() == 0);
  auto type = ApiJson(emu, 1, "/types/codename/promo");
  for (const JsonValue& e : type["elements"].GetArray()) {
    const std::string json = ToJsonString(e);
    INFO(json);
    if (StringMember(e, "codename").value_or("") == "featured")
      CHECK((json.find(std::string(StringMember(*item, "id").value_or("?"))) != std::string::npos ||
             json.find("example-item") != std::string::npos));
    if (StringMember(e, "codename").value_or("") == "help")
      CHECK(json.find("data-item-external-id=\\\"example-item\\\"") != std::string::npos);
  }
}
