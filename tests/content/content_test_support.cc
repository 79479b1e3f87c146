// Fixture readers and the independent rewrite checker; see content_test_support.h.
#include "content_test_support.h"

#include <catch2/catch.hpp>
#include <tuple>

#include "richtext/reference_extractor.h"

namespace kbulk::content::testing {

ModelIndex DataOpsModel(const std::map<std::string, std::string>& files) {
  ModelIndex model;
  const std::pair<EntityKind, const char*> kinds[] = {{EntityKind::kLanguage, "languages.json"},
                                                      {EntityKind::kCollection, "collections.json"},
                                                      {EntityKind::kTaxonomyGroup, "taxonomies.json"},
                                                      {EntityKind::kSnippet, "contentTypeSnippets.json"},
                                                      {EntityKind::kContentType, "contentTypes.json"},
                                                      {EntityKind::kWorkflow, "workflows.json"},
                                                      {EntityKind::kRole, "roles.json"}};
  for (const auto& [kind, name] : kinds) {
    for (const std::string& record : JsonObjects(files, name)) REQUIRE(model.Add(kind, record).ok());
  }
  return model;
}

namespace {

std::string Named(const std::map<std::string, std::string>& known, const std::string& id) {
  auto it = known.find(id);
  return it != known.end() && !it->second.empty() ? it->second : SourceExternalId(id);
}

std::string Str(const JsonValue& v, const char* key) {
  return std::string(StringMember(v, key).value_or(""));
}

// {"<key>": "<value>"} and nothing else, followed by `extra` members.
void CheckSingleReference(const JsonValue& ref, const char* key, const std::string& value) {
  REQUIRE(ref.IsObject());
  CHECK(Str(ref, key) == value);
  CHECK(Member(ref, "id") == nullptr);
}

using RefTuple = std::tuple<std::string, std::string, std::string>;  // kind, by, value

std::vector<RefTuple> ExpectedRichText(std::string_view html, const TestNaming& naming, Coverage& coverage) {
  auto refs = richtext::ExtractReferences(html);
  REQUIRE(refs.ok());
  std::vector<RefTuple> out;
  for (const auto& r : *refs) {
    coverage.rich_text_kinds.insert(std::string(richtext::ReferenceKindName(r.kind)));
    std::string kind(richtext::ReferenceKindName(r.kind));
    if (r.by != richtext::ReferenceBy::kId || r.kind == richtext::ReferenceKind::kComponentObject) {
      out.emplace_back(kind, std::string(richtext::ReferenceByName(r.by)), r.value);
      continue;
    }
    if (r.kind == richtext::ReferenceKind::kAssetImage) continue;  // <img> names assets by id only: dropped
    bool asset = r.kind == richtext::ReferenceKind::kAssetFigure || r.kind == richtext::ReferenceKind::kAssetLink;
    out.emplace_back(kind, "external_id", asset ? naming.Asset(r.value) : naming.Item(r.value));
  }
  return out;
}

std::vector<RefTuple> Actual(std::string_view html) {
  auto refs = richtext::ExtractReferences(html);
  REQUIRE(refs.ok());
  std::vector<RefTuple> out;
  for (const auto& r : *refs) {
    out.emplace_back(std::string(richtext::ReferenceKindName(r.kind)), std::string(richtext::ReferenceByName(r.by)),
                     r.value);
  }
  return out;
}

}  // namespace

ImportNaming TestNaming::naming() const {
  ImportNaming n;
  n.item_external_id = [this](std::string_view id, bool& in_archive) {
    in_archive = items.count(std::string(id)) > 0;
    return Item(std::string(id));
  };
  n.asset_external_id = [this](std::string_view id, bool& in_archive) {
    in_archive = assets.count(std::string(id)) > 0;
    return Asset(std::string(id));
  };
  return n;
}
std::string TestNaming::Item(const std::string& id) const {
  return Named(items, id);
}
std::string TestNaming::Asset(const std::string& id) const {
  return Named(assets, id);
}

void CheckRewritten(const JsonValue& in, const JsonValue& out, const ModelIndex& model, const TestNaming& naming,
                    Coverage& coverage, int depth) {
  REQUIRE(in.IsArray());
  REQUIRE(out.IsArray());
  REQUIRE(in.Size() == out.Size());
  coverage.max_component_depth = std::max(coverage.max_component_depth, depth);
  for (rapidjson::SizeType i = 0; i < in.Size(); ++i) {
    const JsonValue& a = in[i];
    const JsonValue& b = out[i];
    const auto* info = model.Element(Str(*Member(a, "element"), "id"));
    REQUIRE(info != nullptr);
    INFO("element " << info->codename << " (" << info->type << ")");
    coverage.element_types.insert(info->type);
    const JsonValue* element = Member(b, "element");
    REQUIRE(element != nullptr);
    CHECK(ToJsonString(*element) == "{\"codename\":\"" + info->codename + "\"}");
    // Members beside element, value and components (display_timezone, mode, searchable_value) are kept.
    CHECK(a.MemberCount() == b.MemberCount());
    for (const auto& m : a.GetObject()) {
      std::string key(m.name.GetString());
      if (key == "element" || key == "value" || key == "components") continue;
      REQUIRE(Member(b, key) != nullptr);
      CHECK(ToJsonString(m.value) == ToJsonString(*Member(b, key)));
    }
    const JsonValue& va = *Member(a, "value");
    const JsonValue& vb = *Member(b, "value");
    const std::string& type = info->type;
    if (type == "modular_content" || type == "subpages" || type == "asset" || type == "taxonomy" ||
        type == "multiple_choice") {
      REQUIRE(va.Size() == vb.Size());
      for (rapidjson::SizeType j = 0; j < va.Size(); ++j) {
        std::string id = Str(va[j], "id");
        if (id.empty()) {  // already by external id or codename: kept
          CHECK(ToJsonString(va[j]) == ToJsonString(vb[j]));
          continue;
        }
        if (type == "taxonomy") {
          REQUIRE(model.TermCodename(id) != nullptr);
          CheckSingleReference(vb[j], "codename", *model.TermCodename(id));
        } else if (type == "multiple_choice") {
          REQUIRE(model.OptionCodename(id) != nullptr);
          CheckSingleReference(vb[j], "codename", *model.OptionCodename(id));
        } else if (type == "asset") {
          CheckSingleReference(vb[j], "external_id", naming.Asset(id));
          const JsonValue* ra = Member(va[j], "renditions");
          const JsonValue* rb = Member(vb[j], "renditions");
          REQUIRE((ra == nullptr) == (rb == nullptr));
          if (ra == nullptr) continue;
          REQUIRE(ra->Size() == rb->Size());
          for (rapidjson::SizeType k = 0; k < ra->Size(); ++k) {
            ++coverage.renditions;
            CheckSingleReference((*rb)[k], "external_id", SourceExternalId(Str((*ra)[k], "id")));
          }
        } else {
          CheckSingleReference(vb[j], "external_id", naming.Item(id));
        }
      }
    } else if (type == "rich_text") {
      std::string_view ha(va.GetString(), va.GetStringLength());
      std::string_view hb(vb.GetString(), vb.GetStringLength());
      CHECK(Actual(hb) == ExpectedRichText(ha, naming, coverage));
      const JsonValue* ca = Member(a, "components");
      const JsonValue* cb = Member(b, "components");
      REQUIRE((ca == nullptr) == (cb == nullptr));
      if (ca == nullptr) continue;
      REQUIRE(ca->Size() == cb->Size());
      for (rapidjson::SizeType k = 0; k < ca->Size(); ++k) {
        const JsonValue& x = (*ca)[k];
        const JsonValue& y = (*cb)[k];
        CHECK(Str(x, "id") == Str(y, "id"));
        const std::string* type_codename = model.TypeCodename(Str(*Member(x, "type"), "id"));
        REQUIRE(type_codename != nullptr);
        CHECK(ToJsonString(*Member(y, "type")) == "{\"codename\":\"" + *type_codename + "\"}");
        CheckRewritten(*Member(x, "elements"), *Member(y, "elements"), model, naming, coverage, depth + 1);
      }
    } else {
      CHECK(ToJsonString(va) == ToJsonString(vb));
    }
  }
}

}  // namespace kbulk::content::testing
