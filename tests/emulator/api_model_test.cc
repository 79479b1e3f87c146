// Model objects, assets and environments through the HTTP API.
#include <catch2/catch.hpp>

#include "tests/emulator/test_server.h"

using namespace kbulk;
using namespace kbulk::emulator;
using namespace kbulk::emulator::testing;

namespace {
std::string Str(const JsonValue& v) {
  return v.IsString() ? std::string(v.GetString()) : ToJsonString(v);
}
}  // namespace

TEST_CASE("content types: add with generated ids and codenames, modify with patch paths, delete", "[emulator][types]") {
  TestServer t;
  Reply added = t.Api(
      "POST", "/types",
      R"({"name":"Blog post","external_id":"bp","content_groups":[{"name":"Main","external_id":"g1"}],)"
      R"("elements":[{"name":"Title","type":"text","content_group":{"external_id":"g1"}},)"
      R"({"name":"Kind","type":"multiple_choice","mode":"single","options":[{"name":"Long read"}],)"
      R"("content_group":{"external_id":"g1"}},)"
      R"({"name":"Topics","type":"taxonomy","taxonomy_group":{"codename":"topics"},"content_group":{"external_id":"g1"}},)"
      R"({"name":"Links","type":"modular_content","allowed_content_types":[{"codename":"blog_post"},{"codename":"author"}],)"
      R"("content_group":{"external_id":"g1"}}]})");
  INFO(added.body);
  REQUIRE(added.status == 201);
  JsonDocument type = added.Json();
  CHECK(Str(type["codename"]) == "blog_post");
  CHECK(Str(type["elements"][0]["codename"]) == "title");
  CHECK(Str(type["elements"][1]["options"][0]["codename"]) == "long_read");
  CHECK(Str(type["elements"][2]["taxonomy_group"]["id"]) == "22222222-0000-0000-0000-000000000001");
  CHECK(Str(type["elements"][3]["allowed_content_types"][0]["id"]) == Str(type["id"]));
  CHECK(Str(type["elements"][0]["content_group"]["id"]) == Str(type["content_groups"][0]["id"]));
  CHECK(t.Api("POST", "/types", R"({"name":"Blog post","codename":"blog_post","elements":[]})").status == 400);
  Reply slugged = t.Api(
      "POST", "/types",
      R"({"name":"Page","elements":[{"name":"Heading","type":"text"},)"
      R"({"name":"Slug","type":"url_slug","depends_on":{"element":{"codename":"heading"}}},)"
      R"({"name":"Seo slug","type":"url_slug","depends_on":{"snippet":{"codename":"seo"},"element":{"codename":"seo__title"}}}]})");
  INFO(slugged.body);
  REQUIRE(slugged.status == 201);
  JsonDocument page = slugged.Json();
  CHECK(Str(page["elements"][1]["depends_on"]["element"]["id"]) == Str(page["elements"][0]["id"]));
  CHECK(Str(page["elements"][2]["depends_on"]["element"]["id"]) == "33333333-0000-0000-0000-000000000002");
  CHECK(
      t.Api(
           "POST", "/types",
           R"({"name":"Bad slug","elements":[{"name":"S","type":"url_slug","depends_on":{"element":{"codename":"x"}}}]})")
          .status == 400);
  CHECK(t.Api("POST", "/types",
              R"({"name":"Bad","elements":[{"name":"T","type":"taxonomy","taxonomy_group":{"codename":"nope"}}]})")
            .status == 400);

  Reply patched = t.Api(
      "PATCH", "/types/codename/blog_post",
      R"([{"op":"replace","path":"/name","value":"Blog entry"},)"
      R"({"op":"addInto","path":"/elements/codename:kind/options","value":{"name":"Short"}},)"
      R"({"op":"addInto","path":"/elements","value":{"name":"Teaser","type":"text","content_group":{"external_id":"g1"}}},)"
      R"({"op":"remove","path":"/elements/codename:title"}])");
  INFO(patched.body);
  REQUIRE(patched.status == 200);
  JsonDocument after = patched.Json();
  CHECK(Str(after["name"]) == "Blog entry");
  CHECK(after["elements"].Size() == 4);
  CHECK(Str(after["elements"][0]["options"][1]["codename"]) == "short");
  CHECK(after["elements"][3].HasMember("id"));
  CHECK(t.Api("PATCH", "/types/codename/blog_post", "[]").status == 400);

  // A type in use cannot be deleted; an unused one can.
  REQUIRE(t.Api("POST", "/items", R"({"name":"A","type":{"codename":"author"}})").status == 201);
  Reply in_use = t.Api("DELETE", "/types/codename/author");
  CHECK(in_use.status == 400);
  CHECK(Str(in_use.Json()["message"]).find("still used") != std::string::npos);
  CHECK(t.Api("DELETE", "/types/external-id/bp").status == 204);
  CHECK(t.Api("GET", "/types/external-id/bp").status == 404);
}

