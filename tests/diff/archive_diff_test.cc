// Archive diff: the same content under other ids is identical; any content change is reported by key.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>

#include "diff/archive_diff.h"
#include "diff/canonical_record.h"
#include "diff/object_keys.h"
#include "formats/archive_writer.h"
#include "formats/manifest.h"
#include "formats/record_envelope.h"

namespace fs = std::filesystem;
using namespace kbulk;

namespace {

struct Ids {
  std::string lang, type, element, item, other_item, option;
};

// One small environment: a language, a type with a rich-text and a multiple-choice element, two items
// and their variants, one of them with a rich-text link to the other.
std::string Write(const fs::path& dir, const std::string& name, const Ids& ids, const std::string& title,
                  const std::string& last_modified = "2026-01-01T00:00:00Z", bool link_to_self = false,
                  const std::string& first_external_id = "", const std::string& second_external_id = "") {
  auto external = [](const std::string& id) { return id.empty() ? "" : R"(,"external_id":")" + id + "\""; };
  std::string path = (dir / name).string();
  auto writer = formats::ArchiveWriter::Open(path, formats::WriterOptions{});
  REQUIRE(writer.ok());
  auto& w = **writer;
  REQUIRE(w.WriteManifest(formats::BuildManifestJson(formats::ManifestInfo{})).ok());
  REQUIRE(w.WriteDocument(formats::ModelEntryPath(EntityKind::kEnvironment),
                          R"({"id":")" + ids.lang + R"(","name":")" + name + R"("})")
              .ok());
  auto put = [&](std::string_view entry, const std::string& record) {
    auto sink = w.BeginNdjson(entry);
    REQUIRE(sink.ok());
    REQUIRE((*sink)->Append(record).ok());
    REQUIRE((*sink)->Commit().ok());
  };
  put(formats::ModelEntryPath(EntityKind::kLanguage),
      R"({"id":")" + ids.lang + R"(","codename":"en","name":"English"})");
  put(formats::ModelEntryPath(EntityKind::kContentType),
      R"({"id":")" + ids.type + R"(","codename":"article","elements":[{"id":")" + ids.element +
          R"(","codename":"body","type":"rich_text"},{"id":"0b9c3a5e-0000-4000-8000-00000000000a","codename":"kind","type":"multiple_choice","options":[{"id":")" +
          ids.option + R"(","codename":"news"}]}]})");
  {
    auto sink = w.BeginNdjson(formats::kItemsPath);
    REQUIRE(sink.ok());
    REQUIRE((*sink)
                ->Append(R"({"id":")" + ids.item + R"(","codename":"first")" + external(first_external_id) +
                         R"(,"type":{"id":")" + ids.type + R"("},"last_modified":")" + last_modified + R"("})")
                .ok());
    REQUIRE((*sink)
                ->Append(R"({"id":")" + ids.other_item + R"(","codename":"second")" + external(second_external_id) +
                         R"(,"type":{"id":")" + ids.type + R"("}})")
                .ok());
    REQUIRE((*sink)->Commit().ok());
  }
  std::string variant = R"({"item":{"id":")" + ids.item + R"("},"language":{"id":")" + ids.lang +
                        R"("},"last_modified":")" + last_modified + R"(","elements":[{"element":{"id":")" +
                        ids.element + R"("},"value":"<p><a data-item-id=\")" +
                        (link_to_self ? ids.item : ids.other_item) + R"(\">)" + title +
                        R"(</a></p>"},{"element":{"id":"0b9c3a5e-0000-4000-8000-00000000000a"},"value":[{"id":")" +
                        ids.option + R"("}]}]})";
  put(formats::kVariantsPath, formats::MakeVariantRecord(formats::VariantVersion::kLatest, variant));
  REQUIRE(w.Finish().ok());
  return path;
}

