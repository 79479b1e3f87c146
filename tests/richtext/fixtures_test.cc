// Every rich-text value in the shared fixtures (data-ops backups, SDK fake responses) validates, and the
// data-ops backup's references are exactly the listed ones.
#include <archive.h>
#include <archive_entry.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/json.h"
#include "richtext/reference_extractor.h"
#include "richtext/reference_rewriter.h"
#include "richtext/validator.h"

namespace rt = kbulk::richtext;

namespace {

std::string ReadZipEntry(const std::string& zip, const std::string& entry_name) {
  struct archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  REQUIRE(archive_read_open_filename(a, zip.c_str(), 1 << 16) == ARCHIVE_OK);
  std::string out;
  struct archive_entry* entry = nullptr;
  while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
    if (entry_name != archive_entry_pathname(entry)) continue;
    char chunk[1 << 14];
    la_ssize_t n = 0;
    while ((n = archive_read_data(a, chunk, sizeof chunk)) > 0) out.append(chunk, static_cast<std::size_t>(n));
    break;
  }
  archive_read_free(a);
  return out;
}

// Rich-text values anywhere in a JSON tree: objects whose "value" is a string starting with '<'.
void CollectValues(const kbulk::JsonValue& node, std::vector<const kbulk::JsonValue*>& out) {
  if (node.IsArray()) {
    for (const auto& child : node.GetArray()) CollectValues(child, out);
  } else if (node.IsObject()) {
    const kbulk::JsonValue* value = kbulk::Member(node, "value");
    if (value != nullptr && value->IsString() && value->GetStringLength() > 0 && value->GetString()[0] == '<') {
      out.push_back(&node);
    }
    for (const auto& member : node.GetObject()) CollectValues(member.value, out);
  }
}

std::size_t ValidateAll(const std::string& json, const std::string& where) {
  auto document = kbulk::ParseJson(json);
  REQUIRE(document.ok());
  std::vector<const kbulk::JsonValue*> elements;
  CollectValues(*document, elements);
  for (const kbulk::JsonValue* element : elements) {
    const kbulk::JsonValue& value = *kbulk::Member(*element, "value");
    std::string_view html(value.GetString(), value.GetStringLength());
    rt::ValidationContext context;
    const kbulk::JsonValue* components = kbulk::Member(*element, "components");
    if (components != nullptr && components->IsArray()) context.components = components;
    auto violations = rt::Validate(html, context);
    INFO(where << ": " << html);
    for (const auto& v : violations) INFO(v.code << " at " << v.line << ":" << v.column << ": " << v.message);
    CHECK(violations.empty());
  }
  return elements.size();
}

}  // namespace

TEST_CASE("every rich-text value in the data-ops backups is valid", "[richtext][fixtures]") {
  std::size_t total = 0;
  for (const char* name : {"backup.zip", "sync_test_source.zip", "sync_test_target.zip"}) {
    std::string zip = std::string(KBULK_FIXTURES_DIR) + "/data-ops/" + name;
    std::string json = ReadZipEntry(zip, "languageVariants.json");
    REQUIRE_FALSE(json.empty());
    total += ValidateAll(json, name);
  }
  CHECK(total == 17);
}

TEST_CASE("every rich-text value in the SDK fake responses is valid", "[richtext][fixtures]") {
  std::size_t total = 0;
  std::filesystem::path root = std::string(KBULK_FIXTURES_DIR) + "/management-sdk/fake-responses";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto document = kbulk::ParseJson(text.str());
    if (!document.ok()) continue;  // a few fake responses are not JSON documents
    total += ValidateAll(text.str(), entry.path().string());
  }
  CHECK(total >= 7);
}

