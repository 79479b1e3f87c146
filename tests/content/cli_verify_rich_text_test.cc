// `kbulk verify` runs the content reference model: a reference inside rich text (and inside a nested
// component) to an object the archive does not hold is listed by item, language and element, exit code 1.
#include <catch2/catch.hpp>

#include "core/json.h"
#include "formats/archive_writer.h"
#include "formats/manifest.h"
#include "formats/record_envelope.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk;
using namespace kbulk::formats;
using kbulk::testing::RunKbulk;
using kbulk::testing::TempDir;

namespace {

void Write(const std::string& path, const std::string& body_html) {
  auto writer = ArchiveWriter::Open(path, {});
  REQUIRE(writer.ok());
  ArchiveWriter& w = **writer;
  REQUIRE(w.WriteManifest(BuildManifestJson({})).ok());
  auto stream = [&](const std::string& entry, const std::vector<std::string>& records) {
    auto sink = w.BeginNdjson(entry);
    REQUIRE(sink.ok());
    for (const std::string& record : records) REQUIRE((*sink)->Append(record).ok());
    REQUIRE((*sink)->Commit().ok());
  };
  stream(ModelEntryPath(EntityKind::kLanguage), {R"({"id":"10000000-0000-0000-0000-000000000001","codename":"en"})"});
  stream(ModelEntryPath(EntityKind::kContentType),
         {R"({"id":"20000000-0000-0000-0000-000000000001","codename":"page","elements":[)"
          R"({"id":"30000000-0000-0000-0000-000000000001","codename":"body","type":"rich_text"}]})"});
  stream(
      std::string(kItemsPath),
      {R"({"id":"40000000-0000-0000-0000-000000000001","codename":"home","type":{"id":"20000000-0000-0000-0000-000000000001"}})"});
  JsonWriter variant;
  variant.StartObject().Key("item").Raw(R"({"id":"40000000-0000-0000-0000-000000000001"})");
  variant.Key("language").Raw(R"({"id":"10000000-0000-0000-0000-000000000001"})");
  variant.Key("elements").StartArray().StartObject();
  variant.Key("element").Raw(R"({"id":"30000000-0000-0000-0000-000000000001"})");
  variant.Key("value").String(body_html);
  variant.Key("components").StartArray().StartObject();
  variant.Key("id").String("50000000-0000-0000-0000-000000000001");
  variant.Key("type").Raw(R"({"id":"20000000-0000-0000-0000-000000000001"})");
  variant.Key("elements").StartArray().StartObject();
  variant.Key("element").Raw(R"({"id":"30000000-0000-0000-0000-000000000001"})");
  variant.Key("value").String(R"(<figure data-asset-id="60000000-0000-0000-0000-000000000009"></figure>)");
  variant.EndObject().EndArray().EndObject().EndArray();
  variant.EndObject().EndArray().EndObject();
  stream(std::string(kVariantsPath), {MakeVariantRecord(VariantVersion::kLatest, variant.view())});
  REQUIRE(w.Finish().ok());
}

}  // namespace

TEST_CASE("kbulk verify finds dangling references inside rich text and nested components", "[content][cli]") {
  TempDir dir;
  std::string archive = dir / "a.tar.zst";
  Write(
      archive,
      R"(<p><a data-item-id="40000000-0000-0000-0000-000000000001">home</a> <a data-item-id="40000000-0000-0000-0000-000000000009">gone</a></p>)"
      R"(<object type="application/kenticocloud" data-type="component" data-id="50000000-0000-0000-0000-000000000001"></object>)");
  auto run = RunKbulk({"verify", archive});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.out, Catch::Contains("item 'home' language 'en' (latest) element 'body': item "
                                      "id:40000000-0000-0000-0000-000000000009 is not in the archive"));
  CHECK_THAT(run.out, Catch::Contains("element 'body/component:50000000-0000-0000-0000-000000000001/body': asset "
                                      "id:60000000-0000-0000-0000-000000000009 is not in the archive"));
  CHECK_THAT(run.out, Catch::Contains("2 dangling references"));

  // A link to an item the archive holds is no dangling reference.
  std::string one = dir / "one.tar.zst";
  Write(one, R"(<p><a data-item-id="40000000-0000-0000-0000-000000000001">home</a></p>)");
  auto one_run = RunKbulk({"verify", one});
  INFO(one_run.out << one_run.err);
  CHECK(one_run.exit_code == 1);  // the component's figure still names a missing asset
  CHECK_THAT(one_run.out, Catch::Contains("1 dangling references"));
}
