// RewriteElementsForImport: every element kind on a hand-made model with nested components, every variant of
// the real data-ops backups (checked against an independent derivation), and malformed input.
#include <catch2/catch.hpp>

#include "content/import_rewrite.h"
#include "content_test_support.h"

using namespace kbulk;
using namespace kbulk::content;
using namespace kbulk::content::testing;

namespace {

const char* kArticleType = R"({"id":"t-article","codename":"article","elements":[
  {"id":"e-title","codename":"title","type":"text"},
  {"id":"e-body","codename":"body","type":"rich_text"},
  {"id":"e-related","codename":"related","type":"modular_content"},
  {"id":"e-pages","codename":"pages","type":"subpages"},
  {"id":"e-hero","codename":"hero","type":"asset"},
  {"id":"e-tags","codename":"tags","type":"taxonomy","taxonomy_group":{"id":"g-topics"}},
  {"id":"e-color","codename":"color","type":"multiple_choice","options":[
     {"id":"o-red","codename":"red","name":"Red"},{"id":"o-blue","codename":"blue","name":"Blue"}]},
  {"id":"e-when","codename":"when","type":"date_time"},
  {"id":"e-slug","codename":"slug","type":"url_slug"},
  {"id":"e-widget","codename":"widget","type":"custom"},
  {"id":"e-count","codename":"count","type":"number"},
  {"id":"e-seo","codename":"seo","type":"snippet","snippet":{"id":"s-seo"}}]})";
const char* kSeoSnippet = R"({"id":"s-seo","codename":"seo","elements":[
  {"id":"e-keywords","codename":"seo__keywords","type":"text"},
  {"id":"e-seo-topics","codename":"seo__topics","type":"taxonomy"}]})";
const char* kCalloutType = R"({"id":"t-callout","codename":"callout","elements":[
  {"id":"e-callout-text","codename":"callout_text","type":"rich_text"},
  {"id":"e-callout-links","codename":"callout_links","type":"modular_content"}]})";
const char* kTopics = R"({"id":"g-topics","codename":"topics","terms":[
  {"id":"term-a","codename":"a","terms":[{"id":"term-a1","codename":"a1","terms":[]}]}]})";

ModelIndex HandMadeModel() {
  ModelIndex model;
  REQUIRE(model.Add(EntityKind::kContentType, kArticleType).ok());
  REQUIRE(model.Add(EntityKind::kContentType, kCalloutType).ok());
  REQUIRE(model.Add(EntityKind::kSnippet, kSeoSnippet).ok());
  REQUIRE(model.Add(EntityKind::kTaxonomyGroup, kTopics).ok());
  return model;
}

// A variant's elements as the API returns them: every reference by id.
const char* kVariantElements = R"([
 {"element":{"id":"e-title"},"value":"Hello \"world\""},
 {"element":{"id":"e-body"},"value":"<p>See <a data-item-id=\"i-gone\">this</a> and <a href=\"https://x.example/?a=1&amp;b=2\">that</a>, <a data-email-address=\"a@b.c\">mail</a>.</p>\n<object type=\"application/kenticocloud\" data-type=\"item\" data-id=\"i-one\"></object>\n<figure data-asset-id=\"a-one\"><img src=\"#\" data-asset-id=\"a-one\"></figure>\n<p><a data-asset-id=\"a-gone\">file</a></p>\n<object type=\"application/kenticocloud\" data-type=\"item\" data-external-id=\"keep-me\"></object>\n<object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"c-1\"></object>",
  "components":[{"id":"c-1","type":{"id":"t-callout"},"elements":[
    {"element":{"id":"e-callout-text"},"value":"<p>Level 2 <a data-item-id=\"i-two\">two</a></p>\n<object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"c-2\"></object>",
     "components":[{"id":"c-2","type":{"id":"t-callout"},"elements":[
       {"element":{"id":"e-callout-text"},"value":"<p>Level 3 <a data-item-id=\"i-gone\">gone</a></p>","components":[]},
       {"element":{"id":"e-callout-links"},"value":[{"id":"i-one"}]}]}]},
    {"element":{"id":"e-callout-links"},"value":[{"id":"i-two"},{"id":"i-gone"}]}]}]},
 {"element":{"id":"e-related"},"value":[{"id":"i-one"},{"id":"i-gone"},{"external_id":"already"}]},
 {"element":{"id":"e-pages"},"value":[{"id":"i-two"}]},
 {"element":{"id":"e-hero"},"value":[{"id":"a-one","renditions":[{"id":"r-1"}]},{"id":"a-gone","renditions":[]}]},
 {"element":{"id":"e-tags"},"value":[{"id":"term-a1"},{"id":"term-a"}]},
 {"element":{"id":"e-color"},"value":[{"id":"o-blue"}]},
 {"element":{"id":"e-when"},"value":"2026-11-30T10:00:00Z","display_timezone":"Europe/Prague"},
 {"element":{"id":"e-slug"},"value":"hello-world","mode":"custom"},
 {"element":{"id":"e-widget"},"value":"{\"x\":1}","searchable_value":"x one"},
 {"element":{"id":"e-count"},"value":3.25},
 {"element":{"id":"e-keywords"},"value":"kw"},
 {"element":{"id":"e-seo-topics"},"value":[]}])";

