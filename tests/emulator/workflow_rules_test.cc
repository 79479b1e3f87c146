// The emulator's workflow, publishing, schedule and Web Spotlight rules (issue 11), through the HTTP API:
// each rule as strict as the spec (or the service, for the routes the spec lacks) and no stricter.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/time_zones.h"
#include "tests/emulator/test_server.h"

using namespace kbulk;
using namespace kbulk::emulator;
using namespace kbulk::emulator::testing;

namespace {

constexpr char kPublished[] = "c199950d-99f0-4983-b711-6c4c91624b22";
constexpr char kScheduled[] = "9d2b0228-4d0d-4c23-8b49-01a698857709";
constexpr char kArchived[] = "7a535a69-ad34-47f8-806a-def1fdf4d391";
constexpr char kArticleType[] = "44444444-0000-0000-0000-000000000001";

std::string Str(const JsonValue& v) {
  return v.IsString() ? std::string(v.GetString()) : ToJsonString(v);
}

std::string StepOf(TestServer& t, const std::string& variant) {
  Reply r = t.Api("GET", variant);
  REQUIRE(r.status == 200);
  return Str(r.Json()["workflow"]["step_identifier"]["id"]);
}

std::string StepId(const JsonValue& workflow, const std::string& codename) {
  for (const JsonValue& s : workflow["steps"].GetArray())
    if (Str(s["codename"]) == codename) return Str(s["id"]);
  return "";
}

// A variant of a new article item `external_id` in the default language, in the default workflow's Draft.
std::string MakeVariant(TestServer& t, const std::string& external_id, const std::string& type = "article",
                        const std::string& body = R"({"elements":[]})") {
  REQUIRE(t.Api("PUT", "/items/external-id/" + external_id,
                R"({"name":")" + external_id + R"(","type":{"codename":")" + type + R"("}})")
              .status == 201);
  const std::string v = "/items/external-id/" + external_id + "/variants/codename/default";
  Reply r = t.Api("PUT", v, body);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return v;
}

void Expect(const Reply& r, int status, int error_code, const std::string& path = "") {
  INFO(r.body);
  REQUIRE(r.status == status);
  JsonDocument body = r.Json();
  CHECK(body["error_code"].GetInt() == error_code);
  if (!path.empty()) {
    bool found = false;
    for (const JsonValue& e : body["validation_errors"].GetArray())
      found = found || (e.HasMember("path") && Str(e["path"]) == path);
    CHECK(found);
  }
}

// "Ladder": write -> check -> Published; check may also go back to write; write may be archived.
JsonDocument MakeLadder(TestServer& t, const std::string& scopes = "[]") {
  Reply wf = t.Api("POST", "/workflows",
                   R"({"name":"Ladder","codename":"ladder","scopes":)" + scopes +
                       R"(,"steps":[{"name":"Write","codename":"write","color":"red",)"
                       R"("transitions_to":[{"step":{"codename":"check"}},{"step":{"codename":"archived"}}]},)"
                       R"({"name":"Check","codename":"check","color":"blue","transitions_to":[)"
                       R"({"step":{"codename":"write"}},{"step":{"id":"c199950d-99f0-4983-b711-6c4c91624b22"}}]}],)"
                       R"("published_step":{"unpublish_role_ids":[],"create_new_version_role_ids":[]},)"
                       R"("archived_step":{"role_ids":[]}})");
  INFO(wf.body);
  REQUIRE(wf.status == 201);
  return wf.Json();
}

void MoveTo(TestServer& t, const std::string& v, const std::string& workflow, const std::string& step, int status) {
  Reply r = t.Api(
      "PUT", v + "/change-workflow",
      R"({"workflow_identifier":{"codename":")" + workflow + R"("},"step_identifier":{"codename":")" + step + R"("}})");
  INFO(r.body);
  CHECK(r.status == status);
}

}  // namespace

