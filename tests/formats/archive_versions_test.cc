// Format 1.1 (model/legacy_webhooks.ndjson and model/web_spotlight.json) and the versions a reader
// accepts: 1.0 and 1.1 read silently, a newer minor with a warning, another major never.
#include <catch2/catch.hpp>

#include "archive_test_support.h"
#include "core/sha256.h"
#include "formats/archive_index.h"
#include "formats/archive_layout.h"
#include "formats/archive_verifier.h"
#include "formats/manifest.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::formats::testing;

namespace {

constexpr std::string_view kSpotlight = R"({"enabled":true,"root_type":{"id":"0b3c5f1e-7a3c-4d54-9c43-2f1d6a9b8e10"}})";
constexpr std::string_view kLegacyHook =
    R"({"id":"5f6e2c1a-9b8d-4e3f-a2c1-0d9e8f7a6b5c","name":"old hook","url":"https://example.com/hook"})";

// An archive of a manifest, the two 1.1 model entries and the trailer.
void WriteV11Archive(const std::string& path) {
  auto writer = ArchiveWriter::Open(path, {});
  REQUIRE(writer.ok());
  REQUIRE((*writer)->WriteManifest(BuildManifestJson({})).ok());
  auto hooks = (*writer)->BeginNdjson(ModelEntryPath(EntityKind::kLegacyWebhook));
  REQUIRE(hooks.ok());
  REQUIRE((*hooks)->Append(kLegacyHook).ok());
  REQUIRE((*hooks)->Commit().ok());
  REQUIRE((*writer)->WriteDocument(ModelEntryPath(EntityKind::kWebSpotlight), kSpotlight).ok());
  REQUIRE((*writer)->Finish().ok());
}

// Rewrites the manifest's format_version and patches the manifest's hash in the trailer index.
void SetFormatVersion(const TempDir& dir, const std::string& in, const std::string& out, const std::string& version) {
  std::string edited = dir / "edited.tar";
  std::string manifest_sha;
  RewriteTar(in, edited,
             {[&](std::string& p, std::string& data) {
                if (p != "kbulk.json") return true;
                auto at = data.find(std::string("\"") + std::string(kFormatVersion) + "\"");
                REQUIRE(at != std::string::npos);
                data.replace(at, kFormatVersion.size() + 2, "\"" + version + "\"");
                manifest_sha = Sha256::HexOf(data);
                return true;
              },
              "",
              {},
              true});
  RewriteTar(edited, out,
             {[&](std::string& p, std::string& data) {
                if (p == "kbulk.index.json") {
                  auto index = ArchiveIndex::Parse(data);
                  REQUIRE(index.ok());
                  index->entries[0].sha256 = manifest_sha;
                  data = index->ToJson();
                }
                return true;
              },
              "",
              {},
              true});
}

}  // namespace

TEST_CASE("format 1.1 names the legacy webhooks stream and the web spotlight document") {
  CHECK(kFormatVersion == "1.1");
  CHECK(kFormatMinor == 1);
  CHECK(ModelEntryPath(EntityKind::kLegacyWebhook) == "model/legacy_webhooks.ndjson");
  CHECK(ModelEntryPath(EntityKind::kWebSpotlight) == "model/web_spotlight.json");
  CHECK(IsSingletonModelKind(EntityKind::kWebSpotlight));
  CHECK_FALSE(IsSingletonModelKind(EntityKind::kLegacyWebhook));
  CHECK(ModelEntryEntityKind("model/legacy_webhooks.ndjson") == EntityKind::kLegacyWebhook);
  CHECK(ModelEntryEntityKind("model/web_spotlight.json") == EntityKind::kWebSpotlight);
  CHECK(ModelEntryEntityKind("model/web_spotlight.ndjson") == std::nullopt);  // a singleton is a document
  CHECK(ParseEntityKind("legacy_webhook") == EntityKind::kLegacyWebhook);
  CHECK(ParseEntityKind("web_spotlight") == EntityKind::kWebSpotlight);
  CHECK(ClassifyEntry("model/web_spotlight.json") == EntryKind::kModelDocument);
}

TEST_CASE("manifests of format 1.0 and 1.1 parse, 2.0 is refused") {
  for (auto [version, minor] : {std::pair{"1.0", 0}, std::pair{"1.1", 1}}) {
    std::string manifest = BuildManifestJson({});
    manifest.replace(manifest.find("\"1.1\""), 5, std::string("\"") + version + "\"");
    auto parsed = ParseManifest(manifest);
    REQUIRE(parsed.ok());
    CHECK(parsed->major == 1);
    CHECK(parsed->minor == minor);
  }
  std::string v2 = BuildManifestJson({});
  v2.replace(v2.find("\"1.1\""), 5, "\"2.0\"");
  auto refused = ParseManifest(v2);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kUnsupported);
}

TEST_CASE("a 1.1 archive with the new entries, and the same archive labelled 1.0, verify without warnings") {
  TempDir dir;
  std::string v11 = dir / "v11.tar";
  WriteV11Archive(v11);
  VerifyReport report = VerifyArchive(v11, {});
  INFO(report.integrity.message());
  REQUIRE(report.intact());
  CHECK(report.warnings.empty());
  CHECK(report.summary.manifest.format_version == "1.1");
  CHECK(report.summary.index.totals.at("legacy_webhooks").records == 1);
  CHECK(report.summary.index.totals.at("web_spotlight").records == 1);

  std::string v10 = dir / "v10.tar";
  SetFormatVersion(dir, v11, v10, "1.0");
  VerifyReport old = VerifyArchive(v10, {});
  INFO(old.integrity.message());
  REQUIRE(old.intact());
  CHECK(old.warnings.empty());
  CHECK(old.summary.manifest.format_version == "1.0");

  std::string v12 = dir / "v12.tar";
  SetFormatVersion(dir, v11, v12, "1.2");
  VerifyReport newer = VerifyArchive(v12, {});
  REQUIRE(newer.intact());
  REQUIRE(newer.warnings.size() == 1);
  CHECK(newer.warnings[0].find("1.2") != std::string::npos);
  CHECK(newer.warnings[0].find("(1.1)") != std::string::npos);
}