TestNaming HandMadeNaming() {
  TestNaming naming;
  naming.items = {{"i-one", "ext-one"}, {"i-two", ""}};  // i-one has an archived external id, i-two none
  naming.assets = {{"a-one", "asset-one"}};
  return naming;
}

}  // namespace

TEST_CASE("every element kind is rewritten to codenames and external ids, components nested", "[content]") {
  ModelIndex model = HandMadeModel();
  TestNaming naming = HandMadeNaming();
  auto result = RewriteElementsForImport(kVariantElements, model, naming.naming());
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  auto in = ParseJson(kVariantElements);
  auto out = ParseJson(result->elements_json);
  REQUIRE(in.ok());
  REQUIRE(out.ok());
  Coverage coverage;
  CheckRewritten(*in, *out, model, naming, coverage);
  CHECK(coverage.max_component_depth == 2);

  // The concrete forms a variant upsert takes.
  const std::string& json = result->elements_json;
  auto has = [&](const std::string& s) {
    INFO(s << " in " << json);
    CHECK(json.find(s) != std::string::npos);
  };
  has(R"({"element":{"codename":"title"},"value":"Hello \"world\""})");
  has(R"({"element":{"codename":"related"},"value":[{"external_id":"ext-one"},{"external_id":"kbulk-i-gone"},{"external_id":"already"}]})");
  has(R"({"element":{"codename":"pages"},"value":[{"external_id":"kbulk-i-two"}]})");
  has(R"({"element":{"codename":"hero"},"value":[{"external_id":"asset-one","renditions":[{"external_id":"kbulk-r-1"}]},{"external_id":"kbulk-a-gone","renditions":[]}]})");
  has(R"({"element":{"codename":"tags"},"value":[{"codename":"a1"},{"codename":"a"}]})");
  has(R"({"element":{"codename":"color"},"value":[{"codename":"blue"}]})");
  has(R"({"element":{"codename":"when"},"value":"2026-11-30T10:00:00Z","display_timezone":"Europe/Prague"})");
  has(R"({"element":{"codename":"slug"},"value":"hello-world","mode":"custom"})");
  has(R"({"element":{"codename":"widget"},"value":"{\"x\":1}","searchable_value":"x one"})");
  has(R"({"element":{"codename":"count"},"value":3.25})");
  has(R"({"element":{"codename":"seo__keywords"},"value":"kw"})");
  has(R"("id":"c-1","type":{"codename":"callout"})");
  has(R"("id":"c-2","type":{"codename":"callout"})");
  // Rich text: spliced, so every byte that names no reference is kept; the <img> goes, the figure stays.
  has(R"(<p>See <a data-item-external-id=\"kbulk-i-gone\">this</a> and <a href=\"https://x.example/?a=1&amp;b=2\">that</a>, <a data-email-address=\"a@b.c\">mail</a>.</p>)");
  has(R"(<object type=\"application/kenticocloud\" data-type=\"item\" data-external-id=\"ext-one\"></object>)");
  has(R"(<figure data-asset-external-id=\"asset-one\"></figure>)");
  has(R"(<a data-asset-external-id=\"kbulk-a-gone\">file</a>)");
  has(R"(data-external-id=\"keep-me\")");
  has(R"(<object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"c-1\"></object>)");
  has(R"(<p>Level 3 <a data-item-external-id=\"kbulk-i-gone\">gone</a></p>)");
  CHECK(json.find("data-item-id") == std::string::npos);
  CHECK(json.find("data-asset-id") == std::string::npos);

  // Objects the archive does not hold: each (object, element) once, in document order.
  CHECK(result->forward_references ==
        std::vector<std::string>{"item i-gone in element 'body'", "asset a-gone in element 'body'",
                                 "item i-gone in element 'body/component:c-1/callout_text/component:c-2/callout_text'",
                                 "item i-gone in element 'body/component:c-1/callout_links'",
                                 "item i-gone in element 'related'", "asset a-gone in element 'hero'"});
}