TEST_CASE("snippets, languages, taxonomies, collections, spaces, workflows, webhooks, preview", "[emulator][model]") {
  TestServer t;
  Reply snippet = t.Api("POST", "/snippets", R"({"name":"Meta","elements":[{"name":"Keywords","type":"text"}]})");
  REQUIRE(snippet.status == 201);
  CHECK(Str(snippet.Json()["elements"][0]["codename"]) == "meta__keywords");
  CHECK(t.Api("GET", "/snippets").Json()["snippets"].Size() == 2);

  Reply lang = t.Api("POST", "/languages", R"({"name":"Czech","codename":"cs-CZ","is_active":true})");
  REQUIRE(lang.status == 201);
  CHECK(Str(lang.Json()["fallback_language"]["id"]) == "00000000-0000-0000-0000-000000000000");
  CHECK(t.Api("POST", "/languages", R"({"name":"Czech","codename":"cs-CZ"})").status == 400);
  Reply renamed =
      t.Api("PATCH", "/languages/codename/cs-CZ", R"([{"op":"replace","property_name":"name","value":"Čeština"}])");
  REQUIRE(renamed.status == 200);
  CHECK(Str(renamed.Json()["name"]) == "Čeština");
  CHECK(t.Api("PATCH", "/languages/codename/default", R"([{"op":"replace","property_name":"is_active","value":false}])")
            .status == 400);

  Reply tax =
      t.Api("POST", "/taxonomies", R"({"name":"Regions","terms":[{"name":"Europe","terms":[{"name":"Czechia"}]}]})");
  REQUIRE(tax.status == 201);
  CHECK(Str(tax.Json()["terms"][0]["terms"][0]["codename"]) == "czechia");
  Reply tax_patch = t.Api("PATCH", "/taxonomies/codename/regions",
                          R"([{"op":"addInto","path":"/terms/codename:europe/terms","value":{"name":"Slovakia"}}])");
  REQUIRE(tax_patch.status == 200);
  CHECK(tax_patch.Json()["terms"][0]["terms"].Size() == 2);
  // The spec's own sample operations: by reference and property name.
  Reply spec_ops = t.Api(
      "PATCH", "/taxonomies/codename/regions",
      R"([{"op":"replace","property_name":"name","value":"Areas"},)"
      R"({"op":"addInto","reference":{"codename":"czechia"},"value":{"name":"Prague","external_id":"prg","terms":[]}},)"
      R"({"op":"addInto","value":{"name":"Asia","codename":"asia","terms":[]}},)"
      R"({"op":"move","reference":{"external_id":"prg"},"before":{"codename":"europe"}},)"
      R"({"op":"remove","reference":{"codename":"slovakia"}},)"
      R"({"op":"replace","reference":{"codename":"asia"},"property_name":"name","value":"East"}])");
  INFO(spec_ops.body);
  REQUIRE(spec_ops.status == 200);
  JsonDocument areas = spec_ops.Json();
  CHECK(Str(areas["name"]) == "Areas");
  REQUIRE(areas["terms"].Size() == 3);
  CHECK(Str(areas["terms"][0]["codename"]) == "prague");
  CHECK(Str(areas["terms"][2]["name"]) == "East");
  CHECK(areas["terms"][1]["terms"].Size() == 1);  // europe keeps czechia only
  CHECK(t.Api("PATCH", "/taxonomies/codename/regions", R"([{"op":"remove","reference":{"codename":"nope"}}])").status ==
        400);

  Reply collections =
      t.Api("PATCH", "/collections",
            R"([{"op":"addInto","value":{"name":"Marketing","external_id":"mkt"}},)"
            R"({"op":"addInto","value":{"name":"Dev","codename":"dev"},"before":{"codename":"marketing"}},)"
            R"({"op":"replace","reference":{"codename":"dev"},"property_name":"name","value":"Development"}])");
  INFO(collections.body);
  REQUIRE(collections.status == 200);
  JsonDocument cs = collections.Json();
  REQUIRE(cs["collections"].Size() == 3);
  CHECK(Str(cs["collections"][1]["name"]) == "Development");
  CHECK(t.Api("PATCH", "/collections", R"([{"op":"remove","reference":{"codename":"default"}}])").status == 400);

  Reply space = t.Api("POST", "/spaces", R"({"name":"Site","collections":[{"codename":"marketing"}]})");
  REQUIRE(space.status == 201);
  CHECK(Str(space.Json()["codename"]) == "site");
  CHECK(t.Api("PATCH", "/spaces/codename/site", R"([{"op":"replace","property_name":"name","value":"Web"}])").status ==
        200);
  CHECK(t.Api("GET", "/spaces").Json().Size() == 1);
  CHECK(t.Api("DELETE", "/spaces/codename/site").status == 204);
  CHECK(t.Api("GET", "/spaces/codename/site").Json()["error_code"].GetInt() == 121);

  Reply wf = t.Api("POST", "/workflows",
                   R"({"name":"Review","scopes":[{"content_types":[{"codename":"author"}],"collections":[]}],)"
                   R"("steps":[{"name":"Writing","color":"red","transitions_to":[]}]})");
  INFO(wf.body);
  REQUIRE(wf.status == 201);
  JsonDocument workflow = wf.Json();
  // A new author variant starts in the scoped workflow's first step.
  REQUIRE(t.Api("PUT", "/items/external-id/au", R"({"name":"Au","type":{"codename":"author"}})").status == 201);
  JsonDocument variant = t.Api("PUT", "/items/external-id/au/variants/codename/default", R"({"elements":[]})").Json();
  CHECK(Str(variant["workflow"]["workflow_identifier"]["id"]) == Str(workflow["id"]));
  CHECK(Str(variant["workflow_step"]["id"]) == Str(workflow["steps"][0]["id"]));
  CHECK(t.Api("GET", "/workflows").Json().Size() == 2);
  Reply flow = t.Api(
      "POST", "/workflows",
      R"({"name":"Flow","steps":[{"name":"Write","codename":"write","color":"red",)"
      R"("transitions_to":[{"step":{"codename":"check"}},{"step":{"codename":"published"}}]},)"
      R"({"name":"Check","codename":"check","color":"blue","transitions_to":[{"step":{"codename":"archived"}}]}]})");
  INFO(flow.body);
  REQUIRE(flow.status == 201);
  JsonDocument f = flow.Json();
  CHECK(Str(f["steps"][0]["transitions_to"][0]["step"]["id"]) == Str(f["steps"][1]["id"]));
  CHECK(Str(f["steps"][0]["transitions_to"][1]["step"]["id"]) == "c199950d-99f0-4983-b711-6c4c91624b22");
  CHECK(t.Api("POST", "/workflows",
              R"({"name":"Bad","steps":[{"name":"A","transitions_to":[{"step":{"codename":"nope"}}]}]})")
            .status == 400);
  CHECK(t.Api("DELETE", "/workflows/00000000-0000-0000-0000-000000000000").status == 400);

  Reply hook =
      t.Api("POST", "/webhooks-vnext", R"({"name":"Hook","url":"https://example.com/hook","secret":"s3cret"})");
  REQUIRE(hook.status == 201);
  std::string hook_id = Str(hook.Json()["id"]);
  CHECK(t.Api("PUT", "/webhooks-vnext/" + hook_id + "/disable").status == 204);
  CHECK(t.Api("GET", "/webhooks-vnext/" + hook_id).Json()["enabled"].GetBool() == false);
  CHECK(t.Api("DELETE", "/webhooks-vnext/" + hook_id).status == 204);

  REQUIRE(t.Api("POST", "/spaces", R"({"name":"Web","codename":"web"})").status == 201);
  Reply preview = t.Api(
      "PUT", "/preview-configuration",
      R"({"space_domains":[{"space":{"codename":"web"},"domain":"example.com"}],)"
      R"("preview_url_patterns":[{"content_type":{"codename":"article"},)"
      R"("url_patterns":[{"space":{"codename":"web"},"url_pattern":"https://x/{codename}"},{"space":null,"url_pattern":"https://y"}]}]})");
  INFO(preview.body);
  REQUIRE(preview.status == 200);
  JsonDocument pc = preview.Json();
  CHECK(pc["space_domains"][0]["space"].HasMember("id"));
  CHECK(Str(pc["preview_url_patterns"][0]["content_type"]["id"]) == "44444444-0000-0000-0000-000000000001");
  CHECK(pc["preview_url_patterns"][0]["url_patterns"][0]["space"].HasMember("id"));
  CHECK(t.Api("PUT", "/preview-configuration", R"({"space_domains":[{"space":{"codename":"nope"},"domain":"d"}]})")
            .status == 400);
  CHECK(t.Api("GET", "/preview-configuration").Json().HasMember("preview_url_patterns"));
}

TEST_CASE("binaries upload, assets point at served binaries, folders and renditions", "[emulator][assets]") {
  TestServer t;
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\x00\0\0\0\x80", 24);
  png += std::string(100, 'x');
  Reply file = t.Call("POST", t.api_base() + "/files/pic%20one.png", png, {{"Content-Type", "image/png"}});
  REQUIRE(file.status == 200);
  std::string file_id = Str(file.Json()["id"]);
  Reply folders = t.Api("POST", "/folders", R"({"folders":[{"name":"Images","external_id":"f-img","folders":[]}]})");
  REQUIRE(folders.status == 201);
  Reply asset = t.Api(
      "POST", "/assets",
      R"({"file_reference":{"id":")" + file_id +
          R"(","type":"internal"},"title":"Pic","external_id":"pic",)"
          R"("folder":{"external_id":"f-img"},"descriptions":[{"language":{"codename":"default"},"description":"Alt"}]})");
  INFO(asset.body);
  REQUIRE(asset.status == 201);
  JsonDocument a = asset.Json();
  CHECK(Str(a["file_name"]) == "pic one.png");
  CHECK(a["size"].GetInt() == static_cast<int>(png.size()));
  CHECK(a["image_width"].GetInt() == 256);
  CHECK(a["image_height"].GetInt() == 128);
  CHECK(Str(a["type"]) == "image/png");
  std::string url = Str(a["url"]);
  std::string prefix = t.server().base_url();
  REQUIRE(url.rfind(prefix, 0) == 0);
  Reply binary = t.Get(url.substr(prefix.size()));  // no auth: a CDN url
  REQUIRE(binary.status == 200);
  CHECK(binary.body == png);
  CHECK(
      t.Api("POST", "/assets", R"({"file_reference":{"id":"00000000-0000-4000-8000-000000000001","type":"internal"}})")
          .status == 400);
  // JPEG dimensions come from the start-of-frame marker (after an APP0 segment here).
  std::string jpeg(
      "\xff\xd8\xff\xe0\x00\x04"
      "ab\xff\xc0\x00\x11\x08\x00\x30\x00\x40\x03",
      19);
  jpeg += std::string(40, '\0');
  Reply jpeg_file = t.Call("POST", t.api_base() + "/files/p.jpg", jpeg, {{"Content-Type", "image/jpeg"}});
  Reply jpeg_asset = t.Api("POST", "/assets",
                           R"({"file_reference":{"id":")" + Str(jpeg_file.Json()["id"]) + R"(","type":"internal"}})");
  REQUIRE(jpeg_asset.status == 201);
  CHECK(jpeg_asset.Json()["image_width"].GetInt() == 64);
  CHECK(jpeg_asset.Json()["image_height"].GetInt() == 48);

  Reply rendition =
      t.Api("POST", "/assets/external-id/pic/renditions",
            R"({"external_id":"r1","transformation":{"mode":"rect","fit":"clip","x":0,"y":0,"width":10,"height":10,)"
            R"("custom_width":10,"custom_height":10}})");
  REQUIRE(rendition.status == 201);
  CHECK(t.Api("GET", "/assets/external-id/pic/renditions").Json()["asset_renditions"].Size() == 1);
  CHECK(t.Api("GET", "/assets/external-id/pic/renditions/external-id/r1").status == 200);

  Reply renamed =
      t.Api("PATCH", "/folders", R"([{"op":"rename","reference":{"external_id":"f-img"},"value":"Pictures"}])");
  REQUIRE(renamed.status == 200);
  CHECK(Str(renamed.Json()["folders"][0]["name"]) == "Pictures");
  Reply placed = t.Api(
      "PATCH", "/folders",
      R"([{"op":"addInto","value":{"name":"Docs","external_id":"f-docs","folders":[]},"before":{"external_id":"f-img"}}])");
  REQUIRE(placed.status == 200);
  CHECK(Str(placed.Json()["folders"][0]["name"]) == "Docs");
  CHECK(Str(placed.Json()["folders"][0]["codename"]) == "docs");
  CHECK(t.Api("DELETE", "/assets/external-id/pic").status == 204);
  CHECK(t.Api("GET", "/assets/external-id/pic").status == 404);
}