TEST_CASE("time zones: canonical IANA names only, the spec's obsolete ones refused", "[emulator][workflow]") {
  CHECK(TimeZoneCount() >= 322);
  for (const char* zone : {"Africa/Abidjan", "Africa/Accra", "Africa/Addis_Ababa", "Europe/Prague", "Europe/Kyiv",
                           "Australia/Sydney", "America/Argentina/Buenos_Aires"})
    CHECK(IsValidTimeZone(zone));
  for (const char* zone : {"America/Ojinaga", "Asia/Qyzylorda", "Europe/Kiev"}) {
    CHECK(IsObsoleteTimeZone(zone));
    CHECK_FALSE(IsValidTimeZone(zone));
  }
  for (const char* zone : {"", "UTC", "US/Eastern", "Europe/Nowhere", "europe/prague", "Europe/Prague "})
    CHECK_FALSE(IsValidTimeZone(zone));
}

TEST_CASE("Web Spotlight: off in a new environment, activation needs a root type, state per environment",
          "[emulator][web-spotlight]") {
  TestServer t;
  auto status = [&](const std::string& base) {
    Reply r = t.Call("GET", base + "/web-spotlight/status");
    REQUIRE(r.status == 200);
    return r.Json();
  };
  JsonDocument off = status(t.api_base());
  CHECK_FALSE(off["enabled"].GetBool());
  CHECK(off["root_type"].IsNull());

  // Subpages elements are accepted while Web Spotlight is off (data-ops restores types first).
  Reply type = t.Api("POST", "/types",
                     R"({"name":"Page","codename":"page","elements":[{"name":"Subpages","codename":"subpages",)"
                     R"("type":"subpages"}]})");
  INFO(type.body);
  CHECK(type.status == 201);

  Expect(t.Api("PUT", "/web-spotlight/activate", R"({})"), 400, 5, "root_type");
  Expect(t.Api("PUT", "/web-spotlight/activate", R"({"root_type":null})"), 400, 5, "root_type");
  Expect(t.Api("PUT", "/web-spotlight/activate", R"({"root_type":{"codename":"no_such_type"}})"), 400, 5, "root_type");
  CHECK_FALSE(status(t.api_base())["enabled"].GetBool());

  Reply on = t.Api("PUT", "/web-spotlight/activate", R"({"root_type":{"codename":"article"}})");
  REQUIRE(on.status == 200);
  CHECK(on.Json()["enabled"].GetBool());
  CHECK(Str(on.Json()["root_type"]["id"]) == kArticleType);
  JsonDocument now = status(t.api_base());
  CHECK(now["enabled"].GetBool());
  CHECK(Str(now["root_type"]["id"]) == kArticleType);
  // Activating again changes the root type (data-ops' sync does that); by id this time.
  Reply page = t.Api("PUT", "/web-spotlight/activate", R"({"root_type":{"id":")" + Str(type.Json()["id"]) + R"("}})");
  REQUIRE(page.status == 200);
  CHECK(Str(status(t.api_base())["root_type"]["id"]) == Str(type.Json()["id"]));

  // Another environment of the same emulator keeps its own state.
  Environment& other = t.server().store().Create("Other", false);
  CHECK_FALSE(status("/v2/projects/" + other.id)["enabled"].GetBool());

  for (int i = 0; i < 2; ++i) {  // deactivating twice is fine (data-ops' clean step does it blindly)
    Reply r = t.Api("PUT", "/web-spotlight/deactivate");
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.Json()["enabled"].GetBool());
    CHECK(r.Json()["root_type"].IsNull());
  }
  // The seeds' setter.
  other.SetWebSpotlight(kArticleType);
  CHECK(status("/v2/projects/" + other.id)["enabled"].GetBool());
}

