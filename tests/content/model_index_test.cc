// ModelIndex on real model records: the data-ops backup fixture (tests/fixtures/data-ops/backup.zip).
#include <catch2/catch.hpp>

#include "content/model_index.h"
#include "content_test_support.h"

using namespace kbulk;
using namespace kbulk::content;
using namespace kbulk::content::testing;

TEST_CASE("ModelIndex names every model object of a real backup by codename", "[content]") {
  auto files = ReadZip(std::string(KBULK_FIXTURES_DIR) + "/data-ops/backup.zip");
  ModelIndex model = DataOpsModel(files);

  // Content type elements, a snippet placement and snippet elements (codenames carry the snippet prefix).
  const auto* rich = model.Element("4d2c3b94-1361-433a-aa41-c862b0a75e8b");
  REQUIRE(rich != nullptr);
  CHECK(rich->codename == "untitled_rich_text");
  CHECK(rich->type == "rich_text");
  CHECK(rich->owner == "type_with_all_elements_no_snippet__for_variants_");
  const auto* snippet_text = model.Element("c8c338e1-4c02-4b14-9792-d76b8f15adc3");
  REQUIRE(snippet_text != nullptr);
  CHECK(snippet_text->codename == "small_snippet__just_text");
  CHECK(snippet_text->type == "text");
  CHECK(snippet_text->owner == "small_snippet");
  CHECK(model.SnippetCodename("76d75988-2c9d-4692-8395-9033bb7531fc") != nullptr);
  CHECK(*model.SnippetCodename("76d75988-2c9d-4692-8395-9033bb7531fc") == "small_snippet");
  CHECK(model.TypeCodename("76d75988-2c9d-4692-8395-9033bb7531fc") == nullptr);  // a snippet is not a type

  // Taxonomy terms, nested ones too; multiple-choice options.
  REQUIRE(model.TermCodename("2666e00b-4759-4a3d-a11c-316d808dd399") != nullptr);
  CHECK(*model.TermCodename("2666e00b-4759-4a3d-a11c-316d808dd399") == "g1_term2");  // child of g1_term1
  CHECK(*model.TermCodename("9675af6d-2887-4414-8165-64bd91c9d64e") == "g2_term1");
  REQUIRE(model.OptionCodename("32fa0e44-7df8-430a-a225-eaee75acaf44") != nullptr);

  // Languages (the default one's all-zero id), workflows and their steps, the special ones included.
  REQUIRE(model.LanguageCodename("00000000-0000-0000-0000-000000000000") != nullptr);
  CHECK(*model.LanguageCodename("00000000-0000-0000-0000-000000000000") == "custom_default");
  REQUIRE(model.WorkflowCodename("00000000-0000-0000-0000-000000000000") != nullptr);
  CHECK(*model.WorkflowCodename("00000000-0000-0000-0000-000000000000") == "custom_default");
  const auto* side = model.Step("32ab2ca8-9b9d-4a69-a456-3bcb3acf972a");
  REQUIRE(side != nullptr);
  CHECK(side->codename == "side_step");
  CHECK(side->workflow == "custom_default");
  CHECK(side->kind == ModelIndex::StepKind::kCustom);
  const auto* published = model.Step("c199950d-99f0-4983-b711-6c4c91624b22");
  REQUIRE(published != nullptr);
  CHECK(published->kind == ModelIndex::StepKind::kPublished);
  CHECK(model.Step("9d2b0228-4d0d-4c23-8b49-01a698857709")->kind == ModelIndex::StepKind::kScheduled);
  CHECK(model.Step("7a535a69-ad34-47f8-806a-def1fdf4d391")->kind == ModelIndex::StepKind::kArchived);

  // Collections; unknown ids are absent.
  auto collections = JsonObjects(files, "collections.json");
  REQUIRE(!collections.empty());
  auto first = ParseJson(collections.front());
  REQUIRE(first.ok());
  REQUIRE(model.CollectionCodename(*StringMember(*first, "id")) != nullptr);
  CHECK(*model.CollectionCodename(*StringMember(*first, "id")) == *StringMember(*first, "codename"));
  CHECK(model.Element("not-an-id") == nullptr);
  CHECK(model.Step("not-an-id") == nullptr);
}

TEST_CASE("ModelIndex rejects a model record that is not a JSON object, naming its kind", "[content]") {
  ModelIndex model;
  Status status = model.Add(EntityKind::kContentType, "[1,2]");
  CHECK(status.code() == StatusCode::kCorrupt);
  CHECK(status.message().find("content_types") != std::string::npos);
  CHECK(model.Add(EntityKind::kTaxonomyGroup, "{\"terms\":").code() == StatusCode::kCorrupt);
  CHECK(model.Add(EntityKind::kAsset, "not json at all").ok());  // not a model kind: ignored
}
