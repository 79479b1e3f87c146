// RewriteElementsForImport on everything the exporter writes: the emulator's `sample` seed exported to an
// archive, its model indexed, every variant (latest and published versions) rewritten and checked.
#include <catch2/catch.hpp>

#include "content/import_rewrite.h"
#include "content_test_support.h"
#include "formats/archive_layout.h"
#include "tests/exporter/archive_content.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk;
using namespace kbulk::content;
using namespace kbulk::content::testing;
using kbulk::testing::Emulator;
using kbulk::testing::RunKbulk;
using kbulk::testing::TempDir;

TEST_CASE("every variant of an exported sample environment is rewritten for import", "[content][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string path = dir / "sample.tar.zst";
  std::vector<std::string> args = {"export", "-o", path, "--rate-limit", "off"};
  for (const auto& a : emu.ConnectionArgs()) args.push_back(a);
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  kbulk::testing::ArchiveContent archive = kbulk::testing::ReadArchive(path);

  ModelIndex model;
  for (EntityKind kind : kAllEntityKinds) {
    auto records = archive.records.find(formats::ModelEntryPath(kind));
    if (records == archive.records.end()) continue;
    for (const std::string& record : records->second) REQUIRE(model.Add(kind, record).ok());
  }
  TestNaming naming;
  for (const std::string& record : archive.records[std::string(formats::kItemsPath)]) {
    auto item = ParseJson(record);
    REQUIRE(item.ok());
    naming.items[std::string(*StringMember(*item, "id"))] =
        std::string(StringMember(*item, "external_id").value_or(""));
  }
  for (const std::string& record : archive.records[std::string(formats::kAssetsPath)]) {
    auto envelope = ParseJson(record);
    REQUIRE(envelope.ok());
    const JsonValue& asset = *Member(*envelope, "asset");
    naming.assets[std::string(*StringMember(asset, "id"))] =
        std::string(StringMember(asset, "external_id").value_or(""));
  }
  REQUIRE(!naming.items.empty());
  REQUIRE(!naming.assets.empty());

  Coverage coverage;
  std::size_t variants = 0;
  for (const std::string& record : archive.records[std::string(formats::kVariantsPath)]) {
    auto envelope = ParseJson(record);
    REQUIRE(envelope.ok());
    const JsonValue* elements = Member(*Member(*envelope, "variant"), "elements");
    REQUIRE(elements != nullptr);
    std::string in_json = ToJsonString(*elements);
    auto result = RewriteElementsForImport(in_json, model, naming.naming());
    INFO(result.status().ToString());
    REQUIRE(result.ok());
    CHECK(result->forward_references.empty());  // a full export holds everything its content refers to
    auto in = ParseJson(in_json);
    auto out = ParseJson(result->elements_json);
    REQUIRE(out.ok());
    CheckRewritten(*in, *out, model, naming, coverage);
    ++variants;
  }
  CHECK(variants >= 10);
  // The sample seed uses every element type, nested components and every link kind.
  for (const char* type : {"text", "rich_text", "number", "date_time", "multiple_choice", "asset", "modular_content",
                           "subpages", "taxonomy", "url_slug", "custom"}) {
    INFO(type);
    CHECK(coverage.element_types.count(type) == 1);
  }
  CHECK(coverage.max_component_depth >= 2);
  for (const char* kind : {"item_object", "component_object", "asset_figure", "item_link", "asset_link", "url_link",
                           "email_link", "phone_link"}) {
    INFO(kind);
    CHECK(coverage.rich_text_kinds.count(kind) == 1);
  }
}
