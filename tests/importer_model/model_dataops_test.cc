// The model of each data-ops 2.6.2 backup (tests/fixtures/data-ops/*.zip: JSON arrays of raw API objects
// per kind) imported into an empty environment: every object arrives without a failure, and importing it
// again writes nothing. (Only content is left out: a space's root item, which names an item, fails.)
#include <catch2/catch.hpp>

#include "tests/importer_model/model_test_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

ModelRecords DataOpsModel(const std::string& zip) {
  auto files = ReadZip(zip);
  const std::pair<EntityKind, const char*> kinds[] = {{EntityKind::kLanguage, "languages.json"},
                                                      {EntityKind::kCollection, "collections.json"},
                                                      {EntityKind::kSpace, "spaces.json"},
                                                      {EntityKind::kTaxonomyGroup, "taxonomies.json"},
                                                      {EntityKind::kAssetFolder, "assetFolders.json"},
                                                      {EntityKind::kSnippet, "contentTypeSnippets.json"},
                                                      {EntityKind::kContentType, "contentTypes.json"},
                                                      {EntityKind::kWorkflow, "workflows.json"},
                                                      {EntityKind::kRole, "roles.json"},
                                                      {EntityKind::kWebhook, "webhooks.json"},
                                                      {EntityKind::kPreviewConfiguration, "previewUrls.json"},
                                                      {EntityKind::kWebSpotlight, "webSpotlight.json"}};
  ModelRecords out;
  for (const auto& [kind, name] : kinds) {
    auto it = files.find(name);
    if (it == files.end()) continue;
    out.emplace_back(kind, it->second);  // arrays are split by ModelImporter::Add
  }
  return out;
}

}  // namespace

TEST_CASE("the model of each data-ops backup imports into an empty environment, and again with no write",
          "[importer_model][e2e][dataops]") {
  for (const char* fixture : {"backup.zip", "sync_test_source.zip", "sync_test_target.zip"}) {
    INFO(fixture);
    Emulator emu({"--seed", "sample", "--environments", "2", "--rate-limit", "off"});
    auto target = ClientFor(emu, 1);
    ModelRecords records = DataOpsModel(std::string(KBULK_FIXTURES_DIR) + "/data-ops/" + fixture);
    REQUIRE_FALSE(records.empty());
    ModelRun first = RunModel(*target, records);
    std::string report = first.report->ToJson();
    INFO(report.substr(0, 6000));
    CHECK_FALSE(first.conflicts);
    CHECK(first.before.ok());
    // Only a space's Web Spotlight root item may fail: it names an item, and this test imports no content.
    for (const auto& failure : first.report->failures()) {
      INFO(failure.kind << " " << failure.codename << ": " << failure.error);
      CHECK(failure.kind == "space");
      CHECK(failure.error.find("root item") != std::string::npos);
    }
    auto types = ApiJson(emu, 1, "/types");
    CHECK(types["types"].Size() > 0);
    ResetStats(emu);
    ModelRun second = RunModel(*target, records);
    std::string again = second.report->ToJson();
    INFO(again.substr(0, 6000));
    CHECK(Writes(emu) == 0);
    CHECK(second.report->plan_entries().empty());
  }
}
