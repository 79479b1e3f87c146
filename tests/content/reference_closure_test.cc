// Reference closure (content::ReferenceClosure, as `kbulk verify` runs it): a complete archive has no dangling
// references; references to objects missing from the archive are reported by owner, language, version and
// element, rich text and nested components included.
#include <catch2/catch.hpp>

#include "content/reference_closure.h"
#include "tests/formats/archive_test_support.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::formats::testing;

TEST_CASE("a complete archive has no dangling references", "[content]") {
  TempDir dir;
  WriteSampleArchive(dir / "a.tar.zst", {Compression::kZstd, 1000, false});
  VerifyReport report = content::VerifyArchive(dir / "a.tar.zst");
  REQUIRE(report.intact());
  for (const auto& d : report.dangling) FAIL_CHECK(d.ToString());
  CHECK(report.dangling_count == 0);
}

TEST_CASE("dangling references are reported by item, language, version and element", "[content]") {
  TempDir dir;
  WriteSampleArchive(dir / "a.tar.zst", {Compression::kZstd, 1000, true});
  VerifyReport report = content::VerifyArchive(dir / "a.tar.zst");
  REQUIRE(report.intact());
  REQUIRE(report.dangling_count == 3);
  const std::string missing = "id:99999999-0000-0000-0000-000000000009";
  const DanglingReference& latest = report.dangling[0];
  CHECK(latest.owner == "coffee_story");
  CHECK(latest.language == "en-US");
  CHECK(latest.version == "latest");
  CHECK(latest.element == "body/component:c0000000-0000-0000-0000-000000000001/source");
  CHECK(latest.target_kind == "item");
  CHECK(latest.target == missing);
  CHECK(report.dangling[1].version == "published");
  const DanglingReference& czech = report.dangling[2];
  CHECK(czech.owner == "famous_quote");
  CHECK(czech.language == "cs-CZ");
  CHECK(czech.element == "source");
  CHECK(czech.ToString() ==
        "item 'famous_quote' language 'cs-CZ' (latest) element 'source': item " + missing + " is not in the archive");
}

TEST_CASE("the dangling list is capped but the count is not", "[content]") {
  TempDir dir;
  WriteSampleArchive(dir / "a.tar.zst", {Compression::kZstd, 1000, true});
  VerifyOptions options;
  options.max_dangling_kept = 1;
  VerifyReport report = content::VerifyArchive(dir / "a.tar.zst", options);
  CHECK(report.dangling_count == 3);
  CHECK(report.dangling.size() == 1);
}

TEST_CASE("without a record check, verification checks integrity only", "[content]") {
  TempDir dir;
  WriteSampleArchive(dir / "a.tar.zst", {Compression::kZstd, 1000, true});
  VerifyReport report = formats::VerifyArchive(dir / "a.tar.zst", {});
  REQUIRE(report.intact());
  CHECK(report.dangling_count == 0);
}

TEST_CASE("rich text, components, renditions, blobs and record fields are all checked", "[content]") {
  content::ReferenceClosure closure;
  auto add = [&](EntityKind kind, const char* json) { REQUIRE(closure.OnRecord(kind, json).ok()); };
  add(EntityKind::kLanguage, R"({"id":"l-en","codename":"en"})");
  add(EntityKind::kTaxonomyGroup, R"({"id":"g-1","codename":"g","terms":[{"id":"term-1","codename":"t","terms":[]}]})");
  add(EntityKind::kContentType, R"({"id":"t-page","codename":"page","elements":[
      {"id":"e-body","codename":"body","type":"rich_text"},
      {"id":"e-hero","codename":"hero","type":"asset"},
      {"id":"e-tags","codename":"tags","type":"taxonomy"}]})");
  add(EntityKind::kWorkflow, R"({"id":"w-1","codename":"default","steps":[{"id":"s-draft","codename":"draft"}]})");
  add(EntityKind::kWebSpotlight, R"({"enabled":true,"root_type":{"id":"t-page"}})");
  add(EntityKind::kWebSpotlight, R"({"enabled":true,"root_type":{"id":"t-root-gone"}})");
  add(EntityKind::kWebSpotlight, R"({"enabled":false,"root_type":null})");
  add(EntityKind::kWebSpotlight, R"({"available":false})");
  closure.OnBlob("aaaa");
  add(EntityKind::kAsset,
      R"({"kbulk":{"blob":"aaaa","renditions":[{"rendition_id":"r-1"}]},"asset":{"id":"a-1","codename":"logo"}})");
  add(EntityKind::kAsset, R"({"kbulk":{"blob":"bbbb","renditions":[]},"asset":{"id":"a-2","codename":"lost"}})");
  add(EntityKind::kItem, R"({"id":"i-1","codename":"home","type":{"id":"t-page"}})");
  add(EntityKind::kItem, R"({"id":"i-2","codename":"orphan","type":{"id":"t-gone"}})");
  add(EntityKind::kVariant, R"({"kbulk":{"version":"latest"},"variant":{"item":{"id":"i-1"},"language":{"id":"l-en"},
      "workflow_step":{"id":"s-draft"},"elements":[
      {"element":{"id":"e-body"},"value":"<p><a data-item-id=\"i-1\">ok</a> <a data-item-external-id=\"not-here\">x</a></p><figure data-asset-id=\"a-1\"><img src=\"#\" data-asset-id=\"a-1\"></figure><p><a data-asset-id=\"a-9\">gone</a> <a href=\"https://x.example\">web</a></p><object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"c-1\"></object>",
       "components":[{"id":"c-1","type":{"id":"t-page"},"elements":[
         {"element":{"id":"e-tags"},"value":[{"id":"term-1"},{"id":"term-9"}]},
         {"element":{"id":"e-body"},"value":"<object type=\"application/kenticocloud\" data-type=\"item\" data-id=\"i-9\"></object>","components":[{"id":"c-2","type":{"id":"t-9"},"elements":[]}]}]}]},
      {"element":{"id":"e-hero"},"value":[{"id":"a-1","renditions":[{"id":"r-1"},{"id":"r-9"}]}]},
      {"element":{"id":"e-9"},"value":"?"}]}})");
  std::vector<std::string> found;
  for (const auto& d : closure.dangling()) found.push_back(d.ToString());
  CHECK(found ==
        std::vector<std::string>{
            "web spotlight 'web_spotlight' element 'root_type': content type id:t-root-gone is not in the archive",
            "asset 'lost' element 'blob': blob bbbb is not in the archive",
            "item 'orphan' element 'type': content type id:t-gone is not in the archive",
            "item 'home' language 'en' (latest) element 'id:e-9': content type element id:e-9 is not in the archive",
            "item 'home' language 'en' (latest) element 'body': item external_id:not-here is not in the archive",
            "item 'home' language 'en' (latest) element 'body': asset id:a-9 is not in the archive",
            "item 'home' language 'en' (latest) element 'body/component:c-1/tags': taxonomy term id:term-9 is "
            "not in the archive",
            "item 'home' language 'en' (latest) element 'body/component:c-1/body': item id:i-9 is not in the "
            "archive",
            "item 'home' language 'en' (latest) element 'body/component:c-1/body/component:c-2': content type "
            "id:t-9 is not in the archive",
            "item 'home' language 'en' (latest) element 'hero': rendition id:r-9 is not in the archive",
        });
  CHECK(closure.dangling_count() == found.size());
  CHECK(closure.OnRecord(EntityKind::kVariant, "[]").code() == StatusCode::kCorrupt);
}
