// Every seeded object obeys the rules it would meet if it were made through the Management API
// (seed_rules.h), so restoring a seed through the API under the emulator's strict rules can succeed; and the
// check catches each kind of break.
#include <catch2/catch.hpp>

#include <functional>

#include "core/json.h"
#include "emulator/element_check.h"
#include "emulator/environment.h"
#include "emulator/publish_check.h"
#include "emulator/seeds/sample_ids.h"
#include "emulator/store_seed_sink.h"
#include "seed_rules.h"

namespace kbulk::emulator::testing {
namespace {

RecordingSink Seeded(const std::string& spec) {
  RecordingSink sink;
  SeedOptions options;
  options.spec = spec;
  options.base_url = "http://127.0.0.1:9";
  options.environment_id = "env";
  Status s = RunSeed(options, sink);
  INFO(spec << ": " << s.ToString());
  REQUIRE(s.ok());
  return sink;
}

void RequireObeys(const RecordingSink& sink) {
  auto problems = SeedRuleProblems(sink);
  for (const std::string& p : problems) UNSCOPED_INFO(p);
  CHECK(problems.empty());
}

// In the first variant whose latest version contains `needle`, every `from` becomes `to`.
void EditVariant(RecordingSink& sink, std::string_view needle, std::string_view from, std::string_view to) {
  for (Put& p : sink.puts) {
    if (p.what != Put::What::kVariant || p.json.find(needle) == std::string::npos) continue;
    std::size_t at = p.json.find(from);
    REQUIRE(at != std::string::npos);
    for (; at != std::string::npos; at = p.json.find(from, at + to.size())) p.json.replace(at, from.size(), to);
    return;
  }
  FAIL("no variant contains " << needle);
}

TEST_CASE("rules: the sample obeys the API's rules") {
  RequireObeys(Seeded("sample"));
}

TEST_CASE("rules: synthetic seeds obey the API's rules") {
  RequireObeys(Seeded("synthetic:items=48,languages=2,assets=3,asset_kb=1,seed=4"));
  RequireObeys(Seeded("synthetic:items=1,languages=1,assets=0"));
}

// Every version of every variant `spec` seeds, run through the emulator's own upsert check of element values
// against the item's content type (what `PUT .../variants/{language}` enforces): the problems found.
// `tamper`, when given, edits the seeded environment first.
std::vector<std::string> UpsertCheckProblems(const std::string& spec,
                                             const std::function<void(Environment&)>& tamper = nullptr) {
  Store store;
  Environment& env = store.Create("Production", true);
  EnvironmentSeedSink sink(env);
  SeedOptions options;
  options.spec = spec;
  options.base_url = "http://127.0.0.1:9";
  options.environment_id = env.id;
  Status seeded = RunSeed(options, sink);
  INFO(seeded.ToString());
  REQUIRE(seeded.ok());
  if (tamper) tamper(env);
  std::vector<std::string> problems;
  std::size_t checked = 0;
  for (const StoredVariant* v : env.variants.Page(VariantTable::Index::kAll, "", 0, 1u << 30).variants) {
    const StoredObject* type = env.types.FindById(v->type_id);
    REQUIRE(type != nullptr);
    std::vector<std::string> versions{v->latest};
    if (v->published) versions.push_back(*v->published);
    for (const std::string& version : versions) {
      JsonDocument doc = ParseJson(version).value();
      JsonDocument elements;
      elements.CopyFrom(doc["elements"], elements.GetAllocator());
      for (const ValidationError& e : CheckElements(env, type->Doc(), elements, elements.GetAllocator()).errors)
        problems.push_back("variant " + v->item_id + "/" + v->language_id + ": " + e.message);
      ++checked;
    }
  }
  CHECK(checked >= env.variants.size());
  return problems;
}

TEST_CASE("rules: every seeded variant passes the emulator's own upsert check of its elements") {
  for (const std::string spec : {"sample", "synthetic:items=32,languages=2,assets=3,asset_kb=1,seed=6"}) {
    auto problems = UpsertCheckProblems(spec);
    INFO(spec);
    for (const std::string& p : problems) UNSCOPED_INFO(p);
    CHECK(problems.empty());
  }
}

// The versions `spec` seeds as published (or as having been: Scheduled, Archived, a separate published
// version), run through the emulator's own publish check (errors 4040027/4040028): the refusals.
std::vector<std::string> PublishCheckProblems(const std::string& spec, std::size_t& checked,
                                              const std::function<void(Environment&)>& tamper = nullptr) {
  Store store;
  Environment& env = store.Create("Production", true);
  EnvironmentSeedSink sink(env);
  SeedOptions options;
  options.spec = spec;
  options.base_url = "http://127.0.0.1:9";
  options.environment_id = env.id;
  REQUIRE(RunSeed(options, sink).ok());
  if (tamper) tamper(env);
  std::vector<std::string> problems;
  for (const StoredVariant* v : env.variants.Page(VariantTable::Index::kAll, "", 0, 1u << 30).variants) {
    std::vector<StoredVariant> versions;
    JsonDocument latest = ParseJson(v->latest).value();
    const std::string step(StringMember(latest["workflow_step"], "id").value_or(""));
    if (step == sample::kPublishedStep || step == sample::kScheduledStep || step == sample::kArchivedStep)
      versions.push_back(*v);
    if (v->published) {
      versions.push_back(*v);
      versions.back().latest = *v->published;
    }
    for (const StoredVariant& version : versions) {
      ++checked;
      if (auto refused = CheckPublishable(env, version))
        problems.push_back("variant " + v->item_id + "/" + v->language_id + ": " + refused->body);
    }
  }
  return problems;
}

TEST_CASE("rules: every seeded published version passes the emulator's own publish check") {
  for (const std::string spec : {"sample", "synthetic:items=32,languages=2,assets=3,asset_kb=1,seed=6"}) {
    std::size_t checked = 0;
    auto problems = PublishCheckProblems(spec, checked);
    INFO(spec);
    for (const std::string& p : problems) UNSCOPED_INFO(p);
    CHECK(problems.empty());
    CHECK(checked >= 10);  // the sample has 10 such versions; 32 synthetic items in 2 languages have 32
  }
}

TEST_CASE("rules: the publish check would catch a published version without its required name") {
  std::size_t checked = 0;
  auto problems = PublishCheckProblems("sample", checked, [](Environment& env) {
    StoredVariant* v = env.variants.FindMutable(sample::Id("item/jane_doe"), sample::Id("language/en-US"));
    REQUIRE(v != nullptr);
    // The author's name is required: empty it in a published version.
    std::size_t value = v->latest.find("\"value\":\"Jane Doe\"");
    REQUIRE(value != std::string::npos);
    v->latest.replace(value, 18, "\"value\":\"\"");
  });
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find(sample::Id("item/jane_doe")) != std::string::npos);
  CHECK(problems[0].find("4040027") != std::string::npos);
}

TEST_CASE("rules: the emulator's upsert check would catch a broken seeded value") {
  const std::string guide = sample::Id("option/article/format/guide");
  auto problems = UpsertCheckProblems("sample", [&](Environment& env) {
    StoredVariant* v = env.variants.FindMutable(sample::Id("item/on_roasts"), sample::Id("language/de-DE"));
    REQUIRE(v != nullptr);
    std::size_t at = v->latest.find(guide);
    REQUIRE(at != std::string::npos);
    v->latest.replace(at, guide.size(), "00000000-0000-0000-0000-0000000000aa");  // an option nobody defined
  });
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find(sample::Id("item/on_roasts")) != std::string::npos);
}

