// Real payloads: the data-ops backups in tests/fixtures (raw API objects of real environments) are
// written into kbulk archives with the writer API and verified: intact, and the reference closure holds.

#include <catch2/catch.hpp>
#include <map>

#include "archive_test_support.h"
#include "content/reference_closure.h"
#include "core/json.h"
#include "core/sha256.h"
#include "formats/archive_verifier.h"
#include "formats/manifest.h"
#include "formats/record_envelope.h"
#include "tests/support/zip_fixture.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::formats::testing;
using kbulk::testing::JsonObjects;
using kbulk::testing::ReadZip;

namespace {

class StringSource final : public ByteSource {
 public:
  explicit StringSource(const std::string& s) : s_(s) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    std::size_t n = std::min(capacity, s_.size() - pos_);
    std::memcpy(buffer, s_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  const std::string& s_;
  std::size_t pos_ = 0;
};

// Converts a data-ops backup into a kbulk archive; returns the number of variants written.
std::size_t Convert(const std::string& zip, const std::string& out) {
  auto files = ReadZip(zip);
  auto writer = ArchiveWriter::Open(out, {});
  REQUIRE(writer.ok());
  ArchiveWriter& w = **writer;
  REQUIRE(w.WriteManifest(BuildManifestJson({})).ok());
  const std::pair<EntityKind, const char*> model[] = {{EntityKind::kLanguage, "languages.json"},
                                                      {EntityKind::kCollection, "collections.json"},
                                                      {EntityKind::kSpace, "spaces.json"},
                                                      {EntityKind::kTaxonomyGroup, "taxonomies.json"},
                                                      {EntityKind::kAssetFolder, "assetFolders.json"},
                                                      {EntityKind::kSnippet, "contentTypeSnippets.json"},
                                                      {EntityKind::kContentType, "contentTypes.json"},
                                                      {EntityKind::kWorkflow, "workflows.json"},
                                                      {EntityKind::kRole, "roles.json"},
                                                      {EntityKind::kWebhook, "webhooks.json"}};
  for (const auto& [kind, name] : model) {
    auto sink = w.BeginNdjson(ModelEntryPath(kind));
    REQUIRE(sink.ok());
    for (const std::string& o : JsonObjects(files, name)) REQUIRE((*sink)->Append(o).ok());
    REQUIRE((*sink)->Commit().ok());
  }
  for (const std::string& o : JsonObjects(files, "previewUrls.json")) {
    REQUIRE(w.WriteDocument(ModelEntryPath(EntityKind::kPreviewConfiguration), o).ok());
  }
  std::map<std::string, std::string> blob_of_asset;  // asset id -> sha256
  for (const auto& [name, data] : files) {
    if (name.rfind("assets/", 0) != 0 || name.size() < 7 + 37) continue;
    std::string sha = Sha256::HexOf(data);
    StringSource source(data);
    REQUIRE(w.AddBlob(sha, data.size(), source).ok());
    blob_of_asset[name.substr(7, 36)] = sha;
  }
  auto assets = w.BeginNdjson(kAssetsPath);
  REQUIRE(assets.ok());
  for (const std::string& o : JsonObjects(files, "assets.json")) {
    auto doc = ParseJson(o);
    std::string id(StringMember(*doc, "id").value_or(""));
    REQUIRE(blob_of_asset.count(id) == 1);
    REQUIRE((*assets)->Append(MakeAssetRecord(blob_of_asset[id], "[]", o)).ok());
  }
  REQUIRE((*assets)->Commit().ok());
  auto items = w.BeginNdjson(kItemsPath);
  REQUIRE(items.ok());
  for (const std::string& o : JsonObjects(files, "contentItems.json")) REQUIRE((*items)->Append(o).ok());
  REQUIRE((*items)->Commit().ok());
  auto variants = w.BeginNdjson(kVariantsPath);
  REQUIRE(variants.ok());
  std::size_t count = 0;
  for (const std::string& o : JsonObjects(files, "languageVariants.json")) {
    REQUIRE((*variants)->Append(MakeVariantRecord(VariantVersion::kLatest, o)).ok());
    ++count;
  }
  REQUIRE((*variants)->Commit().ok());
  REQUIRE(w.Finish().ok());
  return count;
}

}  // namespace

TEST_CASE("real data-ops backups become intact kbulk archives - their dangling references are found") {
  // backup.zip really refers to assets and items that are not in it, in element values and in rich text
  // (checked with grep on the zip).
  const std::map<std::string, std::vector<std::string>> expected = {
      {"backup.zip",
       {"item 'full_item_1' language 'custom_default' (latest) element 'untitled_rich_text': asset "
        "id:57e7dc91-cfcf-5765-9346-21e1eeee7a53 is not in the archive",
        "item 'full_item_1' language 'custom_default' (latest) element 'untitled_rich_text': asset "
        "id:6aaabcc6-f6a2-5b77-90d9-738b31dc9915 is not in the archive",
        "item 'full_item_1' language 'custom_default' (latest) element 'untitled_asset': asset "
        "id:f9156059-70be-5917-a8e8-aced8750d863 is not in the archive",
        "item 'non_localised_full_item_1' language 'custom_default' (latest) element 'untitled_rich_text': item "
        "id:26c7eef8-7738-445b-816e-f3d3b32ca0c1 is not in the archive",
        "item 'non_localised_full_item_1' language 'custom_default' (latest) element 'untitled_rich_text': item "
        "id:f133b8b0-2047-4f2d-b9ea-c10ddd5bcd1e is not in the archive",
        "item 'non_localised_full_item_1' language 'custom_default' (latest) element 'untitled_linked_items': item "
        "id:af757ac8-586e-4ad6-9892-05b98db5fb5e is not in the archive",
        "item 'huge_item' language 'custom_default' (latest) element 'snippet_with_all_elements__rich': item "
        "id:26c7eef8-7738-445b-816e-f3d3b32ca0c1 is not in the archive",
        "item 'huge_item' language 'custom_default' (latest) element 'snippet_with_all_elements__rich': item "
        "id:af757ac8-586e-4ad6-9892-05b98db5fb5e is not in the archive",
        "item 'huge_item' language 'custom_default' (latest) element 'snippet_with_all_elements__linked': item "
        "id:af757ac8-586e-4ad6-9892-05b98db5fb5e is not in the archive"}},
      {"sync_test_source.zip", {}},
      {"sync_test_target.zip", {}},
  };
  for (const auto& [name, dangling] : expected) {
    TempDir dir;
    std::string out = dir / "real.tar.zst";
    std::size_t variants = Convert(std::string(KBULK_FIXTURES_DIR) + "/data-ops/" + name, out);
    VerifyReport report = content::VerifyArchive(out);
    INFO(name);
    REQUIRE(report.intact());
    CHECK(report.summary.index.totals.at("variants").records == variants);
    std::vector<std::string> found;
    for (const auto& d : report.dangling) found.push_back(d.ToString());
    CHECK(found == dangling);
  }
}
