// The emulator's write-side rules that follow the spec to the letter (issue 11): element values on
// upsert, reference forms, value limits, content validation of limits and rich-text references, codename
// and external-id rules of every object kind, error codes, items' spaces, renditions of their asset,
// project-wide roles and the seed's asset type.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/iso_date_time.h"
#include "emulator/store_seed_sink.h"
#include "tests/emulator/test_server.h"

using namespace kbulk;
using namespace kbulk::emulator;
using namespace kbulk::emulator::testing;

namespace {

std::string Str(const JsonValue& v) {
  return v.IsString() ? std::string(v.GetString()) : ToJsonString(v);
}

const char kVariant[] = "/items/external-id/it/variants/codename/default";

void MakeItem(TestServer& t, const std::string& external_id, const std::string& type = "article") {
  Reply r = t.Api("PUT", "/items/external-id/" + external_id,
                  R"({"name":")" + external_id + R"(","type":{"codename":")" + type + R"("}})");
  REQUIRE(r.status == 201);
}

// Upserts one element into the "it" variant; returns the reply.
Reply PutElement(TestServer& t, const std::string& element_json) {
  return t.Api("PUT", kVariant, R"({"elements":[)" + element_json + "]}");
}

// The first validation message of a 400, or the whole body when there is none.
std::string FirstMessage(const Reply& r) {
  JsonDocument doc = r.Json();
  if (doc.HasMember("validation_errors") && doc["validation_errors"].Size() > 0)
    return Str(doc["validation_errors"][0]["message"]);
  return r.body;
}

void Expect400(const Reply& r, const std::string& fragment) {
  INFO(r.body);
  REQUIRE(r.status == 400);
  CHECK(FirstMessage(r).find(fragment) != std::string::npos);
}

std::string UploadFile(TestServer& t, const std::string& name) {
  Reply file = t.Call("POST", t.api_base() + "/files/" + name, "bytes", {{"Content-Type", "image/png"}});
  REQUIRE(file.status == 200);
  return Str(file.Json()["id"]);
}

std::string MakeAsset(TestServer& t, const std::string& external_id) {
  Reply r = t.Api("PUT", "/assets/external-id/" + external_id,
                  R"({"file_reference":{"id":")" + UploadFile(t, external_id + ".png") + R"(","type":"internal"}})");
  REQUIRE(r.status == 201);
  return Str(r.Json()["id"]);
}

// Runs content validation to the end and returns its issues array.
JsonDocument ValidationIssues(TestServer& t) {
  Reply task = t.Api("POST", "/validate-async");
  REQUIRE(task.status == 202);
  const std::string id = Str(task.Json()["id"]);
  t.Api("GET", "/validate-async/tasks/" + id);
  REQUIRE(Str(t.Api("GET", "/validate-async/tasks/" + id).Json()["status"]) == "finished");
  JsonDocument issues = t.Api("GET", "/validate-async/tasks/" + id + "/issues").Json();
  JsonDocument out;
  out.CopyFrom(issues["issues"], out.GetAllocator());
  return out;
}

}  // namespace

