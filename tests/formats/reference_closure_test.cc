// Reference closure: a complete archive has no dangling references; references to objects missing from
// the archive are reported by item codename, language, version and element; rich text references come from
// the caller's extractor.
#include <catch2/catch.hpp>

#include "archive_test_support.h"
#include "formats/archive_verifier.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::formats::testing;

TEST_CASE("a complete archive has no dangling references") {
  TempDir dir;
  WriteSampleArchive(dir / "a.tar.zst", {Compression::kZstd, 1000, false});
  VerifyReport report = VerifyArchive(dir / "a.tar.zst", {});
  REQUIRE(report.intact());
  for (const auto& d : report.dangling) FAIL_CHECK(d.ToString());
  CHECK(report.dangling_count == 0);
}

TEST_CASE("dangling references are reported by item, language, version and element") {
  TempDir dir;
  WriteSampleArchive(dir / "a.tar.zst", {Compression::kZstd, 1000, true});
  VerifyReport report = VerifyArchive(dir / "a.tar.zst", {});
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

TEST_CASE("references inside rich text come from the caller's extractor") {
  TempDir dir;
  WriteSampleArchive(dir / "a.tar.zst", {Compression::kZstd, 1000, false});
  VerifyOptions options;
  std::vector<std::string> seen_html;
  options.rich_text = [&](std::string_view html) {
    seen_html.emplace_back(html);
    return std::vector<RichTextReference>{
        {EntityKind::kAsset, Reference::ById("66666666-0000-0000-0000-000000000001")},  // present
        {EntityKind::kItem, Reference::ByExternalId("not-exported")},                   // absent
    };
  };
  VerifyReport report = VerifyArchive(dir / "a.tar.zst", options);
  REQUIRE(report.intact());
  CHECK(seen_html.size() == 2);  // the body of the latest and of the published version
  REQUIRE(report.dangling_count == 2);
  CHECK(report.dangling[0].element == "body");
  CHECK(report.dangling[0].target == "external_id:not-exported");
}

TEST_CASE("the dangling list is capped but the count is not") {
  TempDir dir;
  WriteSampleArchive(dir / "a.tar.zst", {Compression::kZstd, 1000, true});
  VerifyOptions options;
  options.max_dangling_kept = 1;
  VerifyReport report = VerifyArchive(dir / "a.tar.zst", options);
  CHECK(report.dangling_count == 3);
  CHECK(report.dangling.size() == 1);
}