TEST_CASE("extraction finds exactly the references of the data-ops backup", "[richtext][fixtures]") {
  std::string json = ReadZipEntry(std::string(KBULK_FIXTURES_DIR) + "/data-ops/backup.zip", "languageVariants.json");
  auto document = kbulk::ParseJson(json);
  REQUIRE(document.ok());
  std::vector<const kbulk::JsonValue*> elements;
  CollectValues(*document, elements);
  std::vector<std::string> found;
  for (const kbulk::JsonValue* element : elements) {
    const kbulk::JsonValue& value = *kbulk::Member(*element, "value");
    auto references = rt::ExtractReferences({value.GetString(), value.GetStringLength()});
    REQUIRE(references.ok());
    for (const auto& r : *references) {
      found.push_back(std::string(rt::ReferenceKindName(r.kind)) + " " + r.attribute + "=" + r.value);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> expected = {
      "asset_figure data-asset-id=57e7dc91-cfcf-5765-9346-21e1eeee7a53",
      "asset_figure data-asset-id=d4d07406-adfd-404b-bbd5-58c5de6adfd2",
      "asset_figure data-asset-id=d4d07406-adfd-404b-bbd5-58c5de6adfd2",
      "asset_image data-asset-id=57e7dc91-cfcf-5765-9346-21e1eeee7a53",
      "asset_image data-asset-id=d4d07406-adfd-404b-bbd5-58c5de6adfd2",
      "asset_image data-asset-id=d4d07406-adfd-404b-bbd5-58c5de6adfd2",
      "asset_link data-asset-id=6aaabcc6-f6a2-5b77-90d9-738b31dc9915",
      "asset_link data-asset-id=d4d07406-adfd-404b-bbd5-58c5de6adfd2",
      "component_object data-id=91b0bc65-c131-4c9b-9133-9b8f8d098181",
      "email_link data-email-address=test@it.now",
      "email_link data-email-address=test@wow.com",
      "item_link data-item-id=26c7eef8-7738-445b-816e-f3d3b32ca0c1",
      "item_link data-item-id=26c7eef8-7738-445b-816e-f3d3b32ca0c1",
      "item_link data-item-id=36a67027-2dc2-4175-9c06-7a3a83531129",
      "item_link data-item-id=9637943f-8488-456c-93b1-7c11e818ae91",
      "item_object data-id=3102cf62-4246-482e-a9c9-3ecb72532ead",
      "item_object data-id=af757ac8-586e-4ad6-9892-05b98db5fb5e",
      "item_object data-id=f133b8b0-2047-4f2d-b9ea-c10ddd5bcd1e",
      "item_object data-id=f5eeaaec-dbcc-4365-a1a7-97d75f3af19b",
      "phone_link data-phone-number=+420 399 840 932",
      "phone_link data-phone-number=+420 938 748 932",
      "url_link href=https://github.com/kontent-ai/integration-example-recombee",
      "url_link href=https://github.com/kontent-ai/integration-example-recombee",
  };
  CHECK(found == expected);
}

TEST_CASE("rewriting every id of the data-ops backups changes nothing but the ids", "[richtext][fixtures][rewrite]") {
  for (const char* name : {"backup.zip", "sync_test_source.zip", "sync_test_target.zip"}) {
    std::string json = ReadZipEntry(std::string(KBULK_FIXTURES_DIR) + "/data-ops/" + name, "languageVariants.json");
    auto document = kbulk::ParseJson(json);
    REQUIRE(document.ok());
    std::vector<const kbulk::JsonValue*> elements;
    CollectValues(*document, elements);
    for (const kbulk::JsonValue* element : elements) {
      const kbulk::JsonValue& value = *kbulk::Member(*element, "value");
      std::string html(value.GetString(), value.GetStringLength());
      auto references = rt::ExtractReferences(html);
      REQUIRE(references.ok());
      rt::RewriteMaps maps;
      std::string expected = html;
      for (const auto& r : *references) {
        if (r.by != rt::ReferenceBy::kId) continue;
        // A longer replacement shifts every later byte: any stray edit would show.
        std::string replacement = "new-" + r.value + "-id";
        rt::ReferenceMap& map = r.kind == rt::ReferenceKind::kComponentObject    ? maps.components
                                : rt::TargetOf(r.kind) == rt::TargetKind::kAsset ? maps.assets
                                                                                 : maps.items;
        map.id_to_id[r.value] = replacement;
      }
      // Ids appear only inside attributes in these values, so a plain text replacement is the expected result.
      for (const auto* map : {&maps.items, &maps.assets, &maps.components}) {
        for (const auto& [from, to] : map->id_to_id) {
          for (std::size_t at = expected.find(from); at != std::string::npos;
               at = expected.find(from, at + to.size())) {
            if (expected.compare(at > 4 ? at - 4 : 0, 4, "new-") == 0) continue;
            expected.replace(at, from.size(), to);
          }
        }
      }
      auto result = rt::RewriteReferences(html, maps);
      REQUIRE(result.ok());
      INFO(name << ": " << html);
      CHECK(result->html == expected);
      CHECK(result->unmapped.empty());
    }
  }
}
