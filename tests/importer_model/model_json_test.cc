// The model importer's JSON helpers: ids learned per kind (the nil id names the default language,
// collection and workflow at once), references rewritten by codename or to the target's ids with the
// kind their member implies, and comparison that ignores member order and null-vs-missing.
#include <catch2/catch.hpp>

#include "importer/model_json.h"

using namespace kbulk;
using namespace kbulk::importer;

namespace {

JsonDocument Parse(const std::string& text) {
  auto doc = ParseJson(text);
  REQUIRE(doc.ok());
  return std::move(*doc);
}

const std::string kNil = "00000000-0000-0000-0000-000000000000";

ModelNames SourceNames() {
  ModelNames names;
  names.Learn(EntityKind::kLanguage, Parse(R"({"id":")" + kNil + R"(","codename":"en-US"})"));
  names.Learn(EntityKind::kCollection, Parse(R"({"id":")" + kNil + R"(","codename":"default"})"));
  names.Learn(EntityKind::kWorkflow, Parse(R"({"id":")" + kNil +
                                           R"(","codename":"wf","steps":[{"id":"s1","codename":"draft"}],)"
                                           R"("published_step":{"id":"p","codename":"published"}})"));
  names.Learn(EntityKind::kContentType,
              Parse(R"({"id":"t1","codename":"article","content_groups":[{"id":"g1","codename":"main"}],)"
                    R"("elements":[{"id":"e1","codename":"title"},{"id":"e2","codename":"kind","options":[)"
                    R"({"id":"o1","codename":"long"}]}]})"));
  names.Learn(EntityKind::kTaxonomyGroup,
              Parse(R"({"id":"x1","codename":"topics","terms":[{"id":"x2","codename":"coffee","terms":[)"
                    R"({"id":"x3","codename":"espresso","terms":[]}]}]})"));
  return names;
}

}  // namespace

TEST_CASE("model ids are learned per kind with their parts, and looked up with the kind a member implies") {
  ModelNames names = SourceNames();
  CHECK(*names.Codename(kNil, EntityKind::kLanguage) == "en-US");
  CHECK(*names.Codename(kNil, EntityKind::kCollection) == "default");
  CHECK(*names.Codename(kNil, EntityKind::kWorkflow) == "wf");
  for (auto [id, codename] : {std::pair{"g1", "main"}, std::pair{"e1", "title"}, std::pair{"o1", "long"},
                              std::pair{"x3", "espresso"}, std::pair{"s1", "draft"}, std::pair{"p", "published"}})
    CHECK(*names.Codename(id) == codename);
  CHECK(names.Codename("nope") == nullptr);

  JsonDocument doc = Parse(R"({"fallback_language":{"id":")" + kNil + R"("},"scopes":[{"collections":[{"id":")" + kNil +
                           R"("}],"content_types":[{"id":"t1"}]}],"value":[{"id":"x3"},{"id":"item-1"}],)"
                           R"("name":"kept","id":"dropped"})");
  std::vector<std::string> unknown;
  JsonValue copy = WritableCopy(doc, names, doc.GetAllocator(), [&](JsonValue& ref, JsonAllocator& a) {
    unknown.push_back(ReferenceValue(&ref));
    ref.SetObject();
    ref.AddMember("external_id", "ext-1", a);
  });
  CHECK(ToJsonString(copy) ==
        R"({"fallback_language":{"codename":"en-US"},"scopes":[{"collections":[{"codename":"default"}],)"
        R"("content_types":[{"codename":"article"}]}],"value":[{"codename":"espresso"},{"external_id":"ext-1"}],)"
        R"("name":"kept"})");
  CHECK(unknown == std::vector<std::string>{"item-1"});
}

TEST_CASE("references become the target's ids of the objects with the same kind and codename") {
  ModelNames source = SourceNames();
  ModelNames target;
  target.Learn(EntityKind::kContentType, Parse(R"({"id":"T1","codename":"article"})"));
  target.Learn(EntityKind::kLanguage, Parse(R"({"id":"L0","codename":"en-US"})"));
  target.Learn(EntityKind::kCollection, Parse(R"({"collections":[{"id":"C0","codename":"default"}]})"));
  JsonDocument doc = Parse(R"({"filters":{"content_types":[{"id":"t1"}],"languages":[{"id":")" + kNil +
                           R"("}],"collections":[{"id":")" + kNil + R"("}],"taxonomies":[{"id":"x1"}]}})");
  ReferencesToTargetIds(doc, source, target, doc.GetAllocator());
  CHECK(ToJsonString(doc) == R"({"filters":{"content_types":[{"id":"T1"}],"languages":[{"id":"L0"}],)"
                             R"("collections":[{"id":"C0"}],"taxonomies":[{"id":"x1"}]}})");
}

TEST_CASE("model objects compare without member order, and a null equals a missing member") {
  CHECK(JsonEquals(Parse(R"({"a":1,"b":[1,{"c":null}]})"), Parse(R"({"b":[1,{}],"a":1.0})")));
  CHECK_FALSE(JsonEquals(Parse(R"({"a":1})"), Parse(R"({"a":2})")));
  CHECK_FALSE(JsonEquals(Parse(R"({"a":[1,2]})"), Parse(R"({"a":[2,1]})")));
  CHECK_FALSE(JsonEquals(Parse(R"({"a":1})"), Parse(R"({})")));
  JsonDocument nested = Parse(R"({"id":"x","ref":{"id":"keep"},"list":[{"id":"y","name":"n"}],"last_modified":"t"})");
  DropMembers(nested, {"id", "last_modified"});
  CHECK(JsonEquals(nested, Parse(R"({"ref":{"id":"keep"},"list":[{"name":"n"}]})")));
  CHECK(nested.MemberCount() == 2);
}