TEST_CASE("rules: the check catches a break of each kind") {
  const std::string published_step(sample::kPublishedStep), scheduled_step(sample::kScheduledStep);
  struct Case {
    const char* what;
    std::string needle, from, to, mentions;
  };
  const std::string legal = sample::Id("step/editorial/legal_check");
  const std::string draft = sample::Id("step/default/draft");
  for (const Case& c : {
           Case{"a step of another workflow", "\"step_identifier\":{\"id\":\"" + legal, legal, draft, "not a step"},
           Case{"a schedule outside Scheduled", "\"publish_time\":\"2030", scheduled_step, draft, "publish time"},
           Case{"a date-time that is not one", "\"value\":\"2026-01-20T", "\"value\":\"2026-01-20T",
                "\"value\":\"20.1.", "date-time"},
           Case{"an unknown URL slug mode", "\"mode\":\"custom\"", "\"mode\":\"custom\"", "\"mode\":\"manual\"",
                "URL slug mode"},
           Case{"a time zone that is not an IANA name", "Europe/Prague", "Europe/Prague", "CET+1", "time zone"},
       }) {
    RecordingSink sink = Seeded("sample");
    EditVariant(sink, c.needle, c.from, c.to);
    auto problems = SeedRuleProblems(sink);
    INFO(c.what);
    REQUIRE_FALSE(problems.empty());
    bool named = false;
    for (const std::string& p : problems) named = named || p.find(c.mentions) != std::string::npos;
    for (const std::string& p : problems) UNSCOPED_INFO(p);
    CHECK(named);
  }
}

