// VariantImporter end to end against `kbulk emulator --seed sample`: the seeded environment exported, its
// variants imported into a model-only clone, every variant's workflow state and published version
// compared by codename, a second run without writes, and the failure paths (refused publish, past
// schedule, injected faults).
#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include "core/json.h"
#include "formats/record_envelope.h"
#include "variant_fixture.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

void CheckSameStates(const std::map<std::string, VariantState>& expected,
                     const std::map<std::string, VariantState>& actual) {
  for (const auto& [key, state] : expected) {
    INFO(key);
    auto it = actual.find(key);
    REQUIRE(it != actual.end());
    INFO("expected " << Describe(state) << "\nactual   " << Describe(it->second));
    CHECK(it->second == state);
  }
  CHECK(actual.size() == expected.size());
}

std::uint64_t Count(const importer::ImportReport& report, const std::string& action) {
  auto plan = report.plan_counts();
  auto kind = plan.find("variants");
  if (kind == plan.end()) return 0;
  auto it = kind->second.find(action);
  return it == kind->second.end() ? 0 : it->second;
}

std::string Failures(const importer::ImportReport& report) {
  std::string out;
  for (const auto& f : report.failures()) out += f.codename + ": " + f.error + "\n";
  return out;
}

}  // namespace

TEST_CASE("variants are restored with their workflow state, and a second run writes nothing",
          "[importer][variants][e2e]") {
  VariantFixture fixture;
  const auto& records = fixture.variant_records();
  REQUIRE(records.size() >= 10);
  std::map<std::string, VariantState> source = fixture.States(fixture.source(), true);
  std::map<std::string, VariantState> archived = fixture.ArchivedStates();
  // The seed holds every state the restorer handles.
  std::set<std::string> steps;
  std::size_t published_under_draft = 0;
  for (const auto& [key, state] : archived) {
    steps.insert(state.step);
    if (key.size() > 10 && key.substr(key.size() - 10) == "/published") ++published_under_draft;
  }
  INFO("steps seen: " << steps.size());
  CHECK(steps.count("published") == 1);
  CHECK(steps.count("scheduled") == 1);
  CHECK(steps.count("archived") == 1);
  CHECK(published_under_draft >= 1);
  CheckSameStates(archived, source);  // the export holds what the source holds

  importer::ImportReport dry;
  fixture.Import(records, dry, /*dry_run=*/true);
  INFO(Failures(dry));
  CHECK(dry.failure_count() == 0);
  CHECK(Count(dry, "create") == source.size() - published_under_draft);
  std::uint64_t estimate = dry.planned_request_total();

  fixture.ResetStats();
  importer::ImportReport first;
  fixture.Import(records, first);
  INFO(Failures(first));
  CHECK(first.failure_count() == 0);
  std::uint64_t requests = 0;
  {
    auto stats = ParseJson(fixture.StatsJson());
    REQUIRE(stats.ok());
    requests = static_cast<std::uint64_t>(*IntMember(*stats, "reads") + *IntMember(*stats, "writes"));
  }
  INFO("estimate " << estimate << " real " << requests);
  CHECK(static_cast<double>(estimate) >= 0.9 * static_cast<double>(requests));
  CHECK(static_cast<double>(estimate) <= 1.1 * static_cast<double>(requests));
  CheckSameStates(source, fixture.States(fixture.target(), true));

  fixture.ResetStats();
  importer::ImportReport second;
  fixture.Import(records, second);
  INFO(fixture.StatsJson());
  CHECK(fixture.Writes() == 0);
  CHECK(second.failure_count() == 0);
  CHECK(Count(second, "unchanged") == source.size() - published_under_draft);
  CHECK(Count(second, "update") == 0);
}

