// The model phase against the emulator: env 0's model (read through the API, as an archive holds it) is
// imported into env 1 (empty) and every kind arrives by codename; a second run writes nothing; changed
// elements are reported and left, or patched with update_model; conflicts name type and element and write
// nothing; mutually referencing types are created and linked; missing roles are reported.
#include <catch2/catch.hpp>

#include "tests/importer_model/model_test_support.h"

using namespace kbulk;
using namespace kbulk::testing;
using importer::ModelImportOptions;
using importer::PlanAction;

namespace {

const std::vector<std::string> kEmulatorArgs = {"--seed", "sample", "--environments", "2", "--rate-limit", "off"};

std::string Describe(const importer::ImportReport& report) {
  std::string out = report.ToJson();
  return out.size() > 4000 ? out.substr(0, 4000) : out;
}

// The archive's records with one edited (first record of `kind` whose codename is `codename`).
ModelRecords Edited(ModelRecords records, EntityKind kind, const std::string& codename,
                    const std::function<void(JsonDocument&)>& edit) {
  for (auto& [k, json] : records) {
    if (k != kind) continue;
    auto doc = ParseJson(json);
    REQUIRE(doc.ok());
    if (StringMember(*doc, "codename").value_or("") != codename) continue;
    edit(*doc);
    json = ToJsonString(*doc);
    return records;
  }
  FAIL("no record " << codename);
  return records;
}

JsonValue* Element(JsonValue& type, const std::string& codename) {
  for (JsonValue& e : type["elements"].GetArray())
    if (StringMember(e, "codename").value_or("") == codename) return &e;
  return nullptr;
}

std::uint64_t Count(const importer::ImportReport& report, const std::string& kind, PlanAction action) {
  auto counts = report.plan_counts();
  auto it = counts.find(kind);
  if (it == counts.end()) return 0;
  auto a = it->second.find(std::string(importer::PlanActionName(action)));
  return a == it->second.end() ? 0 : a->second;
}

// A text element of a type that the sample defines with a maximum length.
struct Limited {
  std::string type, element;
};

Limited FindLimitedText(const ModelRecords& records) {
  for (const auto& [kind, json] : records) {
    if (kind != EntityKind::kContentType) continue;
    auto doc = ParseJson(json);
    for (const JsonValue& e : (*doc)["elements"].GetArray())
      if (StringMember(e, "type").value_or("") == "text")
        return {std::string(StringMember(*doc, "codename").value_or("")),
                std::string(StringMember(e, "codename").value_or(""))};
  }
  FAIL("the sample has no text element");
  return {};
}

}  // namespace

TEST_CASE("the sample model arrives in an empty environment by codename - a second import writes nothing",
          "[importer_model][e2e]") {
  Emulator emu(kEmulatorArgs);
  auto source = ClientFor(emu, 0);
  auto target = ClientFor(emu, 1);
  ModelRecords records = ReadModel(*source);
  ResetStats(emu);
  ModelRun first = RunModel(*target, records);
  INFO(Describe(*first.report));
  REQUIRE_FALSE(first.conflicts);
  CHECK(first.before.ok());
  CHECK(first.after.ok());
  CHECK(first.report->failure_count() == 0);
  // The dry run's estimate (planned requests) is what the run sent.
  const std::uint64_t sent = Requests(emu);
  const std::uint64_t planned = first.report->planned_request_total();
  CHECK(planned * 10 >= sent * 9);
  CHECK(planned * 10 <= sent * 11);

  for (const char* path : {"/languages", "/spaces", "/taxonomies", "/snippets", "/types", "/workflows"}) {
    auto a = ApiJson(emu, 0, path), b = ApiJson(emu, 1, path);
    const char* key = std::string(path) == "/spaces" || std::string(path) == "/workflows" ? nullptr : path + 1;
    INFO(path);
    CHECK(Codenames(a, key) == Codenames(b, key));
  }
  CHECK(Codenames(ApiJson(emu, 0, "/collections"), "collections") ==
        Codenames(ApiJson(emu, 1, "/collections"), "collections"));
  // Elements: same codenames and element types in every type.
  auto source_types = ApiJson(emu, 0, "/types"), target_types = ApiJson(emu, 1, "/types");
  for (JsonValue& t : source_types["types"].GetArray()) {
    auto codename = std::string(StringMember(t, "codename").value_or(""));
    auto other = ApiJson(emu, 1, "/types/codename/" + codename);
    for (const JsonValue& e : t["elements"].GetArray()) {
      std::string element(StringMember(e, "codename").value_or(""));
      INFO(codename << "." << element);
      JsonValue* mine = Element(other, element);
      REQUIRE(mine != nullptr);
      CHECK(StringMember(*mine, "type").value_or("") == StringMember(e, "type").value_or("?"));
    }
  }
  auto webhooks = ApiJson(emu, 1, "/webhooks-vnext");
  CHECK(webhooks.Size() == ApiJson(emu, 0, "/webhooks-vnext").Size());
  CHECK(ToJsonString(ApiJson(emu, 1, "/web-spotlight/status")["enabled"]) ==
        ToJsonString(ApiJson(emu, 0, "/web-spotlight/status")["enabled"]));

  ResetStats(emu);
  ModelRun second = RunModel(*target, records);
  INFO(Describe(*second.report));
  CHECK_FALSE(second.conflicts);
  CHECK(Writes(emu) == 0);
  CHECK(second.report->plan_entries().empty());  // everything unchanged
  CHECK(Count(*second.report, "content_types", PlanAction::kUnchanged) > 0);
}