TEST_CASE("environments: info, clone with progress, rename, mark as production, delete", "[emulator][environments]") {
  TestServer t;
  JsonDocument info = t.Api("GET", "").Json();
  CHECK(info["is_production"].GetBool());
  REQUIRE(t.Api("PUT", "/items/external-id/x", R"({"name":"X","type":{"codename":"article"}})").status == 201);
  CHECK(t.Api("POST", "/clone-environment",
              R"({"name":"X","roles_to_activate":["00000000-0000-4000-8000-00000000beef"]})")
            .status == 400);
  Reply clone = t.Api("POST", "/clone-environment",
                      R"({"name":"Develop","roles_to_activate":[],"copy_data_options":{"content_items_assets":false,)"
                      R"("content_item_version_history":false}})");
  REQUIRE(clone.status == 200);
  std::string clone_id = Str(clone.Json()["id"]);
  const std::string clone_base = "/v2/projects/" + clone_id;
  CHECK(Str(t.Call("GET", clone_base + "/environment-cloning-state").Json()["cloning_state"]) == "in_progress");
  CHECK(Str(t.Call("GET", clone_base + "/environment-cloning-state").Json()["cloning_state"]) == "done");
  CHECK(t.Call("GET", clone_base + "/types/codename/article").status == 200);  // the model came along
  CHECK(t.Call("GET", clone_base + "/items/external-id/x").status == 404);     // content did not
  Reply renamed = t.Call("PATCH", clone_base, R"([{"op":"rename_environment","value":"Dev 2"}])");
  REQUIRE(renamed.status == 200);
  CHECK(Str(renamed.Json()["name"]) == "Dev 2");
  CHECK(t.Api("DELETE", "").Json()["error_code"].GetInt() == 233);
  REQUIRE(t.Call("PUT", clone_base + "/mark-environment-as-production", "{}").status == 204);
  CHECK(t.Call("PUT", clone_base + "/mark-environment-as-production", "{}").Json()["error_code"].GetInt() == 232);
  CHECK(t.Api("DELETE", "").status == 204);
  CHECK(t.Api("GET", "").status == 403);
}

