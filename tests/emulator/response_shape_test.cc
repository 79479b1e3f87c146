// For every SDK fake response with a body (fixtures/management-sdk/fake-responses), the emulator's
// response to the equivalent request has the fixture's keys, recursively. Arrays are compared by the
// union of their entries' keys, entries told apart by their "type" / "issue_type" string; paths the
// emulator's data does not reach (e.g. an empty array) are not compared. Files for APIs the emulator
// does not serve are listed with the reason.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "emulator/store_seed_sink.h"
#include "tests/emulator/test_server.h"

using namespace kbulk;
using namespace kbulk::emulator;
using namespace kbulk::emulator::testing;

namespace {

using Shape = std::map<std::string, std::set<std::string>>;

void ShapeOf(const JsonValue& v, const std::string& path, Shape& out) {
  if (v.IsObject()) {
    std::string p = path;
    for (const char* disc : {"type", "issue_type"})
      if (v.HasMember(disc) && v[disc].IsString()) p += std::string("<") + v[disc].GetString() + ">";
    auto& keys = out[p];
    for (auto& m : v.GetObject()) {
      keys.insert(m.name.GetString());
      ShapeOf(m.value, p + "." + m.name.GetString(), out);
    }
  } else if (v.IsArray()) {
    for (const JsonValue& e : v.GetArray()) ShapeOf(e, path + "[]", out);
  }
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Call {
  std::string method;
  std::string path;  // relative to the environment, or absolute when it starts with /v2
  std::string body;
};

// Files the emulator has no equivalent request for, with the reason.
const std::map<std::string, std::string> kNotServed = {
    {"custom-apps", "custom apps are not part of the Management API v2 reference the emulator follows"},
    {"subscriptions", "the Subscription API is a different API"},
    {"web-spotlight", "Web Spotlight activation is not in the reference"},
    {"generic", "SDK test scaffolding, not service responses"},
    {"list-all-query", "SDK test scaffolding for its list-all helper"},
    {"shared", "an empty SDK helper body"},
    {"language-variants/fake-bulk-get-items-with-variants.json", "early-access bulk endpoint, not in the reference"},
    {"language-variants/fake-filter-items-with-variants.json", "early-access filter endpoint, not in the reference"},
    {"preview/fake-change-live-preview-configuration.json", "live preview settings are not in the reference"},
    {"preview/fake-get-live-preview-configuration.json", "live preview settings are not in the reference"},
};

// Keys of the SDK's hand-written samples that the reference does not define, with the reason.
const std::set<std::string> kFixtureOddities = {
    // A text element's limit is "maximum_length" in the reference; one sample uses the rich-text name.
    ".elements[]<text>.maximum_text_length",
};

bool IsReference(const std::set<std::string>& keys) {
  for (const std::string& k : keys)
    if (k != "id" && k != "codename" && k != "external_id") return false;
  return !keys.empty();
}

}  // namespace

TEST_CASE("responses have the keys of the SDK's fake responses", "[emulator][shape]") {
  TestServer t;
  {
    EnvironmentSeedSink sink(*t.server().store().Find(t.env_id()));
    REQUIRE(sink.Put(EntityKind::kRole, R"({"id":"66666666-0000-0000-0000-000000000001","name":"Project manager",)"
                                        R"("codename":"project-manager"})")
                .ok());
    // The asset type (UI-only) is the seed's: a seeded asset using a taxonomy element defines it.
    REQUIRE(sink.Put(EntityKind::kAsset, R"({"id":"66666666-0000-0000-0000-000000000002","codename":"seeded",)"
                                         R"("elements":[{"element":{"id":"77777777-0000-0000-0000-000000000001"},)"
                                         R"("value":[{"id":"22222222-0000-0000-0000-000000000002"}]}]})")
                .ok());
    t.server().store().Find(t.env_id())->assets.Erase("66666666-0000-0000-0000-000000000002");  // the type stays
  }
  auto ok = [&](const std::string& method, const std::string& path, const std::string& body) {
    Reply r = t.Api(method, path, body);
    INFO(method << " " << path << " -> " << r.status << " " << r.body);
    REQUIRE(r.status / 100 == 2);
    return r;
  };
  std::string file_id = t.Call("POST", t.api_base() + "/files/pic.png", "png-bytes", {{"Content-Type", "image/png"}})
                            .Json()["id"]
                            .GetString();
  ok("POST", "/folders",
     R"({"folders":[{"name":"Top","external_id":"top","folders":[{"name":"Sub","external_id":"sub","folders":[]}]}]})");
  ok("PATCH", "/collections",
     R"([{"op":"addInto","value":{"name":"Marketing","codename":"marketing","external_id":"mkt"}}])");
  const std::string asset_body =
      R"({"file_reference":{"id":")" + file_id +
      R"(","type":"internal"},"title":"Pic","folder":{"external_id":"sub"},)"
      R"("collection":{"reference":{"codename":"marketing"}},"descriptions":[{"language":{"codename":"default"},"description":"Alt"}],)"
      R"("elements":[{"element":{"id":"77777777-0000-0000-0000-000000000001"},"value":[{"id":"22222222-0000-0000-0000-000000000002"}]}]})";
  ok("PUT", "/assets/external-id/shape-asset", asset_body);
  const std::string rendition_body =
      R"({"external_id":"r1","transformation":{"mode":"rect","fit":"clip","custom_width":250,"custom_height":50,"x":0,"y":30,"width":500,"height":100}})";
  ok("POST", "/assets/external-id/shape-asset/renditions", rendition_body);
  ok("PUT", "/items/external-id/shape-item",
     R"({"name":"Shape","type":{"codename":"article"},"collection":{"codename":"marketing"}})");
  ok("PUT", "/items/external-id/shape-author", R"({"name":"Author","type":{"codename":"author"}})");
  const std::string variant_body =
      R"({"elements":[{"element":{"codename":"title"},"value":"Hi"},)"
      R"({"element":{"codename":"body"},"value":"<p>x</p><object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"aaaaaaaa-0000-4000-8000-000000000001\"></object>","components":[{"id":"aaaaaaaa-0000-4000-8000-000000000001",)"
      R"("type":{"codename":"author"},"elements":[{"element":{"codename":"name"},"value":"Jo"},)"
      R"({"element":{"codename":"bio"},"value":"<p>b</p>","components":[]}]}]},)"
      R"({"element":{"codename":"related"},"value":[{"external_id":"never-created"}]},)"
      R"({"element":{"codename":"date"},"value":"2014-11-07T00:00:00Z","display_timezone":"Europe/Prague"},)"
      R"({"element":{"codename":"slug"},"value":"hi","mode":"custom"},)"
      R"({"element":{"codename":"widget"},"value":"{}","searchable_value":"x"}],"due_date":{"value":"2030-01-01T00:00:00Z"}})";
  ok("PUT", "/items/external-id/shape-item/variants/codename/default", variant_body);
  ok("POST", "/spaces",
     R"({"name":"Shape space","codename":"shape_space","web_spotlight_root_item":{"external_id":"shape-item"},)"
     R"("collections":[{"codename":"marketing"}]})");
  const std::string webhook_body = ReadFile(std::filesystem::path(KBULK_FIXTURES_DIR) /
                                            "management-sdk/fake-responses/webhooks/fake-add-webhook.json");
  std::string webhook_id = ok("POST", "/webhooks-vnext", webhook_body).Json()["id"].GetString();
  const std::string workflow_body =
      R"({"name":"Flow","codename":"flow","scopes":[{"content_types":[{"codename":"author"}],"collections":[{"codename":"marketing"}]}],)"
      R"("steps":[{"name":"Draft","codename":"draft","color":"red","transitions_to":[{"step":{"codename":"published"}}],)"
      R"("role_ids":["66666666-0000-0000-0000-000000000001"]}],)"
      R"("published_step":{"unpublish_role_ids":[],"create_new_version_role_ids":[]},"archived_step":{"role_ids":[]}})";
  ok("POST", "/workflows", workflow_body);
  std::string task_id = ok("POST", "/validate-async", "").Json()["id"].GetString();
  ok("GET", "/validate-async/tasks/" + task_id, "");
  const std::string clone_id =
      ok("POST", "/clone-environment", R"({"name":"Develop","copy_data_options":{"content_items_assets":true}})")
          .Json()["id"]
          .GetString();
  const std::string type_body =
      R"({"name":"Hosted video","codename":"hosted_video","external_id":"xyz","content_groups":[{"name":"G","external_id":"first-group"}],)"
      R"("elements":[{"name":"Video ID","type":"text","external_id":"video-id","content_group":{"external_id":"first-group"}},)"
      R"({"name":"Host","type":"multiple_choice","external_id":"host","mode":"single","options":[{"name":"YouTube"}],"content_group":{"external_id":"first-group"}},)"
      R"({"type":"guidelines","guidelines":"Read me","content_group":{"external_id":"first-group"}},)"
      R"({"name":"Related","type":"modular_content","content_group":{"external_id":"first-group"}},)"
      R"({"type":"snippet","snippet":{"codename":"seo"},"content_group":{"external_id":"first-group"}},)"
      R"({"name":"Topics","type":"taxonomy","taxonomy_group":{"codename":"topics"},"content_group":{"external_id":"first-group"}}]})";
  const std::string snippet_body =
      R"({"name":"Meta","codename":"meta","external_id":"meta-ext","elements":[{"name":"Keywords","type":"text","external_id":"kw"}]})";

  const std::map<std::string, Call> calls = {
      {"asset-folders/fake-add-asset-folders.json",
       {"POST", "/folders", R"({"folders":[{"name":"More","external_id":"more","folders":[]}]})"}},
      {"asset-folders/fake-list-asset-folders.json", {"GET", "/folders", ""}},
      {"asset-folders/fake-modify-asset-folders.json",
       {"PATCH", "/folders", R"([{"op":"rename","reference":{"external_id":"sub"},"value":"Renamed"}])"}},
      {"assets/fake-add-asset.json",
       {"POST", "/assets", R"({"file_reference":{"id":")" + file_id + R"(","type":"internal"},"title":"Another"})"}},
      {"assets/fake-list-assets.json", {"GET", "/assets", ""}},
      {"assets/fake-upload-binary-file.json", {"POST", "/files/other.png", "bytes"}},
      {"assets/fake-upsert-asset.json", {"PUT", "/assets/external-id/shape-asset", asset_body}},
      {"assets/fake-view-asset.json", {"GET", "/assets/external-id/shape-asset", ""}},
      {"assset-renditions/fake-add-asset-rendition.json",
       {"POST", "/assets/external-id/shape-asset/renditions",
        R"({"external_id":"r2","transformation":{"mode":"rect","fit":"clip","custom_width":1,"custom_height":1,"x":0,"y":0,"width":1,"height":1}})"}},
      {"assset-renditions/fake-list-asset-renditions.json", {"GET", "/assets/external-id/shape-asset/renditions", ""}},
      {"assset-renditions/fake-modify-asset-rendition.json",
       {"PUT", "/assets/external-id/shape-asset/renditions/external-id/r1", rendition_body}},
      {"assset-renditions/fake-view-asset-rendition.json",
       {"GET", "/assets/external-id/shape-asset/renditions/external-id/r1", ""}},
      {"collections/fake-list-collections.json", {"GET", "/collections", ""}},
      {"collections/fake-set-collections.json",
       {"PATCH", "/collections",
        R"([{"op":"replace","reference":{"codename":"marketing"},"property_name":"name","value":"Mkt"}])"}},
      {"content-items/fake-add-content-item.json",
       {"POST", "/items", R"({"name":"New","type":{"codename":"article"},"external_id":"new-item"})"}},
      {"content-items/fake-list-content-items.json", {"GET", "/items", ""}},
      {"content-items/fake-update-content-item.json",
       {"PUT", "/items/external-id/shape-item", R"({"name":"Shape 2"})"}},
      {"content-items/fake-upsert-content-item.json",
       {"PUT", "/items/external-id/upserted", R"({"name":"Up","type":{"codename":"article"}})"}},
      {"content-items/view-content-item.json", {"GET", "/items/external-id/shape-item", ""}},
      {"content-type-snippets/fake-add-content-type-snippet.json", {"POST", "/snippets", snippet_body}},
      {"content-type-snippets/fake-list-content-type-snippets.json", {"GET", "/snippets", ""}},
      {"content-type-snippets/fake-modify-content-type-snippet.json",
       {"PATCH", "/snippets/codename/meta", R"([{"op":"replace","path":"/name","value":"Meta 2"}])"}},
      {"content-type-snippets/fake-view-content-type-snippet.json", {"GET", "/snippets/codename/meta", ""}},
      {"content-types/fake-add-content-type.json", {"POST", "/types", type_body}},
      {"content-types/fake-list-content-types.json", {"GET", "/types", ""}},
      {"content-types/fake-modify-content-type.json",
       {"PATCH", "/types/codename/hosted_video", R"([{"op":"replace","path":"/name","value":"Video"}])"}},
      {"content-types/fake-view-content-type.json", {"GET", "/types/codename/hosted_video", ""}},
      {"environments/fake-clone-environment.json", {"POST", "/clone-environment", R"({"name":"Another"})"}},
      {"environments/fake-environment-cloning-state.json",
       {"GET", "/v2/projects/" + clone_id + "/environment-cloning-state", ""}},
      {"environments/fake-modify-environment.json",
       {"PATCH", "/v2/projects/" + clone_id, R"([{"op":"rename_environment","value":"Cool"}])"}},
      {"errors/cm-error-with-validation-errors.json", {"POST", "/items", R"({"type":{"codename":"article"}})"}},
      {"language-variants/fake-list-language-variants-by-collection.json",
       {"GET", "/collections/codename/marketing/variants", ""}},
      {"language-variants/fake-list-language-variants-by-space.json",
       {"GET", "/spaces/codename/shape_space/variants", ""}},
      {"language-variants/fake-list-language-variants-of-content-type-with-components.json",
       {"GET", "/types/codename/author/components", ""}},
      {"language-variants/fake-list-language-variants-of-content-type.json",
       {"GET", "/types/codename/article/variants", ""}},
      {"language-variants/fake-list-language-variants-of-item.json",
       {"GET", "/items/external-id/shape-item/variants", ""}},
      {"language-variants/fake-upsert-language-variant.json",
       {"PUT", "/items/external-id/shape-item/variants/codename/default", variant_body}},
      {"language-variants/fake-view-language-variant.json",
       {"GET", "/items/external-id/shape-item/variants/codename/default", ""}},
      {"languages/fake-add-language.json",
       {"POST", "/languages", R"({"name":"Czech","codename":"cs-CZ","external_id":"cz"})"}},
      {"languages/fake-list-languages.json", {"GET", "/languages", ""}},
      {"languages/fake-modify-language.json",
       {"PATCH", "/languages/codename/de-DE", R"([{"op":"replace","property_name":"name","value":"Deutsch"}])"}},
      {"languages/fake-view-language.json", {"GET", "/languages/codename/de-DE", ""}},
      {"preview/fake-get-preview-configuration.json", {"GET", "/preview-configuration", ""}},
      {"preview/fake-modify-preview-configuration.json",
       {"PUT", "/preview-configuration",
        R"({"space_domains":[{"space":{"codename":"shape_space"},"domain":"www.example.com"}],)"
        R"("preview_url_patterns":[{"content_type":{"codename":"article"},)"
        R"("url_patterns":[{"space":{"codename":"shape_space"},"url_pattern":"https://{Space}/{Lang}/"}]}]})"}},
      {"project-users/fake-change-user-roles.spec.json",
       {"PUT", "/users/email/a@example.com/roles",
        R"({"collection_groups":[{"collections":[{"id":"00000000-0000-0000-0000-000000000000"}],"roles":[{"id":"66666666-0000-0000-0000-000000000001","languages":[{"codename":"default"}]}]}]})"}},
      {"project-users/fake-invite-user.spec.json",
       {"POST", "/users",
        R"({"email":"a@example.com","collection_groups":[{"collections":[{"id":"00000000-0000-0000-0000-000000000000"}],"roles":[{"id":"66666666-0000-0000-0000-000000000001","languages":[{"codename":"default"}]}]}]})"}},
      {"projects/fake-project-information.json", {"GET", "", ""}},
      {"projects/fake-project-validation-issues.json", {"GET", "/validate-async/tasks/" + task_id + "/issues", ""}},
      {"projects/fake-start-project-validation.json", {"GET", "/validate-async/tasks/" + task_id, ""}},
      {"projects/fake-validate-project-content.json", {"POST", "/validate", ""}},
      {"roles/fake-list-roles.json", {"GET", "/roles", ""}},
      {"roles/fake-view-role.json", {"GET", "/roles/codename/project-manager", ""}},
      {"spaces/fake-add-space.json",
       {"POST", "/spaces",
        R"({"name":"Second","web_spotlight_root_item":{"external_id":"shape-item"},"collections":[]})"}},
      {"spaces/fake-list-spaces.json", {"GET", "/spaces", ""}},
      {"spaces/fake-modify-space.json",
       {"PATCH", "/spaces/codename/shape_space", R"([{"op":"replace","property_name":"name","value":"S2"}])"}},
      {"spaces/fake-view-space.json", {"GET", "/spaces/codename/shape_space", ""}},
      {"taxonomies/fake-add-taxonomy.json",
       {"POST", "/taxonomies",
        R"({"name":"Colors","external_id":"colors","terms":[{"name":"Red","external_id":"red","terms":[]}]})"}},
      {"taxonomies/fake-get-taxonomy.json", {"GET", "/taxonomies/codename/topics", ""}},
      {"taxonomies/fake-list-taxonomies.json", {"GET", "/taxonomies", ""}},
      {"taxonomies/fake-update-taxonomy.json",
       {"PATCH", "/taxonomies/codename/topics", R"([{"op":"replace","path":"/name","value":"Themes"}])"}},
      {"webhooks/fake-add-webhook.json", {"POST", "/webhooks-vnext", webhook_body}},
      {"webhooks/fake-get-webhook.json", {"GET", "/webhooks-vnext/" + webhook_id, ""}},
      {"webhooks/fake-list-webhooks.json", {"GET", "/webhooks-vnext", ""}},
      {"workflow/fake-add-workflow.json",
       {"POST", "/workflows", std::string(workflow_body).replace(workflow_body.find("\"flow\""), 6, "\"flow2\"")}},
      {"workflow/fake-list-workflows.json", {"GET", "/workflows", ""}},
  };

  const std::filesystem::path root = std::filesystem::path(KBULK_FIXTURES_DIR) / "management-sdk/fake-responses";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 80);
  int compared = 0;
  for (const auto& file : files) {
    const std::string rel = std::filesystem::relative(file, root).generic_string();
    const std::string folder = rel.substr(0, rel.find('/'));
    if (kNotServed.count(rel) || kNotServed.count(folder)) continue;
    auto fixture = ParseJson(ReadFile(file));
    REQUIRE(fixture.ok());
    if (fixture->IsObject() && fixture->ObjectEmpty()) continue;  // a response without a body (204/202)
    auto it = calls.find(rel);
    INFO("fixture " << rel);
    REQUIRE(it != calls.end());
    const Call& call = it->second;
    Reply reply = call.path.rfind("/v2", 0) == 0 ? t.Call(call.method, call.path, call.body)
                                                 : t.Api(call.method, call.path, call.body);
    INFO(call.method << " " << call.path << " -> " << reply.status << " " << reply.body.substr(0, 600));
    if (rel.rfind("errors/", 0) == 0)
      CHECK(reply.status == 400);
    else
      REQUIRE(reply.status / 100 == 2);
    JsonDocument ours = reply.Json();
    Shape expected, actual;
    ShapeOf(*fixture, "", expected);
    ShapeOf(ours, "", actual);
    std::string missing;
    for (const auto& [path, keys] : expected) {
      auto found = actual.find(path);
      if (found == actual.end()) continue;  // our data does not reach this path
      // Reference objects: the service answers with ids whatever form a sample shows.
      if (IsReference(keys) && IsReference(found->second)) continue;
      for (const std::string& key : keys)
        if (!found->second.count(key) && !kFixtureOddities.count(path + "." + key))
          missing += "'" + path + "." + key + "' ";
    }
    CHECK(missing == "");
    ++compared;
  }
  CHECK(compared > 55);
}