TEST_CASE("rules: Web Spotlight needs an existing root type") {
  RecordingSink sink = Seeded("sample");
  bool found = false;
  for (Put& p : sink.puts) {
    if (p.what != Put::What::kObject || p.kind != EntityKind::kWebSpotlight) continue;
    JsonDocument doc = ParseJson(p.json).value();
    CHECK(doc["enabled"].GetBool());
    CHECK(StringMember(doc["root_type"], "id").value_or("") == sample::Id("type/landing_page"));
    p.json = R"({"enabled":true,"root_type":{"id":"00000000-0000-0000-0000-00000000ffff"}})";
    found = true;
  }
  REQUIRE(found);
  auto problems = SeedRuleProblems(sink);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "Web Spotlight is on without an existing root type");
}

TEST_CASE("rules: published versions need their required elements") {
  RecordingSink sink = Seeded("sample");
  // jane_doe is published in every language; the author's name is not required, the article's title is:
  // empty the title of a published article.
  const std::string title = sample::Id("element/article/title");
  bool emptied = false;
  for (Put& p : sink.puts) {
    if (p.what != Put::What::kVariant || emptied) continue;
    JsonDocument doc = ParseJson(p.json).value();
    if (StringMember(doc["workflow_step"], "id").value_or("") != sample::kPublishedStep) continue;
    std::size_t at = p.json.find("{\"element\":{\"id\":\"" + title + "\"},\"value\":\"");
    if (at == std::string::npos) continue;
    std::size_t start = p.json.find("\"value\":\"", at) + 9, end = p.json.find('"', start);
    p.json.replace(start, end - start, "");
    emptied = true;
  }
  REQUIRE(emptied);
  auto problems = SeedRuleProblems(sink);
  bool named = false;
  for (const std::string& p : problems) named = named || p.find("required element title") != std::string::npos;
  CHECK(named);
}

TEST_CASE("rules: a variant outside its scoped workflow or an unreachable step is caught") {
  RecordingSink sink = Seeded("synthetic:items=16,languages=1,seed=2");
  // Item 5 (published) moves from the default workflow into the second workflow's id.
  JsonDocument wf;
  std::string second;
  for (const Put* p : sink.Objects(EntityKind::kWorkflow)) {
    JsonDocument doc = ParseJson(p->json).value();
    if (StringMember(doc, "codename").value_or("") == "synthetic_review") second = StringMember(doc, "id").value();
  }
  REQUIRE(!second.empty());
  EditVariant(sink, "Item 000006:", "\"workflow_identifier\":{\"id\":\"" + std::string(sample::kNil),
              "\"workflow_identifier\":{\"id\":\"" + second);
  auto problems = SeedRuleProblems(sink);
  bool named = false;
  for (const std::string& p : problems)
    named = named || p.find("not the one its type and collection") != std::string::npos;
  for (const std::string& p : problems) UNSCOPED_INFO(p);
  CHECK(named);
}

}  // namespace
}  // namespace kbulk::emulator::testing