TEST_CASE("workflows: the bodies data-ops 2.6.2 sends are accepted - special steps are the service's",
          "[emulator][workflow]") {
  TestServer t;
  JsonDocument ladder = MakeLadder(t);
  const std::string write_id = StepId(ladder, "write");
  CHECK(Str(ladder["steps"][0]["transitions_to"][1]["step"]["id"]) == kArchived);
  CHECK(Str(ladder["steps"][1]["transitions_to"][1]["step"]["id"]) == kPublished);
  // data-ops spreads the whole workflow into published_step, drops step ids and names steps by codename.
  Reply updated = t.Api("PUT", "/workflows/codename/ladder",
                        R"({"id":"whatever","name":"Ladder 2","codename":"ladder","scopes":[],)"
                        R"("steps":[{"name":"Write","codename":"write","color":"red","role_ids":[],)"
                        R"("transitions_to":[{"step":{"codename":"published"}},{"step":{"codename":"archived"}}]}],)"
                        R"("published_step":{"name":"Ladder","codename":"ladder","scopes":[],"steps":[],)"
                        R"("published_step":{"id":"c199950d-99f0-4983-b711-6c4c91624b22"},"unpublish_role_ids":[],)"
                        R"("create_new_version_role_ids":[]},)"
                        R"("archived_step":{"name":"Archived","codename":"archived","role_ids":[]}})");
  INFO(updated.body);
  REQUIRE(updated.status == 200);
  JsonDocument w = updated.Json();
  CHECK(StepId(w, "write") == write_id);  // the step named by codename is the same step
  CHECK(Str(w["published_step"]["id"]) == kPublished);
  CHECK(Str(w["published_step"]["codename"]) == "published");
  CHECK(Str(w["published_step"]["name"]) == "Published");
  CHECK_FALSE(w["published_step"].HasMember("steps"));
  CHECK(Str(w["scheduled_step"]["id"]) == kScheduled);
  CHECK(Str(w["archived_step"]["id"]) == kArchived);
  CHECK(Str(w["steps"][0]["transitions_to"][0]["step"]["id"]) == kPublished);
  CHECK(Str(w["name"]) == "Ladder 2");
  // A step codename may not repeat, nor take a special step's codename.
  Expect(t.Api("POST", "/workflows",
               R"({"name":"Dup","steps":[{"name":"A","codename":"a","transitions_to":[]},)"
               R"({"name":"B","codename":"a","transitions_to":[]}]})"),
         400, 5, "steps");
}

TEST_CASE("workflows: a step in use cannot be removed", "[emulator][workflow]") {
  TestServer t;
  JsonDocument ladder = MakeLadder(t);
  const std::string v = MakeVariant(t, "in-check");
  MoveTo(t, v, "ladder", "check", 204);
  const std::string keep_check =
      R"({"name":"Ladder","steps":[{"name":"Check","codename":"check","transitions_to":[{"step":{"codename":"published"}}]}]})";
  const std::string keep_write =
      R"({"name":"Ladder","steps":[{"name":"Write","codename":"write","transitions_to":[{"step":{"codename":"published"}}]}]})";
  Expect(t.Api("PUT", "/workflows/codename/ladder", keep_write), 400, 5, "steps");
  Reply ok = t.Api("PUT", "/workflows/codename/ladder", keep_check);  // "write" is unused
  INFO(ok.body);
  REQUIRE(ok.status == 200);
  CHECK(StepId(ok.Json(), "check") == StepId(ladder, "check"));
  CHECK(StepOf(t, v) == StepId(ladder, "check"));
}

