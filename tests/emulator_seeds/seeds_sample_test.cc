// The sample seed: valid JSON in dependency order, every element type and rich-text feature the brief
// promises, every workflow state, and the objects docs/emulator-seeds.md lists.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "emulator/seeds/sample_ids.h"
#include "recording_sink.h"

namespace kbulk::emulator::testing {
namespace {

using sample::Id;

RecordingSink SampleSink() {
  RecordingSink sink;
  SeedOptions options;
  options.spec = "sample";
  options.base_url = "http://127.0.0.1:1234";
  options.environment_id = "11111111-2222-3333-4444-555555555555";
  Status s = RunSeed(options, sink);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return sink;
}

JsonDocument Parse(const std::string& text) {
  auto doc = ParseJson(text);
  INFO(text.substr(0, 300));
  REQUIRE(doc.ok());
  return std::move(doc).value();
}

// Every type element (snippets' included) of the sample, keyed by id.
std::map<std::string, JsonDocument> TypeElements(const RecordingSink& sink) {
  std::map<std::string, JsonDocument> out;
  for (EntityKind kind : {EntityKind::kSnippet, EntityKind::kContentType})
    for (const auto* p : sink.Objects(kind)) {
      JsonDocument doc = Parse(p->json);
      for (const auto& e : doc["elements"].GetArray()) {
        JsonDocument copy;
        copy.CopyFrom(e, copy.GetAllocator());
        out.emplace(std::string(StringMember(e, "id").value_or("")), std::move(copy));
      }
    }
  return out;
}

// Calls `f` on every element value of every variant version and, recursively, of their components.
void ForEachValue(const RecordingSink& sink, const std::function<void(const JsonValue&, int depth)>& f) {
  std::function<void(const JsonValue&, int)> walk = [&](const JsonValue& elements, int depth) {
    for (const auto& e : elements.GetArray()) {
      f(e, depth);
      if (const JsonValue* components = Member(e, "components"))
        for (const auto& c : components->GetArray()) walk(c["elements"], depth + 1);
    }
  };
  for (const auto* v : sink.Variants()) {
    walk(Parse(v->json)["elements"], 0);
    if (v->published) walk(Parse(*v->published)["elements"], 0);
  }
}

TEST_CASE("sample: every put is JSON and references only what was put before it") {
  RecordingSink sink = SampleSink();
  REQUIRE(sink.puts.size() > 40);
  for (const auto& p : sink.puts)
    if (p.what != Put::What::kBinary) CHECK(ParseJson(p.json).ok());
  auto problems = DependencyProblems(sink.puts);
  for (const auto& problem : problems) UNSCOPED_INFO(problem);
  CHECK(problems.empty());
}

TEST_CASE("sample: the same run gives the same bytes") {
  CHECK(SampleSink().Digest() == SampleSink().Digest());
}

TEST_CASE("sample: the dependency check catches an object put before what it references") {
  RecordingSink sink = SampleSink();
  std::vector<Put> reordered = sink.puts;
  auto first_variant =
      std::find_if(reordered.begin(), reordered.end(), [](const Put& p) { return p.what == Put::What::kVariant; });
  REQUIRE(first_variant != reordered.end());
  std::rotate(reordered.begin(), first_variant, first_variant + 1);  // a variant first
  CHECK_FALSE(DependencyProblems(reordered).empty());
}

TEST_CASE("sample: types use every element type, content groups and a snippet") {
  RecordingSink sink = SampleSink();
  std::set<std::string> types, choice_modes;
  for (const auto& [id, e] : TypeElements(sink)) {
    types.insert(std::string(StringMember(e, "type").value_or("")));
    if (auto mode = StringMember(e, "mode")) choice_modes.insert(std::string(*mode));
  }
  for (const char* t : {"text", "rich_text", "number", "date_time", "multiple_choice", "asset", "modular_content",
                        "taxonomy", "url_slug", "custom", "subpages", "guidelines", "snippet"})
    CHECK(types.count(t) == 1);
  CHECK(choice_modes == std::set<std::string>{"single", "multiple"});
  bool groups = false;
  for (const auto* p : sink.Objects(EntityKind::kContentType)) groups |= Parse(p->json)["content_groups"].Size() > 0;
  CHECK(groups);
  CHECK(sink.Objects(EntityKind::kSnippet).size() == 1);
}

TEST_CASE("sample: variants hold a value of every element type") {
  RecordingSink sink = SampleSink();
  auto defs = TypeElements(sink);
  std::set<std::string> filled, slug_modes;
  bool zoned_date = false, custom_searchable = false, snippet_value = false, multiple_options = false;
  ForEachValue(sink, [&](const JsonValue& e, int) {
    const std::string id(StringMember(e["element"], "id").value_or(""));
    auto def = defs.find(id);
    REQUIRE(def != defs.end());
    const std::string type(StringMember(def->second, "type").value_or(""));
    filled.insert(type);
    if (type == "url_slug") slug_modes.insert(std::string(StringMember(e, "mode").value_or("")));
    if (type == "date_time") zoned_date |= StringMember(e, "display_timezone").has_value();
    if (type == "custom") custom_searchable |= StringMember(e, "searchable_value").has_value();
    if (type == "multiple_choice") multiple_options |= e["value"].Size() > 1;
    snippet_value |= StringMember(def->second, "codename").value_or("").rfind("seo__", 0) == 0;
    CHECK(type != "guidelines");
    CHECK(type != "snippet");
  });
  for (const char* t : {"text", "rich_text", "number", "date_time", "multiple_choice", "asset", "modular_content",
                        "taxonomy", "url_slug", "custom", "subpages"})
    CHECK(filled.count(t) == 1);
  CHECK(slug_modes == std::set<std::string>{"autogenerated", "custom"});
  CHECK(zoned_date);
  CHECK(custom_searchable);
  CHECK(snippet_value);
  CHECK(multiple_options);
}

TEST_CASE("sample: rich text has tables, lists, figures, every link kind and objects") {
  RecordingSink sink = SampleSink();
  std::string all;
  ForEachValue(sink, [&](const JsonValue& e, int) {
    if (e.HasMember("value") && e["value"].IsString()) all += e["value"].GetString();
  });
  for (const char* needle : {"<table><tbody>",
                             "<td><p>",
                             "<td><ul>",
                             "<ul>",
                             "<ol>",
                             "</ul></li>",
                             "</ol></li>",
                             "<figure data-asset-id=",
                             "<img src=\"#\" data-asset-id=",
                             "<a data-item-id=",
                             "<a data-asset-id=",
                             "data-email-address=",
                             "data-email-subject=",
                             "data-phone-number=",
                             "href=\"https://",
                             "data-new-window=\"true\"",
                             "title=\"",
                             "data-type=\"item\"",
                             "data-type=\"component\"",
                             "<strong>",
                             "<em>",
                             "<code>",
                             "<sub>",
                             "<sup>",
                             "<br/>",
                             "<h1>",
                             "<h2>",
                             "<h3>",
                             "<h4>",
                             "<h5>",
                             "<h6>"})
    CHECK(all.find(needle) != std::string::npos);
}

TEST_CASE("sample: components nest three levels and linked items four") {
  RecordingSink sink = SampleSink();
  int deepest = 0;
  ForEachValue(sink, [&](const JsonValue&, int depth) { deepest = std::max(deepest, depth); });
  CHECK(deepest >= 3);

  // Follow linked items and subpages from the home page through the latest English variants.
  std::map<std::string, std::vector<std::string>> links;
  for (const auto* v : sink.Variants()) {
    JsonDocument doc = Parse(v->json);
    if (StringMember(doc["language"], "id").value_or("") != Id("language/en-US")) continue;
    auto& out = links[std::string(StringMember(doc["item"], "id").value_or(""))];
    for (const auto& e : doc["elements"].GetArray())
      if (e["value"].IsArray())
        for (const auto& r : e["value"].GetArray())
          if (r.IsObject() && r.MemberCount() == 1) out.push_back(std::string(StringMember(r, "id").value_or("")));
  }
  std::function<int(const std::string&, int)> depth = [&](const std::string& id, int guard) -> int {
    int best = 0;
    if (guard > 10) return 0;
    for (const auto& next : links[id])
      if (links.count(next)) best = std::max(best, 1 + depth(next, guard + 1));
    return best;
  };
  CHECK(depth(Id("item/home"), 0) >= 3);
}

TEST_CASE("sample: three languages with a fallback chain") {
  RecordingSink sink = SampleSink();
  auto languages = sink.Objects(EntityKind::kLanguage);
  REQUIRE(languages.size() == 3);
  JsonDocument czech = Parse(languages[2]->json);
  CHECK(StringMember(czech, "codename").value_or("") == "cs-CZ");
  CHECK(StringMember(czech["fallback_language"], "id").value_or("") == Id("language/de-DE"));
  CHECK(StringMember(Parse(languages[0]->json), "id").value_or("") == std::string(sample::kNil));
}

TEST_CASE("sample: every workflow state of the documented table") {
  RecordingSink sink = SampleSink();
  std::map<std::string, std::string> state;  // "item/language" -> state
  for (const auto* v : sink.Variants()) {
    JsonDocument doc = Parse(v->json);
    std::string item(StringMember(doc["item"], "id").value_or(""));
    std::string language(StringMember(doc["language"], "id").value_or(""));
    std::string step(StringMember(doc["workflow"]["step_identifier"], "id").value_or(""));
    CHECK(step == StringMember(doc["workflow_step"], "id").value_or(""));
    std::string s = step == sample::kPublishedStep   ? "published"
                    : step == sample::kScheduledStep ? "scheduled"
                    : step == sample::kArchivedStep  ? "archived"
                                                     : "step:" + step;
    if (s == "published" && StringMember(doc["schedule"], "unpublish_time")) s = "published, unpublish scheduled";
    if (v->published) {
      JsonDocument published = Parse(*v->published);
      CHECK(StringMember(published["workflow_step"], "id").value_or("") == sample::kPublishedStep);
      s = "published + " + s;
    }
    if (StringMember(doc["due_date"], "value")) s += ", due";
    state[item + "/" + language] = s;
  }
  auto at = [&](const char* item, const char* language) {
    return state[Id(std::string("item/") + item) + "/" + Id(std::string("language/") + language)];
  };
  CHECK(state.size() == 16);
  CHECK(at("home", "en-US") == "published");
  CHECK(at("home", "de-DE") == "published + step:" + Id("step/default/draft"));
  CHECK(at("home", "cs-CZ") == "step:" + Id("step/default/draft"));
  CHECK(at("coffee_guides", "de-DE") == "step:" + Id("step/default/review"));
  CHECK(at("on_roasts", "en-US") == "published + step:" + Id("step/editorial/writing"));
  CHECK(at("on_roasts", "de-DE") == "step:" + Id("step/editorial/legal_check"));
  CHECK(at("on_roasts", "cs-CZ") == "scheduled");
  CHECK(at("brewing_basics", "en-US") == "published, unpublish scheduled");
  CHECK(at("espresso_recipe", "en-US") == "step:" + Id("step/default/draft") + ", due");
  CHECK(at("tea_overview", "en-US") == "archived");
  CHECK(at("jane_doe", "cs-CZ") == "published");
}

TEST_CASE("sample: model objects: collections, spaces, taxonomies, folders, workflows, webhook, preview") {
  RecordingSink sink = SampleSink();
  CHECK(sink.Objects(EntityKind::kCollection).size() == 3);
  CHECK(sink.Objects(EntityKind::kSpace).size() == 2);
  CHECK(sink.Objects(EntityKind::kTaxonomyGroup).size() == 2);
  CHECK(sink.Objects(EntityKind::kWorkflow).size() == 2);
  CHECK(sink.Objects(EntityKind::kRole).size() == 2);
  CHECK(sink.Objects(EntityKind::kWebhook).size() == 1);
  REQUIRE(sink.Objects(EntityKind::kPreviewConfiguration).size() == 1);
  CHECK(Parse(sink.Objects(EntityKind::kPreviewConfiguration)[0]->json)["preview_url_patterns"].Size() == 2);
  REQUIRE(sink.Objects(EntityKind::kAssetFolder).size() == 1);
  JsonDocument folders = Parse(sink.Objects(EntityKind::kAssetFolder)[0]->json);
  CHECK(folders["folders"][0]["folders"][0]["folders"][0]["codename"] == "coffee_shots");
  JsonDocument topics = Parse(sink.Objects(EntityKind::kTaxonomyGroup)[0]->json);
  CHECK(topics["terms"][0]["terms"][0]["terms"][0]["codename"] == "espresso");
  JsonDocument editorial = Parse(sink.Objects(EntityKind::kWorkflow)[1]->json);
  CHECK(editorial["scopes"][0]["content_types"][0]["id"] == Id("type/article").c_str());
}

TEST_CASE("sample: assets match their binaries and have descriptions and taxonomy") {
  RecordingSink sink = SampleSink();
  auto assets = sink.Objects(EntityKind::kAsset);
  auto binaries = sink.Binaries();
  REQUIRE(assets.size() == 4);
  REQUIRE(binaries.size() == 4);
  std::set<std::string> types;
  for (std::size_t i = 0; i < assets.size(); ++i) {
    JsonDocument a = Parse(assets[i]->json);
    const Put& b = *binaries[i];
    CHECK(StringMember(a["file_reference"], "id").value_or("") == b.file_id);
    CHECK(StringMember(a, "file_name").value_or("") == b.file_name);
    CHECK(StringMember(a, "type").value_or("") == b.content_type);
    CHECK(IntMember(a, "size").value_or(-1) == static_cast<std::int64_t>(b.bytes.size()));
    CHECK(StringMember(a, "url").value_or("") ==
          "http://127.0.0.1:1234/assets/11111111-2222-3333-4444-555555555555/" + b.file_id + "/" + b.file_name);
    CHECK(a["descriptions"].Size() == 3);
    types.insert(b.content_type);
  }
  CHECK(types == std::set<std::string>{"image/png", "image/jpeg", "image/svg+xml", "application/pdf"});
  CHECK(Parse(assets[0]->json)["elements"][0]["value"].Size() == 2);
  CHECK_FALSE(Parse(assets[2]->json).HasMember("folder"));  // the logo sits at the top level
  CHECK(Parse(assets[2]->json)["image_width"].IsNull());    // SVG: the service reports no dimensions
  CHECK(IntMember(Parse(assets[1]->json), "image_height").value_or(-1) == 48);
}

}  // namespace
}  // namespace kbulk::emulator::testing