TEST_CASE("model objects in use cannot be deleted", "[emulator][model]") {
  TestServer t;
  CHECK(t.Api("DELETE", "/taxonomies/codename/topics").status == 400);  // the article type uses it
  CHECK(t.Api("DELETE", "/snippets/codename/seo").status == 400);
  REQUIRE(t.Api("PATCH", "/collections", R"([{"op":"addInto","value":{"name":"Used","codename":"used"}}])").status ==
          200);
  REQUIRE(t.Api("PUT", "/items/external-id/u",
                R"({"name":"U","type":{"codename":"author"},"collection":{"codename":"used"}})")
              .status == 201);
  REQUIRE(t.Api("PUT", "/items/external-id/u/variants/codename/default", R"({"elements":[]})").status == 201);
  CHECK(t.Api("PATCH", "/collections", R"([{"op":"remove","reference":{"codename":"used"}}])").status == 400);
  Reply wf = t.Api("POST", "/workflows",
                   R"({"name":"W","scopes":[{"content_types":[{"codename":"author"}],"collections":[]}],)"
                   R"("steps":[{"name":"S","color":"red","transitions_to":[]}]})");
  REQUIRE(wf.status == 201);
  REQUIRE(t.Api("PUT", "/items/external-id/u2", R"({"name":"U2","type":{"codename":"author"}})").status == 201);
  REQUIRE(t.Api("PUT", "/items/external-id/u2/variants/codename/default", R"({"elements":[]})").status == 201);
  CHECK(t.Api("DELETE", "/workflows/codename/w").status == 400);
  REQUIRE(t.Api("DELETE", "/items/external-id/u2").status == 204);
  CHECK(t.Api("DELETE", "/workflows/codename/w").status == 204);
}