Ids FirstIds() {
  return {"00000000-0000-0000-0000-000000000000", "11111111-1111-4111-8111-111111111111",
          "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333",
          "44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555"};
}
Ids OtherIds() {
  return {"00000000-0000-0000-0000-000000000000", "aaaaaaaa-1111-4111-8111-111111111111",
          "bbbbbbbb-2222-4222-8222-222222222222", "cccccccc-3333-4333-8333-333333333333",
          "dddddddd-4444-4444-8444-444444444444", "eeeeeeee-5555-4555-8555-555555555555"};
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("kbulk-diff-test-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("the same content under other ids and timestamps is identical") {
  TempDir dir;
  auto a = Write(dir.path, "a.tar.zst", FirstIds(), "Read more");
  auto b = Write(dir.path, "b.tar.zst", OtherIds(), "Read more", "2026-02-02T00:00:00Z");
  auto report = diff::DiffArchives(a, b, {});
  REQUIRE(report.ok());
  CHECK(report->identical());
  CHECK(report->objects_a == report->objects_b);
  CHECK(report->objects_a >= 5);
}

TEST_CASE("a changed rich-text value is reported under the variant's key") {
  TempDir dir;
  auto a = Write(dir.path, "a.tar.zst", FirstIds(), "Read more");
  auto b = Write(dir.path, "b.tar.zst", OtherIds(), "Read less");
  auto report = diff::DiffArchives(a, b, {});
  REQUIRE(report.ok());
  CHECK_FALSE(report->identical());
  REQUIRE(report->different.size() == 1);
  CHECK(report->different[0] == "variants:first/en/latest");
  CHECK(report->ToJson().find("\"identical\":false") != std::string::npos);
}

TEST_CASE("a link to another item changes the comparison even when the text is the same") {
  TempDir dir;
  auto a = Write(dir.path, "a.tar.zst", FirstIds(), "Read more");
  auto b = Write(dir.path, "b.tar.zst", OtherIds(), "Read more", "2026-01-01T00:00:00Z", /*link_to_self=*/true);
  auto report = diff::DiffArchives(a, b, {});
  REQUIRE(report.ok());
  CHECK_FALSE(report->identical());
}

TEST_CASE("an import's kbulk-<source id> external id matches the source object without one") {
  TempDir dir;
  Ids source = FirstIds();
  auto a = Write(dir.path, "a.tar.zst", source, "Read more");
  // The imported copy: other ids, each item named by the source's id under the import's rule.
  auto b = Write(dir.path, "b.tar.zst", OtherIds(), "Read more", "2026-01-01T00:00:00Z", false, "kbulk-" + source.item,
                 "kbulk-" + source.other_item);
  auto report = diff::DiffArchives(a, b, {});
  REQUIRE(report.ok());
  CHECK(report->identical());
  auto reverse = diff::DiffArchives(b, a, {});
  REQUIRE(reverse.ok());
  CHECK(reverse->identical());
}

TEST_CASE("a real external id that only one archive has is a difference") {
  TempDir dir;
  auto a = Write(dir.path, "a.tar.zst", FirstIds(), "Read more");
  auto b = Write(dir.path, "b.tar.zst", OtherIds(), "Read more", "2026-01-01T00:00:00Z", false, "crm-42");
  auto report = diff::DiffArchives(a, b, {});
  REQUIRE(report.ok());
  CHECK_FALSE(report->identical());
  REQUIRE(report->different.size() == 1);
  CHECK(report->different[0] == "items:first");
  // "kbulk-" followed by something that is not an id is an ordinary external id too.
  auto c = Write(dir.path, "c.tar.zst", OtherIds(), "Read more", "2026-01-01T00:00:00Z", false, "kbulk-first");
  auto other = diff::DiffArchives(a, c, {});
  REQUIRE(other.ok());
  CHECK_FALSE(other->identical());
}

TEST_CASE("a damaged archive fails the diff as corrupt") {
  TempDir dir;
  auto a = Write(dir.path, "a.tar.zst", FirstIds(), "Read more");
  auto size = fs::file_size(a);
  fs::resize_file(a, size / 2);
  auto report = diff::DiffArchives(a, a, {});
  REQUIRE_FALSE(report.ok());
  CHECK(report.status().message().find("a.tar.zst") != std::string::npos);
}

TEST_CASE("members that are null or empty arrays compare equal to absent ones") {
  diff::ObjectKeys keys;
  auto older = ParseJson(R"({"item":{"id":"x"},"elements":[{"value":"a"}]})");
  auto newer = ParseJson(R"({"item":{"id":"x"},"elements":[{"value":"a"}],"note":null,"contributors":[]})");
  REQUIRE(older.ok());
  REQUIRE(newer.ok());
  CHECK(diff::CanonicalText(*older, keys) == diff::CanonicalText(*newer, keys));
  auto changed = ParseJson(R"({"item":{"id":"x"},"elements":[{"value":"a"}],"note":"check this"})");
  REQUIRE(changed.ok());
  CHECK(diff::CanonicalText(*older, keys) != diff::CanonicalText(*changed, keys));
}

TEST_CASE("the image the service adds inside a rich-text figure is ignored, other images are not") {
  diff::ObjectKeys keys;
  auto served = ParseJson(
      R"({"value":"<p>a</p><figure data-asset-id=\"x\"><img src=\"#\" data-asset-id=\"x\"></figure><p>b</p>"})");
  auto written = ParseJson(R"({"value":"<p>a</p><figure data-asset-id=\"x\"></figure><p>b</p>"})");
  auto other = ParseJson(R"({"value":"<p>a</p><figure data-asset-id=\"y\"></figure><p>b</p>"})");
  REQUIRE(served.ok());
  REQUIRE(written.ok());
  REQUIRE(other.ok());
  CHECK(diff::CanonicalText(*served, keys) == diff::CanonicalText(*written, keys));
  CHECK(diff::CanonicalText(*served, keys) != diff::CanonicalText(*other, keys));
}