TEST_CASE("renditions are named by the import naming when it names them", "[content]") {
  ModelIndex model = HandMadeModel();
  TestNaming naming = HandMadeNaming();
  ImportNaming with_renditions = naming.naming();
  with_renditions.rendition_external_id = [](std::string_view id) { return "rendition-" + std::string(id); };
  auto result = RewriteElementsForImport(
      R"([{"element":{"id":"e-hero"},"value":[{"id":"a-one","renditions":[{"id":"r-1"}]}]}])", model, with_renditions);
  REQUIRE(result.ok());
  CHECK(
      result->elements_json ==
      R"([{"element":{"codename":"hero"},"value":[{"external_id":"asset-one","renditions":[{"external_id":"rendition-r-1"}]}]}])");
  CHECK(result->forward_references.empty());
}

TEST_CASE("malformed elements fail as corrupt, naming the element", "[content]") {
  ModelIndex model = HandMadeModel();
  TestNaming naming = HandMadeNaming();
  const std::pair<const char*, const char*> cases[] = {
      {R"([{"element":{"id":"e-unknown"},"value":"x"}])", "e-unknown"},
      {R"([{"element":{"codename":"title"},"value":"x"}])", "by id"},
      {R"([{"element":{"id":"e-related"},"value":"not an array"}])", "'related'"},
      {R"([{"element":{"id":"e-related"},"value":[1]}])", "'related'"},
      {R"([{"element":{"id":"e-tags"},"value":[{"id":"term-unknown"}]}])", "term-unknown"},
      {R"([{"element":{"id":"e-color"},"value":[{"id":"o-unknown"}]}])", "o-unknown"},
      {R"([{"element":{"id":"e-body"},"value":42}])", "'body'"},
      {R"([{"element":{"id":"e-body"},"value":"<p></p>","components":[{"id":"c-9","type":{"id":"t-unknown"},"elements":[]}]}])",
       "t-unknown"},
      {R"([{"element":{"id":"e-body"},"value":"<p></p>","components":[{"id":"c-9","type":{"id":"t-callout"},"elements":[{"element":{"id":"e-callout-links"},"value":{}}]}]}])",
       "body/component:c-9/callout_links"},
      {R"({"not":"an array"})", "not an array"},
      {R"([{"element":{"id":"e-title"})", "variant elements"},
  };
  for (const auto& [elements, needle] : cases) {
    INFO(elements);
    auto result = RewriteElementsForImport(elements, model, naming.naming());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK_THAT(result.status().message(), Catch::Contains(needle));
  }
}

