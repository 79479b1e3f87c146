// Every rich-text value the seeds produce (variants' latest and published versions, components nested at
// any depth) passes the rich-text validator with its element's settings, its components, and the types
// of linked items and the metadata of assets, as the Management API would check it.
#include <catch2/catch.hpp>

#include <functional>
#include <map>

#include "emulator/seeds/sample_ids.h"
#include "recording_sink.h"
#include "richtext/validator.h"

namespace kbulk::emulator::testing {
namespace {

struct SeedIndex {
  std::map<std::string, JsonDocument> elements;   // type and snippet elements by id
  std::map<std::string, std::string> item_types;  // item id -> type id
  std::map<std::string, richtext::AssetInfo> assets;
};

JsonDocument Parse(const std::string& text) {
  auto doc = ParseJson(text);
  REQUIRE(doc.ok());
  return std::move(doc).value();
}

SeedIndex Index(const RecordingSink& sink) {
  SeedIndex index;
  for (EntityKind kind : {EntityKind::kSnippet, EntityKind::kContentType})
    for (const auto* p : sink.Objects(kind)) {
      JsonDocument doc = Parse(p->json);
      for (const auto& e : doc["elements"].GetArray()) {
        JsonDocument copy;
        copy.CopyFrom(e, copy.GetAllocator());
        index.elements.emplace(std::string(StringMember(e, "id").value_or("")), std::move(copy));
      }
    }
  for (const auto* p : sink.Objects(EntityKind::kItem)) {
    JsonDocument doc = Parse(p->json);
    index.item_types[std::string(StringMember(doc, "id").value_or(""))] =
        std::string(StringMember(doc["type"], "id").value_or(""));
  }
  for (const auto* p : sink.Objects(EntityKind::kAsset)) {
    JsonDocument doc = Parse(p->json);
    richtext::AssetInfo info;
    info.size = IntMember(doc, "size").value_or(0);
    info.width = IntMember(doc, "image_width");
    info.height = IntMember(doc, "image_height");
    info.is_image = info.width.has_value();
    index.assets[std::string(StringMember(doc, "id").value_or(""))] = info;
  }
  return index;
}

// Validates every rich-text element in `elements` (and, recursively, in their components).
int ValidateAll(const SeedIndex& index, const JsonValue& elements, int depth, const std::string& where) {
  int checked = 0;
  for (const auto& e : elements.GetArray()) {
    const std::string id(StringMember(e["element"], "id").value_or(""));
    auto def = index.elements.find(id);
    REQUIRE(def != index.elements.end());
    if (StringMember(def->second, "type").value_or("") != "rich_text") continue;
    richtext::ValidationContext context;
    context.element_definition = &def->second;
    context.components = Member(e, "components");
    context.component_depth = depth;
    context.item_type = [&](std::string_view item_id) -> std::optional<richtext::TypeRef> {
      auto it = index.item_types.find(std::string(item_id));
      if (it == index.item_types.end()) return std::nullopt;
      return richtext::TypeRef{it->second, ""};
    };
    context.asset = [&](std::string_view asset_id) -> std::optional<richtext::AssetInfo> {
      auto it = index.assets.find(std::string(asset_id));
      if (it == index.assets.end()) return std::nullopt;
      return it->second;
    };
    context.component_element_definition = [&](std::string_view element_id) -> const JsonValue* {
      auto it = index.elements.find(std::string(element_id));
      return it == index.elements.end() ? nullptr : &it->second;
    };
    const std::string html(StringMember(e, "value").value_or(""));
    for (const auto& v : richtext::Validate(html, context))
      FAIL_CHECK(where << " element " << StringMember(def->second, "codename").value_or("?") << ": " << v.code << " at "
                       << v.line << ":" << v.column << " (" << v.message << ")\n"
                       << html);
    ++checked;
    if (const JsonValue* components = Member(e, "components"))
      for (const auto& c : components->GetArray())
        checked += ValidateAll(index, c["elements"], depth + 1, where + " component " + c["id"].GetString());
  }
  return checked;
}

int ValidateSeed(const std::string& spec) {
  RecordingSink sink;
  SeedOptions options;
  options.spec = spec;
  REQUIRE(RunSeed(options, sink).ok());
  SeedIndex index = Index(sink);
  int checked = 0;
  for (const auto* v : sink.Variants()) {
    JsonDocument latest = Parse(v->json);
    const std::string where = std::string(StringMember(latest["item"], "id").value_or("")) + "/" +
                              std::string(StringMember(latest["language"], "id").value_or(""));
    checked += ValidateAll(index, latest["elements"], 0, where);
    if (v->published) checked += ValidateAll(index, Parse(*v->published)["elements"], 0, where + " (published)");
  }
  return checked;
}

TEST_CASE("richtext: every rich-text value of the sample validates with its element's settings") {
  // 8 article bodies, 4 author bios and 6 callout bodies in components (docs/emulator-seeds.md).
  CHECK(ValidateSeed("sample") == 18);
}

TEST_CASE("richtext: synthetic rich text validates") {
  // 40 variants and the published versions of items 6 and 14 (i mod 8 == 6) in both languages.
  CHECK(ValidateSeed("synthetic:items=20,languages=2,assets=2,asset_kb=1,seed=4") == 40 + 4);
}

TEST_CASE("richtext: the check would catch a broken value") {
  RecordingSink sink;
  SeedOptions options;
  options.spec = "sample";
  REQUIRE(RunSeed(options, sink).ok());
  SeedIndex index = Index(sink);
  const auto& body = index.elements.at(sample::Id("element/article/body"));
  richtext::ValidationContext context;
  context.element_definition = &body;
  CHECK_FALSE(richtext::Validate("<div>loose</div>", context).empty());
}

}  // namespace
}  // namespace kbulk::emulator::testing