namespace {

// The archive's records with `edit` applied to the variant of every record `pick` selects.
std::vector<std::string> Edited(const VariantFixture& fixture,
                                const std::function<bool(const JsonValue& variant, bool published)>& pick,
                                const std::function<void(JsonDocument& variant)>& edit, std::string* picked_key) {
  std::vector<std::string> out;
  for (const std::string& line : fixture.variant_records()) {
    auto record = formats::ParseVariantRecord(line);
    REQUIRE(record.ok());
    auto variant = ParseJson(record->variant);
    REQUIRE(variant.ok());
    bool published = record->version == formats::VariantVersion::kPublished;
    if (picked_key->empty() && pick(*variant, published)) {
      edit(*variant);
      const std::string* language =
          fixture.model().LanguageCodename(*StringMember(*Member(*variant, "language"), "id"));
      *picked_key =
          fixture.ExternalIdOfItem(std::string(*StringMember(*Member(*variant, "item"), "id"))) + "/" + *language;
      out.push_back(formats::MakeVariantRecord(record->version, ToJsonString(*variant)));
    } else {
      out.push_back(line);
    }
  }
  REQUIRE(!picked_key->empty());
  return out;
}

const content::ModelIndex::StepInfo* StepOf(const VariantFixture& fixture, const JsonValue& variant) {
  const JsonValue* workflow = Member(variant, "workflow");
  return fixture.model().Step(*StringMember(*Member(*workflow, "step_identifier"), "id"));
}

bool HasNote(const importer::ImportReport& report, const std::string& object_part, const std::string& text) {
  for (const auto& note : report.notes()) {
    if (note.object.find(object_part) != std::string::npos && note.message.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string Notes(const importer::ImportReport& report) {
  std::string out;
  for (const auto& n : report.notes()) out += n.object + ": " + n.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("a publish refused for an empty required element is reported, and the rest is restored",
          "[importer][variants][e2e]") {
  VariantFixture fixture;
  std::string key;
  auto records = Edited(
      fixture,
      [&](const JsonValue& variant, bool published) {
        const auto* step = StepOf(fixture, variant);
        return !published && step && step->kind == content::ModelIndex::StepKind::kPublished;
      },
      [&](JsonDocument& variant) {
        for (JsonValue& element : variant["elements"].GetArray()) {
          const auto* info = fixture.model().Element(*StringMember(*Member(element, "element"), "id"));
          if (info && (info->codename == "title" || info->codename == "name")) element["value"].SetString("");
        }
      },
      &key);
  INFO("blanked the required title of " << key);
  importer::ImportReport report;
  fixture.Import(records, report);
  INFO(Failures(report) << Notes(report));
  CHECK(report.failure_count() == 0);
  CHECK(HasNote(report, key.substr(0, key.find('/')), "publish refused"));
  auto target = fixture.States(fixture.target(), false);
  REQUIRE(target.count(key) == 1);
  CHECK(target[key].step != "published");  // left in the step it was to be published from
  CHECK(target[key].title.empty());
  // Every other variant reached its state.
  auto source = fixture.States(fixture.source(), false);
  for (const auto& [other, state] : source) {
    if (other == key) continue;
    INFO(other << ": " << Describe(state) << " vs " << Describe(target[other]));
    CHECK(target[other] == state);
  }
}

TEST_CASE("a schedule already past is applied now and reported", "[importer][variants][e2e]") {
  VariantFixture fixture;
  std::string key;
  auto records = Edited(
      fixture,
      [&](const JsonValue& variant, bool published) {
        const auto* step = StepOf(fixture, variant);
        return !published && step && step->kind == content::ModelIndex::StepKind::kScheduled;
      },
      [&](JsonDocument& variant) { variant["schedule"]["publish_time"].SetString("2020-01-01T00:00:00Z"); }, &key);
  importer::ImportReport report;
  fixture.Import(records, report);
  INFO(Failures(report) << Notes(report));
  CHECK(report.failure_count() == 0);
  CHECK(HasNote(report, key.substr(0, key.find('/')), "2020-01-01T00:00:00Z is past"));
  auto target = fixture.States(fixture.target(), false);
  REQUIRE(target.count(key) == 1);
  CHECK(target[key].step == "published");
  CHECK(target[key].publish_time == 0);

  // What was applied is what a re-run expects: nothing to write.
  fixture.ResetStats();
  importer::ImportReport second;
  fixture.Import(records, second);
  CHECK(fixture.Writes() == 0);
  CHECK(Count(second, "update") == 0);
}

TEST_CASE("ambiguous failures of workflow actions neither lose nor repeat a step", "[importer][variants][e2e]") {
  // reset: the request runs, then the connection drops (the client cannot know it ran); 500/503: it
  // does not run. Workflow actions are read back after either, never resent blindly. Faults hit writes
  // only. Which write gets which fault still depends on how the importer's reads interleave with them, so
  // a run whose faults missed every workflow action (no read-back) proves nothing: the next seed is tried
  // (every run is checked in full either way).
  const std::uint64_t first_seed = GENERATE(3, 17);
  bool exercised = false;
  for (std::uint64_t seed = first_seed; !exercised && seed < first_seed + 6 * 1000; seed += 1000) {
    INFO("fault seed " << seed);
    VariantFixture fixture({"--faults", "reset=0.2,500=0.06,503=0.04,writes_only=1,seed=" + std::to_string(seed)});
    auto source = fixture.States(fixture.source(), true);
    fixture.ResetStats();
    importer::ImportReport report;
    fixture.Import(fixture.variant_records(), report, false, 1);
    INFO(Failures(report) << Notes(report) << fixture.StatsJson());
    CHECK(report.failure_count() == 0);
    auto stats = ParseJson(fixture.StatsJson());
    REQUIRE(stats.ok());
    CHECK(*IntMember(*stats, "faults_injected") > 0);
    // A workflow action hit by a fault is followed by reading the variant back (the only single-variant
    // GET the importer makes).
    const JsonValue* read_back = Member(*Member(*stats, "requests"),
                                        "GET /v2/projects/{environment_id}/items/{item_identifier}/variants/"
                                        "{language_identifier}");
    exercised = read_back != nullptr && IntMember(*read_back, "200").value_or(0) > 0;
    CheckSameStates(source, fixture.States(fixture.target(), true));

    fixture.ResetStats();
    importer::ImportReport second;
    fixture.Import(fixture.variant_records(), second, false, 1);
    CHECK(fixture.Writes() == 0);
    CHECK(Count(second, "update") + Count(second, "create") == 0);
  }
  CHECK(exercised);
}

TEST_CASE("a dry run plans every variant before the model exists in the target, writing nothing",
          "[importer][variants][e2e]") {
  VariantFixture fixture;
  fixture.ResetStats();
  importer::ImportReport report;
  // Environment 1 of the emulator is new: default workflow only, none of the archive's types or items.
  fixture.Import(fixture.variant_records(), report, /*dry_run=*/true, 2, fixture.emulator().environment_id(1));
  INFO(Failures(report));
  CHECK(report.failure_count() == 0);
  std::size_t latest = 0;
  for (const std::string& line : fixture.variant_records()) {
    auto record = formats::ParseVariantRecord(line);
    REQUIRE(record.ok());
    if (record->version == formats::VariantVersion::kLatest) ++latest;
  }
  CHECK(Count(report, "create") == latest);
  CHECK(report.planned_request_total() >= latest);
  CHECK(fixture.Writes() == 0);
}

TEST_CASE("a published record that comes after its latest version was written is put underneath it",
          "[importer][variants][e2e]") {
  VariantFixture fixture;
  auto source = fixture.States(fixture.source(), true);
  std::vector<std::string> latest, published;
  for (const std::string& line : fixture.variant_records()) {
    auto record = formats::ParseVariantRecord(line);
    REQUIRE(record.ok());
    (record->version == formats::VariantVersion::kLatest ? latest : published).push_back(line);
  }
  REQUIRE(!published.empty());
  importer::ImportReport report;
  fixture.ImportBatches({latest, published}, report);
  INFO(Failures(report) << Notes(report));
  CHECK(report.failure_count() == 0);
  CheckSameStates(source, fixture.States(fixture.target(), true));

  fixture.ResetStats();
  importer::ImportReport second;
  fixture.Import(fixture.variant_records(), second);
  CHECK(fixture.Writes() == 0);
}