TEST_CASE("a changed element limit is reported and left, and patched with update_model", "[importer_model][e2e]") {
  Emulator emu(kEmulatorArgs);
  auto source = ClientFor(emu, 0);
  auto target = ClientFor(emu, 1);
  ModelRecords records = ReadModel(*source);
  REQUIRE(RunModel(*target, records).report->failure_count() == 0);
  const Limited limited = FindLimitedText(records);
  ModelRecords changed = Edited(records, EntityKind::kContentType, limited.type, [&](JsonDocument& doc) {
    JsonValue* e = Element(doc, limited.element);
    auto& a = doc.GetAllocator();
    JsonValue limit(rapidjson::kObjectType);
    limit.AddMember("value", 42, a).AddMember("applies_to", "characters", a);
    e->RemoveMember("maximum_length");
    e->AddMember("maximum_length", std::move(limit), a);
  });
  ResetStats(emu);
  ModelRun left = RunModel(*target, changed);
  CHECK(Writes(emu) == 0);
  bool reported = false;
  for (const auto& entry : left.report->plan_entries())
    if (entry.kind == "content_types" && entry.object == limited.type && entry.action == PlanAction::kSkip &&
        entry.detail.find("'" + limited.element + "' maximum_length") != std::string::npos)
      reported = true;
  INFO(Describe(*left.report));
  CHECK(reported);

  ModelImportOptions update;
  update.update_model = true;
  ModelRun patched = RunModel(*target, changed, update);
  INFO(Describe(*patched.report));
  CHECK(patched.report->failure_count() == 0);
  CHECK(Count(*patched.report, "content_types", PlanAction::kUpdate) == 1);
  auto type = ApiJson(emu, 1, "/types/codename/" + limited.type);
  JsonValue* e = Element(type, limited.element);
  REQUIRE(e != nullptr);
  CHECK(IntMember((*e)["maximum_length"], "value").value_or(0) == 42);
  ResetStats(emu);
  RunModel(*target, changed, update);
  CHECK(Writes(emu) == 0);
}

TEST_CASE("an element of another type in the target is a conflict naming type and element - nothing is written",
          "[importer_model][e2e]") {
  Emulator emu(kEmulatorArgs);
  auto source = ClientFor(emu, 0);
  auto target = ClientFor(emu, 1);
  ModelRecords records = ReadModel(*source);
  const Limited limited = FindLimitedText(records);
  auto [status, body] =
      Api(emu, 1, "POST", "/types",
          R"({"name":"Clash","codename":")" + limited.type + R"(","elements":[{"name":"X","codename":")" +
              limited.element + R"(","type":"number"}]})");
  INFO(body);
  REQUIRE(status == 201);
  for (bool update : {false, true}) {
    ResetStats(emu);
    ModelImportOptions options;
    options.update_model = update;
    ModelRun run = RunModel(*target, records, options);
    CHECK(run.conflicts);
    CHECK(Writes(emu) == 0);
    bool named = false;
    for (const auto& c : run.report->conflicts())
      named = named || (c.object == limited.type &&
                        c.detail == "element '" + limited.element + "' is number in the target, text in the archive");
    INFO(Describe(*run.report));
    CHECK(named);
  }
  SECTION("without update_model a missing element is a conflict too") {
    ModelRecords extra = Edited(records, EntityKind::kContentType, limited.type, [](JsonDocument& doc) { (void)doc; });
    ResetStats(emu);
    ModelRun run = RunModel(*target, extra);
    bool missing = false;
    for (const auto& c : run.report->conflicts())
      missing = missing || c.detail.find("is missing in the target") != std::string::npos;
    INFO(Describe(*run.report));
    CHECK(missing);
    CHECK(Writes(emu) == 0);
  }
}

TEST_CASE("legacy webhooks are created after content, matched by name and URL - one without a secret gets a new one",
          "[importer_model][e2e]") {
  Emulator emu(kEmulatorArgs);
  auto [status, body] = Api(emu, 0, "POST", "/webhooks",
                            R"({"name":"Legacy hook","url":"https://hooks.example.com/legacy","secret":"s3cret",)"
                            R"("triggers":{"delivery_api_content_changes":[{"type":"content_item_variant",)"
                            R"("operations":["publish","unpublish"]}]}})");
  INFO(body);
  REQUIRE(status == 201);
  auto source = ClientFor(emu, 0);
  auto target = ClientFor(emu, 1);
  ModelRecords records = ReadModel(*source);
  for (auto& [kind, json] : records)  // as an archive made without --webhook-secrets holds it
    if (kind == EntityKind::kLegacyWebhook || kind == EntityKind::kWebhook) {
      auto doc = ParseJson(json);
      doc->RemoveMember("secret");
      json = ToJsonString(*doc);
    }
  ModelRun run = RunModel(*target, records);
  INFO(Describe(*run.report));
  CHECK(run.report->failure_count() == 0);
  auto legacy = ApiJson(emu, 1, "/webhooks");
  REQUIRE(legacy.Size() == 1);
  CHECK(StringMember(legacy[0], "name").value_or("") == "Legacy hook");
  CHECK(StringMember(legacy[0], "secret").value_or("").size() >= 32);
  std::size_t secret_notes = 0;
  for (const auto& note : run.report->notes())
    if (note.message.find("new random secret") != std::string::npos) ++secret_notes;
  CHECK(secret_notes == 2);  // the legacy webhook and the current one
  ResetStats(emu);
  RunModel(*target, records);
  CHECK(Writes(emu) == 0);
}
