// The content reference model: every reference of a variant's elements by element type (nested components,
// rich text through the rich-text engine), and the references held by type definitions (real data-ops types).
#include <catch2/catch.hpp>

#include "content/element_references.h"
#include "content_test_support.h"

using namespace kbulk;
using namespace kbulk::content;
using namespace kbulk::content::testing;

namespace {

const char* kType = R"({"id":"t-article","codename":"article","elements":[
  {"id":"e-title","codename":"title","type":"text"},
  {"id":"e-body","codename":"body","type":"rich_text"},
  {"id":"e-related","codename":"related","type":"modular_content"},
  {"id":"e-pages","codename":"pages","type":"subpages"},
  {"id":"e-hero","codename":"hero","type":"asset"},
  {"id":"e-tags","codename":"tags","type":"taxonomy"},
  {"id":"e-color","codename":"color","type":"multiple_choice"},
  {"id":"e-count","codename":"count","type":"number"}]})";

std::vector<std::string> Describe(const std::vector<ElementReference>& references) {
  std::vector<std::string> out;
  for (const auto& r : references) {
    out.push_back(std::string(TargetKindName(r.target)) + " " + r.Key() + " @" + r.element +
                  (r.in_rich_text ? " (rich text)" : ""));
  }
  return out;
}

}  // namespace

TEST_CASE("every reference of a variant's elements, by element type, components nested", "[content]") {
  ModelIndex model;
  REQUIRE(model.Add(EntityKind::kContentType, kType).ok());
  auto elements = ParseJson(R"([
    {"element":{"id":"e-title"},"value":"<p>not rich text: data-item-id=\"x\"</p>"},
    {"element":{"id":"e-body"},"value":"<p><a data-item-id=\"i-1\">a</a> <a href=\"https://x\">u</a> <a data-phone-number=\"1\">p</a></p><figure data-asset-external-id=\"ext-a\"></figure><object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"c-1\"></object>",
     "components":[{"id":"c-1","type":{"id":"t-article"},"elements":[
       {"element":{"id":"e-related"},"value":[{"id":"i-2"}]},
       {"element":{"id":"e-unknown"},"value":[{"id":"i-3"}]},
       {"element":{"id":"e-body"},"value":"<object type=\"application/kenticocloud\" data-type=\"item\" data-external-id=\"ext-i\"></object>","components":[]}]}]},
    {"element":{"id":"e-related"},"value":[{"id":"i-4"},{"codename":"by_codename"}]},
    {"element":{"id":"e-pages"},"value":[{"id":"i-5"}]},
    {"element":{"id":"e-hero"},"value":[{"id":"a-1","renditions":[{"id":"r-1"}]}]},
    {"element":{"id":"e-tags"},"value":[{"id":"term-1"}]},
    {"element":{"id":"e-color"},"value":[{"id":"opt-1"}]},
    {"element":{"id":"e-count"},"value":7},
    {"element":{"id":"e-related"},"value":"malformed: no references"},
    {"element":{"codename":"not_resolvable"},"value":[]}])");
  REQUIRE(elements.ok());
  ElementReferences found;
  CollectElementReferences(*elements, ResolveWith(model), found);
  CHECK(Describe(found.references) == std::vector<std::string>{
                                          "item id:i-1 @body (rich text)",
                                          "asset external_id:ext-a @body (rich text)",
                                          "content type id:t-article @body/component:c-1",
                                          "item id:i-2 @body/component:c-1/related",
                                          "item external_id:ext-i @body/component:c-1/body (rich text)",
                                          "item id:i-4 @related",
                                          "item codename:by_codename @related",
                                          "item id:i-5 @pages",
                                          "asset id:a-1 @hero",
                                          "rendition id:r-1 @hero",
                                          "taxonomy term id:term-1 @tags",
                                          "multiple choice option id:opt-1 @color",
                                      });
  REQUIRE(found.unknown_elements.size() == 2);
  CHECK(found.unknown_elements[0].parent == "body/component:c-1");
  CHECK(found.unknown_elements[0].key == "id:e-unknown");
  CHECK(found.unknown_elements[1].parent.empty());
  CHECK(found.unknown_elements[1].key == "codename:not_resolvable");
}

TEST_CASE("rich text that cannot be parsed holds no references, and says so", "[content]") {
  std::vector<ElementReference> out;
  CHECK(CollectRichTextReferences("<p><a data-asset-id=\"a\">x</a></p>", "body", out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].target == TargetKind::kAsset);
  CHECK(out[0].in_rich_text);
}

TEST_CASE("content type definitions refer to items, assets, terms, options, types and groups", "[content]") {
  auto files = ReadZip(std::string(KBULK_FIXTURES_DIR) + "/data-ops/backup.zip");
  std::map<std::string, std::vector<std::string>> by_type;
  for (const std::string& record : JsonObjects(files, "contentTypes.json")) {
    auto type = ParseJson(record);
    REQUIRE(type.ok());
    std::vector<ElementReference> out;
    CollectTypeReferences(*type, out);
    by_type[std::string(*StringMember(*type, "codename"))] = Describe(out);
  }
  // Defaults and guidelines naming objects deleted long ago (the data-ops fixture keeps them on purpose).
  CHECK(by_type["with_deleted_refs_in_default_value"] ==
        std::vector<std::string>{"item id:e614319c-55b5-4a3c-b401-258b09aa41de @untitled_linked_items",
                                 "asset id:ad141a63-8eef-4735-8186-01502cabbc08 @untitled_asset",
                                 "item id:e614319c-55b5-4a3c-b401-258b09aa41de @guidelines (rich text)",
                                 "asset id:ad141a63-8eef-4735-8186-01502cabbc08 @guidelines (rich text)"});
  CHECK(by_type["web_spotlight_root_custom"] ==
        std::vector<std::string>{"content type id:4cbea83b-b7a4-43a4-bfaa-5cd2a03010d9 @subpages"});
  CHECK(by_type["page"] ==
        std::vector<std::string>{"content type element id:944e89a0-da29-4ad3-84e7-2c96e20f5d74 @url"});
  CHECK(by_type["small_type_with_small_snippet"] ==
        std::vector<std::string>{"snippet id:76d75988-2c9d-4692-8395-9033bb7531fc @small_snippet",
                                 "taxonomy term id:2666e00b-4759-4a3d-a11c-316d808dd399 @tax",
                                 "taxonomy term id:44d0acf2-e8f3-4df9-ac79-a79ab2a56b51 @tax",
                                 "taxonomy group id:f1dde306-09ae-4b07-a9a1-975e794ec0b6 @tax"});
}

TEST_CASE("element types name what their values refer to", "[content]") {
  CHECK(ValueTargetOf("modular_content") == TargetKind::kItem);
  CHECK(ValueTargetOf("subpages") == TargetKind::kItem);
  CHECK(ValueTargetOf("asset") == TargetKind::kAsset);
  CHECK(ValueTargetOf("taxonomy") == TargetKind::kTaxonomyTerm);
  CHECK(ValueTargetOf("multiple_choice") == TargetKind::kOption);
  for (const char* type : {"text", "rich_text", "number", "date_time", "url_slug", "custom", "guidelines", "snippet"}) {
    INFO(type);
    CHECK_FALSE(ValueTargetOf(type).has_value());
  }
}