TEST_CASE("ISO-8601 date-times parse strictly", "[emulator][elements]") {
  CHECK(ParseIsoDateTime("1970-01-01T00:00:00Z") == 0);
  CHECK(ParseIsoDateTime("1970-01-01T01:00:00+01:00") == 0);
  CHECK(ParseIsoDateTime("2017-10-31T00:00:00.1234567Z") == 1509408000);
  CHECK(ParseIsoDateTime("2017-10-31T00:00") == 1509408000);
  CHECK(ParseIsoDateTime("2024-02-29T10:00:00Z").has_value());
  for (const char* bad : {"2023-02-29T10:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01",
                          "yesterday", "2024-01-01T00:00:00Zjunk", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+1"})
    CHECK_FALSE(ParseIsoDateTime(bad).has_value());
}

TEST_CASE("date & time elements take ISO-8601 values and canonical IANA display time zones", "[emulator][elements]") {
  TestServer t;
  MakeItem(t, "it");
  Expect400(PutElement(t, R"({"element":{"codename":"date"},"value":"next Tuesday"})"), "ISO-8601");
  Expect400(PutElement(t, R"({"element":{"codename":"date"},"value":"2023-02-29T00:00:00Z"})"), "ISO-8601");
  Expect400(PutElement(t, R"({"element":{"codename":"date"},"value":"2024-01-01T00:00:00Z",)"
                          R"("display_timezone":"Europe/Kiev"})"),
            "display_timezone");  // obsolete: the spec refuses it
  Expect400(PutElement(t, R"({"element":{"codename":"date"},"value":null,"display_timezone":"Mars/Olympus"})"),
            "display_timezone");
  Reply ok = PutElement(t, R"({"element":{"codename":"date"},"value":"2024-02-29T10:00:00+02:00",)"
                           R"("display_timezone":"Europe/Kyiv"})");
  INFO(ok.body);
  CHECK(ok.status == 201);
  CHECK(PutElement(t, R"({"element":{"codename":"date"},"value":null,"display_timezone":null})").status == 200);
  // The service stores "UTC" itself (a real environment's data-ops backup holds it).
  CHECK(PutElement(t, R"({"element":{"codename":"date"},"value":"2024-01-01T00:00:00Z","display_timezone":"UTC"})")
            .status == 200);
}

TEST_CASE("URL slugs: mode is required unless a value is given, which makes it custom", "[emulator][elements]") {
  TestServer t;
  MakeItem(t, "it");
  Expect400(PutElement(t, R"({"element":{"codename":"slug"}})"), "mode is required");
  Expect400(PutElement(t, R"({"element":{"codename":"slug"},"mode":"custom"})"), "needs a value");
  Expect400(PutElement(t, R"({"element":{"codename":"slug"},"value":"a","mode":"weird"})"), "mode");
  Reply valued = PutElement(t, R"({"element":{"codename":"slug"},"value":"my-slug"})");
  REQUIRE(valued.status == 201);
  JsonDocument doc = valued.Json();
  for (const JsonValue& e : doc["elements"].GetArray())
    if (Str(e["element"]["id"]) == "55555555-0000-0000-0000-000000000009") {
      CHECK(Str(e["mode"]) == "custom");
      CHECK(Str(e["value"]) == "my-slug");
    }
  CHECK(PutElement(t, R"({"element":{"codename":"slug"},"mode":"autogenerated"})").status == 200);
  // Without a value, an autogenerated slug comes from the text element it depends on (set in the same request).
  Reply generated = PutElement(t, R"({"element":{"codename":"title"},"value":"Cold Brew: 12 Hours!"},)"
                                  R"({"element":{"codename":"slug"},"mode":"autogenerated"})");
  REQUIRE(generated.status == 200);
  JsonDocument generated_doc = generated.Json();
  bool seen = false;
  for (const JsonValue& e : generated_doc["elements"].GetArray())
    if (Str(e["element"]["id"]) == "55555555-0000-0000-0000-000000000009") {
      seen = true;
      CHECK(Str(e["mode"]) == "autogenerated");
      CHECK(Str(e["value"]) == "cold-brew-12-hours");
    }
  CHECK(seen);
}

TEST_CASE("assets are referenced by id or external id, options by id or codename", "[emulator][elements]") {
  TestServer t;
  MakeItem(t, "it");
  MakeAsset(t, "pic");
  Reply asset = t.Api("GET", "/assets/external-id/pic");
  const std::string codename = Str(asset.Json()["codename"]);
  Expect400(PutElement(t, R"({"element":{"codename":"image"},"value":[{"codename":")" + codename + R"("}]})"),
            "not by codename");
  Expect400(PutElement(t, R"({"element":{"codename":"pick"},"value":[{"external_id":"a"}]})"), "not by external_id");
  Expect400(PutElement(t, R"({"element":{"codename":"image"},"value":[{"external_id":"pic","renditions":[)"
                          R"({"codename":"thumb"}]}]})"),
            "not by codename");
  Reply by_external_id = PutElement(t, R"({"element":{"codename":"image"},"value":[{"external_id":"pic"}]})");
  REQUIRE(by_external_id.status == 201);
  // Asset references are answered with their renditions, [] when none were given.
  JsonDocument by_external_id_doc = by_external_id.Json();
  for (const JsonValue& e : by_external_id_doc["elements"].GetArray())
    if (Str(e["element"]["id"]) == "55555555-0000-0000-0000-000000000006") {
      REQUIRE(e["value"].Size() == 1);
      CHECK(Str(e["value"][0]["id"]) == Str(asset.Json()["id"]));
      CHECK(ToJsonString(e["value"][0]["renditions"]) == "[]");
    }
  CHECK(PutElement(t, R"({"element":{"codename":"pick"},"value":[{"codename":"a"}]})").status == 200);
  CHECK(PutElement(t, R"({"element":{"codename":"pick"},"value":[{"id":"55555555-0000-0000-0000-0000000000a2"}]})")
            .status == 200);
}

TEST_CASE("element values have the spec's length limits - null text is allowed", "[emulator][elements]") {
  TestServer t;
  MakeItem(t, "it");
  Expect400(PutElement(t, R"({"element":{"codename":"title"},"value":")" + std::string(100001, 'x') + "\"}"),
            "longer than 100000");
  // Multi-byte characters count once: 100000 of them fit.
  std::string umlauts;
  for (int i = 0; i < 100000; ++i) umlauts += "\xc3\xbc";
  CHECK(PutElement(t, R"({"element":{"codename":"title"},"value":")" + umlauts + "\"}").status == 201);
  CHECK(PutElement(t, R"({"element":{"codename":"title"},"value":null})").status == 200);
  Expect400(PutElement(t, R"({"element":{"codename":"widget"},"value":")" + std::string(200001, 'x') + "\"}"),
            "longer than 200000");
  Expect400(PutElement(t, R"({"element":{"codename":"widget"},"value":"x","searchable_value":")" +
                              std::string(200001, 'x') + "\"}"),
            "searchable_value");
  Expect400(PutElement(t, R"({"element":{"codename":"body"},"value":"<p>)" + std::string(100001, 'x') + "</p>\"}"),
            "longer than 100000");
}

