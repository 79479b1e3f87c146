// Hostile and damaged input never crashes the content model: deep nesting is refused before a recursive
// parser sees it, and randomly damaged real variants give a value or a kCorrupt error, nothing else.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <random>

#include "content/element_references.h"
#include "content/import_rewrite.h"
#include "content/reference_closure.h"
#include "content_test_support.h"

using namespace kbulk;
using namespace kbulk::content;
using namespace kbulk::content::testing;

TEST_CASE("JSON nested a hundred thousand levels deep is refused as corrupt, not parsed", "[content]") {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  ModelIndex model;
  CHECK(model.Add(EntityKind::kContentType, deep).code() == StatusCode::kCorrupt);
  ReferenceClosure closure;
  Status status = closure.OnRecord(EntityKind::kVariant, deep);
  CHECK(status.code() == StatusCode::kCorrupt);
  CHECK_THAT(status.message(), Catch::Contains("nests deeper than"));
  TestNaming naming;
  auto rewritten = RewriteElementsForImport(deep, model, naming.naming());
  REQUIRE_FALSE(rewritten.ok());
  CHECK(rewritten.status().code() == StatusCode::kCorrupt);
  // Brackets inside strings do not count.
  std::string in_strings = "[\"" + std::string(1000, '[') + "\\\"{{{\"]";
  CHECK(closure.OnRecord(EntityKind::kItem, "{\"codename\":\"" + std::string(1000, '{') + "\"}").ok());
  auto strings = RewriteElementsForImport(in_strings, model, naming.naming());
  CHECK(strings.status().code() == StatusCode::kCorrupt);  // a string is not an element, but it parses
  CHECK_THAT(strings.status().message(), !Catch::Contains("nests deeper"));
}

TEST_CASE("randomly damaged real variants are rewritten, walked and checked without a crash", "[content]") {
  auto files = ReadZip(std::string(KBULK_FIXTURES_DIR) + "/data-ops/backup.zip");
  ModelIndex model = DataOpsModel(files);
  ReferenceClosure closure;
  for (const char* name : {"languages.json", "taxonomies.json", "contentTypeSnippets.json", "contentTypes.json"}) {
    EntityKind kind = std::string(name) == "languages.json"      ? EntityKind::kLanguage
                      : std::string(name) == "taxonomies.json"   ? EntityKind::kTaxonomyGroup
                      : std::string(name) == "contentTypes.json" ? EntityKind::kContentType
                                                                 : EntityKind::kSnippet;
    for (const std::string& record : JsonObjects(files, name)) REQUIRE(closure.OnRecord(kind, record).ok());
  }
  TestNaming naming;
  std::vector<std::string> elements;
  for (const std::string& o : JsonObjects(files, "languageVariants.json")) {
    auto variant = ParseJson(o);
    elements.push_back(ToJsonString(*Member(*variant, "elements")));
  }
  // KBULK_TEST_SEED=<seed> replays a run.
  const char* forced = std::getenv("KBULK_TEST_SEED");
  const std::uint32_t seed =
      forced != nullptr ? static_cast<std::uint32_t>(std::stoul(forced)) : std::random_device{}();
  std::cout << "content hostile_input_test seed " << seed << " (KBULK_TEST_SEED replays it)\n";
  INFO("seed " << seed);
  std::mt19937 random(seed);
  const std::string alphabet = "{}[]\",:\\0a<>/= \"id\"";
  std::size_t ok = 0, corrupt = 0;
  for (int round = 0; round < 400; ++round) {
    std::string damaged = elements[random() % elements.size()];
    int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits && !damaged.empty(); ++e) {
      std::size_t at = random() % damaged.size();
      switch (random() % 3) {
        case 0: damaged[at] = alphabet[random() % alphabet.size()]; break;
        case 1: damaged.erase(at, 1 + random() % 8); break;
        default: damaged.insert(at, 1, alphabet[random() % alphabet.size()]); break;
      }
    }
    auto rewritten = RewriteElementsForImport(damaged, model, naming.naming());
    if (rewritten.ok()) {
      ++ok;
      CHECK(ParseJson(rewritten->elements_json).ok());
    } else {
      ++corrupt;
      CHECK(rewritten.status().code() == StatusCode::kCorrupt);
    }
    Status checked = closure.OnRecord(EntityKind::kVariant, "{\"variant\":{\"elements\":" + damaged + "}}");
    CHECK((checked.ok() || checked.code() == StatusCode::kCorrupt));
    if (auto parsed = ParseJson(damaged); parsed.ok()) {
      ElementReferences found;
      CollectElementReferences(*parsed, ResolveWith(model), found);
    }
  }
  CHECK(ok > 0);  // some damage leaves valid JSON with the same meaning (e.g. inside a text value)
  CHECK(corrupt > 0);
}