TEST_CASE("workflow actions follow the transitions - the upsert places a variant in any step", "[emulator][workflow]") {
  TestServer t;
  JsonDocument ladder = MakeLadder(t);
  const std::string v = MakeVariant(t, "climber");
  MoveTo(t, v, "ladder", "write", 204);  // into another workflow: any of its steps
  // write -> Published is not a transition: neither publishing nor scheduling.
  CHECK(t.Api("PUT", v + "/publish").status == 400);
  CHECK(t.Api("PUT", v + "/publish", R"({"scheduled_to":"2999-01-01T00:00:00Z"})").status == 400);
  CHECK(StepOf(t, v) == StepId(ladder, "write"));
  MoveTo(t, v, "ladder", "check", 204);
  MoveTo(t, v, "ladder", "write", 204);
  MoveTo(t, v, "ladder", "archived", 204);  // write -> Archived is a transition
  CHECK(StepOf(t, v) == kArchived);
  MoveTo(t, v, "ladder", "check", 204);     // out of Archived: any step (the UI's restore)
  MoveTo(t, v, "ladder", "archived", 400);  // check does not lead to Archived
  REQUIRE(t.Api("PUT", v + "/publish").status == 204);
  CHECK(StepOf(t, v) == kPublished);
  MoveTo(t, v, "ladder", "write", 400);  // a published variant does not change step

  // The deprecated step change moves a variant to a step of the default workflow (the spec), from Ladder too.
  const std::string w = MakeVariant(t, "deprecated-mover");
  MoveTo(t, w, "ladder", "write", 204);
  const std::string default_draft = StepId(t.Api("GET", "/workflows").Json()[0], "draft");
  Reply moved = t.Api("PUT", w + "/workflow/" + default_draft);
  INFO(moved.body);
  CHECK(moved.status == 204);
  JsonDocument back = t.Api("GET", w).Json();
  CHECK(Str(back["workflow"]["workflow_identifier"]["id"]) == "00000000-0000-0000-0000-000000000000");
  CHECK(Str(back["workflow"]["step_identifier"]["id"]) == default_draft);

  // The upsert's workflow puts a new variant straight into "check", which leads to Published (data-ops).
  REQUIRE(t.Api("PUT", "/items/external-id/direct", R"({"name":"Direct","type":{"codename":"article"}})").status ==
          201);
  const std::string d = "/items/external-id/direct/variants/codename/default";
  Reply up = t.Api("PUT", d,
                   R"({"elements":[],"workflow":{"workflow_identifier":{"codename":"ladder"},)"
                   R"("step_identifier":{"codename":"check"}}})");
  INFO(up.body);
  REQUIRE(up.status == 201);
  CHECK(StepOf(t, d) == StepId(ladder, "check"));
  CHECK(t.Api("PUT", d + "/publish").status == 204);
  // Into Published through the upsert: no (the spec's 215).
  REQUIRE(t.Api("PUT", d + "/new-version").status == 204);
  Expect(t.Api("PUT", d,
               R"({"elements":[],"workflow":{"workflow_identifier":{"codename":"ladder"},)"
               R"("step_identifier":{"codename":"published"}}})"),
         400, 215);
}

TEST_CASE("a new variant gets the workflow whose scope covers its type and collection", "[emulator][workflow]") {
  TestServer t;
  REQUIRE(t.Api("PATCH", "/collections", R"([{"op":"addInto","value":{"name":"Marketing","codename":"marketing"}}])")
              .status == 200);
  auto add = [&](const std::string& codename, const std::string& scopes) {
    Reply r = t.Api("POST", "/workflows",
                    R"({"name":")" + codename + R"(","codename":")" + codename + R"(","scopes":)" + scopes +
                        R"(,"steps":[{"name":"S )" + codename + R"(","codename":"s_)" + codename +
                        R"(","transitions_to":[{"step":{"codename":"published"}}]}]})");
    INFO(r.body);
    REQUIRE(r.status == 201);
    return Str(r.Json()["id"]);
  };
  const std::string by_collection =
      add("by_collection", R"([{"content_types":[],"collections":[{"codename":"marketing"}]}])");
  const std::string by_type = add("by_type", R"([{"content_types":[{"codename":"author"}],"collections":[]}])");
  const std::string both =
      add("both", R"([{"content_types":[{"codename":"author"}],"collections":[{"codename":"marketing"}]}])");
  auto workflow_of = [&](const std::string& x, const std::string& type, const std::string& collection) {
    Reply item = t.Api("PUT", "/items/external-id/" + x,
                       R"({"name":")" + x + R"(","type":{"codename":")" + type + R"("},"collection":{"codename":")" +
                           collection + R"("}})");
    INFO(item.body);
    REQUIRE(item.status == 201);
    Reply v = t.Api("PUT", "/items/external-id/" + x + "/variants/codename/default", R"({"elements":[]})");
    REQUIRE(v.status == 201);
    return Str(v.Json()["workflow"]["workflow_identifier"]["id"]);
  };
  CHECK(workflow_of("a1", "article", "default") == "00000000-0000-0000-0000-000000000000");
  CHECK(workflow_of("a2", "article", "marketing") == by_collection);
  CHECK(workflow_of("a3", "author", "default") == by_type);
  CHECK(workflow_of("a4", "author", "marketing") == both);
  // An upsert may name a workflow outside its scope (the spec does not forbid it; documented).
  Reply outside = t.Api("PUT", "/items/external-id/a1/variants/codename/default",
                        R"({"elements":[],"workflow":{"workflow_identifier":{"codename":"by_type"},)"
                        R"("step_identifier":{"codename":"s_by_type"}}})");
  INFO(outside.body);
  CHECK(outside.status == 200);
}