TEST_CASE("content validation reports type limits and rich-text references - the upsert accepts them",
          "[emulator][validation]") {
  TestServer t;
  Reply type = t.Api(
      "POST", "/types",
      R"({"name":"Limited","codename":"limited","elements":[)"
      R"({"name":"Short","codename":"short","type":"text","maximum_text_length":{"value":5,"applies_to":"characters"}},)"
      R"({"name":"Words","codename":"words","type":"text","maximum_text_length":{"value":2,"applies_to":"words"}},)"
      R"({"name":"Links","codename":"links","type":"modular_content","item_count_limit":{"value":1,"condition":"at_most"}},)"
      R"({"name":"Text","codename":"text","type":"rich_text","maximum_text_length":{"value":5,"applies_to":"characters"}}]})");
  INFO(type.body);
  REQUIRE(type.status == 201);
  MakeItem(t, "it", "limited");
  MakeItem(t, "a");
  MakeItem(t, "b");
  CHECK(ValidationIssues(t).Size() == 0);
  Reply v = PutElement(
      t, R"({"element":{"codename":"short"},"value":"too long"},)"
         R"({"element":{"codename":"words"},"value":"three words here"},)"
         R"({"element":{"codename":"links"},"value":[{"external_id":"a"},{"external_id":"b"}]},)"
         R"({"element":{"codename":"text"},"value":"<p><a data-item-external-id=\"never\">x</a> and more</p>"})");
  INFO(v.body);
  REQUIRE(v.status == 201);
  JsonDocument issues = ValidationIssues(t);
  REQUIRE(issues.Size() == 1);
  const std::string all = ToJsonString(issues);
  CHECK(Str(issues[0]["item"]["codename"]) == "it");
  CHECK(issues[0]["issues"].Size() == 4);
  CHECK(all.find("8 characters; the content type allows at most 5") != std::string::npos);
  CHECK(all.find("3 words; the content type allows at most 2") != std::string::npos);
  CHECK(all.find("2 items; the content type requires at most 1") != std::string::npos);
  CHECK(all.find("rich text references a content item") != std::string::npos);
  CHECK(all.find("breaks a limit of the content type") != std::string::npos);  // 10 characters, 5 allowed
  // Once the referenced item exists and the values fit, nothing is reported.
  MakeItem(t, "never");
  REQUIRE(PutElement(t, R"({"element":{"codename":"short"},"value":"ok"},)"
                        R"({"element":{"codename":"words"},"value":"two words"},)"
                        R"({"element":{"codename":"links"},"value":[{"external_id":"a"}]},)"
                        R"({"element":{"codename":"text"},"value":"<p>short</p>"})")
              .status == 200);
  CHECK(ValidationIssues(t).Size() == 0);
}