TEST_CASE("components nested beyond any service limit are refused, not followed forever", "[content]") {
  ModelIndex model = HandMadeModel();
  TestNaming naming = HandMadeNaming();
  std::string inner = R"({"element":{"id":"e-callout-text"},"value":"<p>x</p>","components":[]})";
  for (int i = 0; i < 40; ++i) {
    inner =
        R"({"element":{"id":"e-callout-text"},"value":"<p>x</p>","components":[{"id":"c","type":{"id":"t-callout"},"elements":[)" +
        inner + "]}]}";
  }
  auto result = RewriteElementsForImport("[" + inner + "]", model, naming.naming());
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == StatusCode::kCorrupt);
  CHECK_THAT(result.status().message(), Catch::Contains("nested too deeply"));
}

TEST_CASE("every variant of the real data-ops backups is rewritten correctly", "[content]") {
  for (const char* zip : {"backup.zip", "sync_test_source.zip", "sync_test_target.zip"}) {
    INFO(zip);
    auto files = ReadZip(std::string(KBULK_FIXTURES_DIR) + "/data-ops/" + zip);
    ModelIndex model = DataOpsModel(files);
    TestNaming naming;
    for (const std::string& o : JsonObjects(files, "contentItems.json")) {
      auto item = ParseJson(o);
      naming.items[std::string(*StringMember(*item, "id"))] =
          std::string(StringMember(*item, "external_id").value_or(""));
    }
    for (const std::string& o : JsonObjects(files, "assets.json")) {
      auto asset = ParseJson(o);
      naming.assets[std::string(*StringMember(*asset, "id"))] =
          std::string(StringMember(*asset, "external_id").value_or(""));
    }
    Coverage coverage;
    std::vector<std::string> forward;
    std::size_t variants = 0;
    for (const std::string& o : JsonObjects(files, "languageVariants.json")) {
      auto variant = ParseJson(o);
      REQUIRE(variant.ok());
      std::string elements = ToJsonString(*Member(*variant, "elements"));
      auto result = RewriteElementsForImport(elements, model, naming.naming());
      INFO(result.status().ToString());
      REQUIRE(result.ok());
      auto in = ParseJson(elements);
      auto out = ParseJson(result->elements_json);
      REQUIRE(out.ok());
      CheckRewritten(*in, *out, model, naming, coverage);
      for (auto& f : result->forward_references) forward.push_back(f);
      ++variants;
    }
    CHECK(variants > 0);
    if (std::string(zip) == "backup.zip") {
      // Every element type a variant can hold, components, and every kind of rich-text reference.
      for (const char* type : {"text", "rich_text", "number", "date_time", "multiple_choice", "asset",
                               "modular_content", "subpages", "taxonomy", "url_slug", "custom"}) {
        INFO(type);
        CHECK(coverage.element_types.count(type) == 1);
      }
      CHECK(coverage.max_component_depth >= 1);
      for (const char* kind : {"item_object", "component_object", "asset_figure", "asset_image", "item_link",
                               "asset_link", "url_link", "email_link", "phone_link"}) {
        INFO(kind);
        CHECK(coverage.rich_text_kinds.count(kind) == 1);
      }
      // The backup really refers to assets and items it does not hold (checked with grep on the zip).
      CHECK(forward == std::vector<std::string>{
                           "asset 57e7dc91-cfcf-5765-9346-21e1eeee7a53 in element 'untitled_rich_text'",
                           "asset 6aaabcc6-f6a2-5b77-90d9-738b31dc9915 in element 'untitled_rich_text'",
                           "asset f9156059-70be-5917-a8e8-aced8750d863 in element 'untitled_asset'",
                           "item 26c7eef8-7738-445b-816e-f3d3b32ca0c1 in element 'untitled_rich_text'",
                           "item f133b8b0-2047-4f2d-b9ea-c10ddd5bcd1e in element 'untitled_rich_text'",
                           "item af757ac8-586e-4ad6-9892-05b98db5fb5e in element 'untitled_linked_items'",
                           "item 26c7eef8-7738-445b-816e-f3d3b32ca0c1 in element 'snippet_with_all_elements__rich'",
                           "item af757ac8-586e-4ad6-9892-05b98db5fb5e in element 'snippet_with_all_elements__rich'",
                           "item af757ac8-586e-4ad6-9892-05b98db5fb5e in element 'snippet_with_all_elements__linked'"});
    }
  }
}