TEST_CASE("new versions only from Published - publishing needs complete required elements", "[emulator][workflow]") {
  TestServer t;
  Reply type = t.Api(
      "POST", "/types",
      R"({"name":"Strict","codename":"strict","elements":[)"
      R"({"name":"Headline","codename":"headline","type":"text","is_required":true},)"
      R"({"name":"Links","codename":"links","type":"modular_content","item_count_limit":{"value":1,"condition":"at_most"}},)"
      R"({"name":"Body","codename":"body","type":"rich_text","is_required":true}]})");
  INFO(type.body);
  REQUIRE(type.status == 201);
  const std::string v = MakeVariant(t, "strict-1", "strict");
  Expect(t.Api("PUT", v + "/publish"), 400, 4040027);
  Expect(t.Api("PUT", v + "/publish", R"({"scheduled_to":"2999-01-01T00:00:00Z"})"), 400, 4040027);
  REQUIRE(t.Api("PUT", v,
                R"({"elements":[{"element":{"codename":"headline"},"value":"Hi"},)"
                R"({"element":{"codename":"body"},"value":"<p><br></p>"}]})")
              .status == 200);
  Expect(t.Api("PUT", v + "/publish"), 400, 4040027);  // an empty paragraph is empty rich text
  REQUIRE(t.Api("PUT", v,
                R"({"elements":[{"element":{"codename":"body"},"value":"<p>Text</p>"},)"
                R"({"element":{"codename":"links"},"value":[{"external_id":"x1"},{"external_id":"x2"}]}]})")
              .status == 200);
  Expect(t.Api("PUT", v + "/publish"), 400, 4040028);  // two items where at most one is allowed
  REQUIRE(t.Api("PUT", v, R"({"elements":[{"element":{"codename":"links"},"value":[]}]})").status == 200);
  Expect(t.Api("PUT", v + "/new-version"), 400, 214);  // Draft
  REQUIRE(t.Api("PUT", v + "/publish").status == 204);
  REQUIRE(t.Api("PUT", v + "/unpublish-and-archive").status == 204);
  CHECK(StepOf(t, v) == kArchived);
  Expect(t.Api("PUT", v + "/new-version"), 400, 214);  // Archived: no new version
}