TEST_CASE("taxonomy terms: codename rules, unique codenames in the group, unique external ids",
          "[emulator][codenames]") {
  TestServer t;
  Expect400(t.Api("POST", "/taxonomies", R"({"name":"G","terms":[{"name":"A","codename":"Bad-Name","terms":[]}]})"),
            "lowercase");
  Expect400(t.Api("POST", "/taxonomies",
                  R"({"name":"G","terms":[{"name":"A","codename":"x","terms":[{"name":"B","codename":"x"}]}]})"),
            "more than once");
  Expect400(t.Api("POST", "/taxonomies", R"({"name":"G","terms":[{"name":"A","external_id":"term-news"}]})"),
            "already used");
  Expect400(t.Api("POST", "/taxonomies", R"({"name":"G2","external_id":"tax-topics","terms":[]})"), "already used");
  // Terms may have codenames longer than 60 characters.
  Reply long_term = t.Api("POST", "/taxonomies",
                          R"({"name":"G","terms":[{"name":"A","codename":")" + std::string(80, 'a') + R"("}]})");
  INFO(long_term.body);
  CHECK(long_term.status == 201);
  Expect400(
      t.Api("PATCH", "/taxonomies/codename/topics", R"([{"op":"addInto","value":{"name":"Dup","codename":"news"}}])"),
      "more than once");
}

TEST_CASE("collections and spaces: codenames up to 210 characters - languages up to 25", "[emulator][codenames]") {
  TestServer t;
  const std::string c210(210, 'c'), c211(211, 'c');
  CHECK(t.Api("PATCH", "/collections", R"([{"op":"addInto","value":{"name":"Long","codename":")" + c210 + R"("}}])")
            .status == 200);
  Expect400(t.Api("PATCH", "/collections", R"([{"op":"addInto","value":{"name":"L2","codename":")" + c211 + R"("}}])"),
            "longer than 210");
  Expect400(t.Api("PATCH", "/collections", R"([{"op":"addInto","value":{"name":"L3","codename":"Upper"}}])"),
            "lowercase");
  Expect400(t.Api("PATCH", "/collections",
                  R"([{"op":"addInto","value":{"name":"L4","external_id":"x"}},)"
                  R"({"op":"addInto","value":{"name":"L5","external_id":"x"}}])"),
            "already used");
  CHECK(t.Api("POST", "/spaces", R"({"name":"S","codename":")" + c210 + R"("})").status == 201);
  Expect400(t.Api("POST", "/spaces", R"({"name":"S2","codename":")" + c211 + R"("})"), "longer than 210");
  Expect400(t.Api("POST", "/spaces", R"({"name":"S3","codename":"no spaces"})"), "lowercase");
  Expect400(t.Api("POST", "/languages", R"({"name":")" + std::string(26, 'n') + R"(","codename":"xx"})"),
            "25 characters");
  Expect400(t.Api("POST", "/languages", R"({"name":"N","codename":")" + std::string(26, 'x') + R"("})"),
            "25 characters");
  Expect400(t.Api("POST", "/languages", R"({"name":"N","codename":"fr-FR","external_id":"lang-de"})"), "already used");
  CHECK(t.Api("POST", "/languages", R"({"name":")" + std::string(25, 'n') + R"(","codename":"fr-FR"})").status == 201);
}

TEST_CASE("folders: before/after are exclusive, names required, external ids unique", "[emulator][codenames]") {
  TestServer t;
  REQUIRE(t.Api("POST", "/folders", R"({"folders":[{"name":"A","external_id":"fa"},{"name":"B","external_id":"fb"}]})")
              .status == 201);
  Expect400(
      t.Api("PATCH", "/folders",
            R"([{"op":"addInto","value":{"name":"C"},"before":{"external_id":"fa"},"after":{"external_id":"fb"}}])"),
      "mutually exclusive");
  Expect400(t.Api("PATCH", "/folders", R"([{"op":"addInto","value":{"name":"C","external_id":"fa"}}])"),
            "already used");
  Expect400(t.Api("PATCH", "/folders", R"([{"op":"addInto","value":{"external_id":"fc"}}])"), "name");
  Expect400(t.Api("POST", "/folders", R"({"folders":[{"name":"D","external_id":"fb"}]})"), "already used");
  Reply placed = t.Api("PATCH", "/folders", R"([{"op":"addInto","value":{"name":"C"},"after":{"external_id":"fa"}}])");
  REQUIRE(placed.status == 200);
  CHECK(Str(placed.Json()["folders"][1]["name"]) == "C");
}