TEST_CASE("schedules: date-times, time zones, past times, published variants, cancel and unpublish",
          "[emulator][workflow]") {
  TestServer t;
  const std::string v = MakeVariant(t, "sched");
  const std::string draft = StepOf(t, v);
  Expect(t.Api("PUT", v + "/publish", R"({"scheduled_to":"next tuesday"})"), 400, 5, "scheduled_to");
  Expect(t.Api("PUT", v + "/publish", R"({"scheduled_to":"2999-02-30T00:00:00Z"})"), 400, 5, "scheduled_to");
  Reply past = t.Api("PUT", v + "/publish", R"({"scheduled_to":"2001-01-01T00:00:00Z"})");
  Expect(past, 400, 5, "scheduled_to");
  CHECK(Str(past.Json()["validation_errors"][0]["message"]) ==
        "The provided date-time value needs to be in the future.");
  for (const char* zone : {"Europe/Kiev", "US/Eastern", "Mars/Olympus", "utc"}) {
    Reply r = t.Api("PUT", v + "/publish",
                    std::string(R"({"scheduled_to":"2999-01-01T00:00:00Z","display_timezone":")") + zone + "\"}");
    INFO(zone);
    Expect(r, 400, 5, "display_timezone");
    CHECK(Str(r.Json()["validation_errors"][0]["message"]).find("IANA") != std::string::npos);
  }
  CHECK(StepOf(t, v) == draft);

  // An offset is read as such; the schedule is answered in UTC.
  REQUIRE(t.Api("PUT", v + "/publish",
                R"({"scheduled_to":"2999-01-01T02:00:00+02:00","display_timezone":"Australia/Sydney"})")
              .status == 204);
  JsonDocument scheduled = t.Api("GET", v).Json();
  CHECK(Str(scheduled["workflow"]["step_identifier"]["id"]) == kScheduled);
  CHECK(Str(scheduled["schedule"]["publish_time"]) == "2999-01-01T00:00:00Z");
  CHECK(Str(scheduled["schedule"]["publish_display_timezone"]) == "Australia/Sydney");
  // A variant scheduled to publish may be scheduled to unpublish, not unpublished now.
  Expect(t.Api("PUT", v + "/unpublish-and-archive"), 400, 213);
  REQUIRE(
      t.Api("PUT", v + "/unpublish-and-archive", R"({"scheduled_to":"2999-06-01T00:00:00Z","display_timezone":"UTC"})")
          .status == 204);
  JsonDocument both = t.Api("GET", v).Json();
  CHECK(Str(both["schedule"]["unpublish_display_timezone"]) == "UTC");  // as for date & time elements
  CHECK(Str(both["schedule"]["unpublish_time"]) == "2999-06-01T00:00:00Z");
  CHECK(Str(both["schedule"]["publish_time"]) == "2999-01-01T00:00:00Z");
  // Cancelling the scheduled publish moves the variant to the workflow's first step.
  REQUIRE(t.Api("PUT", v + "/cancel-scheduled-publish").status == 204);
  CHECK(StepOf(t, v) == draft);
  CHECK(t.Api("GET", v).Json()["schedule"]["publish_time"].IsNull());
  Expect(t.Api("PUT", v + "/cancel-scheduled-publish"), 400, 218);

  // Scheduling a published variant has no effect.
  REQUIRE(t.Api("PUT", v + "/publish").status == 204);
  JsonDocument before = t.Api("GET", v).Json();
  REQUIRE(t.Api("PUT", v + "/publish", R"({"scheduled_to":"2999-01-01T00:00:00Z"})").status == 204);
  JsonDocument after = t.Api("GET", v).Json();
  CHECK(Str(after["workflow"]["step_identifier"]["id"]) == kPublished);
  CHECK(after["schedule"]["publish_time"].IsNull());
  CHECK(Str(after["last_modified"]) == Str(before["last_modified"]));
}

TEST_CASE("cancelling a scheduled publish returns to the first step even from a later one", "[emulator][workflow]") {
  TestServer t;
  JsonDocument ladder = MakeLadder(t);
  const std::string v = MakeVariant(t, "late");
  MoveTo(t, v, "ladder", "check", 204);
  REQUIRE(t.Api("PUT", v + "/publish", R"({"scheduled_to":"2999-01-01T00:00:00Z"})").status == 204);
  REQUIRE(t.Api("PUT", v + "/cancel-scheduled-publish").status == 204);
  CHECK(StepOf(t, v) == StepId(ladder, "write"));
}