TEST_CASE("webhooks need a name, an http(s) url and a secret", "[emulator][codenames]") {
  TestServer t;
  Expect400(t.Api("POST", "/webhooks-vnext", R"({"name":"H","url":"https://example.com/h"})"), "secret");
  Expect400(t.Api("POST", "/webhooks-vnext", R"({"name":"H","url":"ftp://example.com","secret":"s"})"), "url");
  Expect400(
      t.Api("POST", "/webhooks", R"({"name":")" + std::string(201, 'n') + R"(","url":"https://e.com","secret":"s"})"),
      "name");
  CHECK(t.Api("POST", "/webhooks-vnext", R"({"name":"H","url":"https://example.com/h","secret":"s"})").status == 201);
}

TEST_CASE("error codes: asset 105, webhook 111, default workflow 235 - deleting an environment is 204",
          "[emulator][errors]") {
  TestServer t;
  const std::string nobody = "/0b9e6b3e-0000-4000-8000-000000000000";
  CHECK(t.Api("GET", "/assets" + nobody).Json()["error_code"].GetInt() == 105);
  CHECK(t.Api("DELETE", "/assets/external-id/nope").Json()["error_code"].GetInt() == 105);
  CHECK(t.Api("GET", "/assets" + nobody + "/renditions").Json()["error_code"].GetInt() == 105);
  CHECK(t.Api("GET", "/webhooks-vnext" + nobody).Json()["error_code"].GetInt() == 111);
  CHECK(t.Api("DELETE", "/webhooks" + nobody).Json()["error_code"].GetInt() == 111);
  Reply default_workflow = t.Api("DELETE", "/workflows/00000000-0000-0000-0000-000000000000");
  CHECK(default_workflow.status == 400);
  CHECK(default_workflow.Json()["error_code"].GetInt() == 235);
  Environment& dev = t.server().store().Create("Dev", false);
  Reply deleted = t.Call("DELETE", "/v2/projects/" + dev.id);
  CHECK(deleted.status == 204);
  CHECK(deleted.body.empty());
}

TEST_CASE("items report the spaces of their collection", "[emulator][items]") {
  TestServer t;
  MakeItem(t, "it");
  CHECK(t.Api("GET", "/items/external-id/it").Json()["spaces"].Size() == 0);
  Reply space = t.Api("POST", "/spaces", R"({"name":"Web","codename":"web","collections":[{"codename":"default"}]})");
  REQUIRE(space.status == 201);
  const std::string space_id = Str(space.Json()["id"]);
  JsonDocument item = t.Api("GET", "/items/external-id/it").Json();
  REQUIRE(item["spaces"].Size() == 1);
  CHECK(Str(item["spaces"][0]["id"]) == space_id);
  MakeItem(t, "later");
  CHECK(t.Api("GET", "/items/external-id/later").Json()["spaces"].Size() == 1);
  REQUIRE(
      t.Api("PATCH", "/spaces/codename/web", R"([{"op":"replace","property_name":"collections","value":[]}])").status ==
      200);
  CHECK(t.Api("GET", "/items/external-id/it").Json()["spaces"].Size() == 0);
}

TEST_CASE("renditions belong to their asset - their external ids are unique", "[emulator][assets]") {
  TestServer t;
  MakeAsset(t, "one");
  MakeAsset(t, "two");
  const std::string transformation =
      R"("transformation":{"mode":"rect","fit":"clip","x":0,"y":0,"width":1,"height":1,"custom_width":1,"custom_height":1})";
  Reply r = t.Api("POST", "/assets/external-id/one/renditions", R"({"external_id":"r1",)" + transformation + "}");
  REQUIRE(r.status == 201);
  const std::string rendition_id = Str(r.Json()["rendition_id"]);
  CHECK(t.Api("GET", "/assets/external-id/one/renditions/" + rendition_id).status == 200);
  CHECK(t.Api("GET", "/assets/external-id/two/renditions/" + rendition_id).status == 404);
  CHECK(t.Api("GET", "/assets/external-id/two/renditions/external-id/r1").status == 404);
  CHECK(t.Api("PUT", "/assets/external-id/two/renditions/" + rendition_id, "{" + transformation + "}").status == 404);
  CHECK(t.Api("GET", "/assets/external-id/two/renditions").Json()["asset_renditions"].Size() == 0);
  Expect400(t.Api("POST", "/assets/external-id/two/renditions", R"({"external_id":"r1",)" + transformation + "}"),
            "already exists");
}

TEST_CASE("roles belong to the project and the asset type is the seed's in every environment", "[emulator][project]") {
  TestServer t;
  Environment& production = *t.server().store().Find(t.env_id());
  EnvironmentSeedSink sink(production);
  REQUIRE(sink.Put(EntityKind::kRole, R"({"id":"77777777-0000-0000-0000-000000000001","name":"Editor",)"
                                      R"("codename":"editor"})")
              .ok());
  REQUIRE(sink.Put(EntityKind::kAsset,
                   R"({"id":"88888888-0000-0000-0000-000000000001","codename":"seeded","file_name":"s.png",)"
                   R"("elements":[{"element":{"id":"99999999-0000-0000-0000-000000000001"},)"
                   R"("value":[{"id":"22222222-0000-0000-0000-000000000002"}]}]})")
              .ok());
  Environment& dev = t.server().store().Create("Dev", false);
  JsonDocument roles = t.Call("GET", "/v2/projects/" + dev.id + "/roles").Json();
  REQUIRE(roles["roles"].Size() == 1);
  CHECK(Str(roles["roles"][0]["id"]) == "77777777-0000-0000-0000-000000000001");
  Reply clone = t.Call("POST", "/v2/projects/" + dev.id + "/clone-environment",
                       R"({"name":"Copy","roles_to_activate":["77777777-0000-0000-0000-000000000001"]})");
  CHECK(clone.status == 200);
  CHECK(t.Call("POST", "/v2/projects/" + dev.id + "/clone-environment",
               R"({"name":"Copy","roles_to_activate":["77777777-0000-0000-0000-000000000002"]})")
            .status == 400);

  const std::string file = UploadFile(t, "new.png");
  const std::string asset_body = R"({"file_reference":{"id":")" + file + R"(","type":"internal"},"elements":[)";
  Reply tagged = t.Api("PUT", "/assets/external-id/new",
                       asset_body + R"({"element":{"id":"99999999-0000-0000-0000-000000000001"},)"
                                    R"("value":[{"codename":"news"}]}]})");
  INFO(tagged.body);
  REQUIRE(tagged.status == 201);
  CHECK(Str(tagged.Json()["elements"][0]["value"][0]["id"]) == "22222222-0000-0000-0000-000000000002");
  Expect400(t.Api("PUT", "/assets/external-id/new2",
                  asset_body + R"({"element":{"id":"99999999-0000-0000-0000-000000000002"},"value":[]}]})"),
            "asset type has no element");
  Expect400(t.Api("PUT", "/assets/external-id/new2",
                  asset_body + R"({"element":{"id":"99999999-0000-0000-0000-000000000001"},)"
                               R"("value":[{"codename":"no_such_term"}]}]})"),
            "does not exist");

  // Another environment has its own copy of the group (same codename, other ids): its terms are used.
  REQUIRE(
      EnvironmentSeedSink(dev)
          .Put(EntityKind::kTaxonomyGroup,
               R"({"id":"22222222-0000-0000-0000-0000000000d1","name":"Topics","codename":"topics",)"
               R"("terms":[{"id":"22222222-0000-0000-0000-0000000000d2","name":"News","codename":"news","terms":[]}]})")
          .ok());
  Reply dev_file = t.Call("POST", "/v2/projects/" + dev.id + "/files/d.png", "bytes", {{"Content-Type", "image/png"}});
  REQUIRE(dev_file.status == 200);
  Reply dev_asset =
      t.Call("PUT", "/v2/projects/" + dev.id + "/assets/external-id/dev",
             R"({"file_reference":{"id":")" + Str(dev_file.Json()["id"]) +
                 R"(","type":"internal"},"elements":[{"element":{"id":"99999999-0000-0000-0000-000000000001"},)"
                 R"("value":[{"codename":"news"}]}]})");
  INFO(dev_asset.body);
  REQUIRE(dev_asset.status == 201);
  CHECK(Str(dev_asset.Json()["elements"][0]["value"][0]["id"]) == "22222222-0000-0000-0000-0000000000d2");
}

TEST_CASE("an environment without a seeded asset type refuses every asset element", "[emulator][project]") {
  TestServer t;
  const std::string file = UploadFile(t, "a.png");
  Expect400(t.Api("PUT", "/assets/external-id/a",
                  R"({"file_reference":{"id":")" + file +
                      R"(","type":"internal"},"elements":[{"element":{"codename":"tags"},"value":[]}]})"),
            "asset type has no element");
  CHECK(t.Api("PUT", "/assets/external-id/a",
              R"({"file_reference":{"id":")" + file + R"(","type":"internal"},"elements":[]})")
            .status == 201);
}
