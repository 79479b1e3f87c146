// Seeds arrive as API JSON; this indexes them by id, codename and external id.
#include "emulator/store_seed_sink.h"

#include <memory>

#include "core/json.h"

namespace kbulk::emulator {
namespace {

bool HasTerm(const JsonValue& terms, std::string_view id) {
  if (!terms.IsArray()) return false;
  for (const JsonValue& t : terms.GetArray()) {
    if (StringMember(t, "id").value_or("") == id) return true;
    if (const JsonValue* sub = Member(t, "terms"); sub && HasTerm(*sub, id)) return true;
  }
  return false;
}

// The taxonomy group holding term `term_id`, or "" when no group of the environment has it.
std::string GroupOfTerm(const Environment& env, std::string_view term_id) {
  for (const StoredObject* group : env.taxonomies.All()) {
    if (const JsonValue* terms = Member(group->Doc(), "terms"); terms && HasTerm(*terms, term_id)) return group->id;
  }
  return "";
}

// The asset type is made in the UI only, so a seed defines it by using it: every element a seeded asset
// sets becomes an element of the project's asset type (a taxonomy element of the group its terms are in).
void LearnAssetType(Environment& env, const JsonDocument& asset) {
  const JsonValue* elements = Member(asset, "elements");
  if (elements == nullptr || !elements->IsArray() || elements->Empty()) return;
  JsonDocument type = ParseJson(env.project->asset_type_elements_json).value();
  auto& a = type.GetAllocator();
  bool changed = false;
  for (const JsonValue& e : elements->GetArray()) {
    const JsonValue* ref = Member(e, "element");
    std::string id(ref ? StringMember(*ref, "id").value_or("") : "");
    if (id.empty()) continue;
    bool known = false;
    for (const JsonValue& d : type.GetArray()) known = known || StringMember(d, "id").value_or("") == id;
    if (known) continue;
    std::string group;
    if (const JsonValue* value = Member(e, "value"); value && value->IsArray() && !value->Empty())
      group = GroupOfTerm(env, StringMember((*value)[0], "id").value_or(""));
    JsonValue def(rapidjson::kObjectType), group_ref(rapidjson::kObjectType);
    def.AddMember("id", MakeString(id, a), a);
    def.AddMember("type", "taxonomy", a);
    group_ref.AddMember("id", MakeString(group, a), a);
    // Other environments have their own copy of the group (same codename, maybe another id).
    if (const StoredObject* g = env.taxonomies.FindById(group); g != nullptr && !g->codename.empty())
      group_ref.AddMember("codename", MakeString(g->codename, a), a);
    def.AddMember("taxonomy_group", std::move(group_ref), a);
    type.PushBack(std::move(def), a);
    changed = true;
  }
  if (changed) env.project->asset_type_elements_json = ToJsonString(type);
}

}  // namespace

ObjectTable* TableFor(Environment& env, EntityKind kind) {
  switch (kind) {
    case EntityKind::kLanguage: return &env.languages;
    case EntityKind::kCollection: return &env.collections;
    case EntityKind::kSpace: return &env.spaces;
    case EntityKind::kTaxonomyGroup: return &env.taxonomies;
    case EntityKind::kSnippet: return &env.snippets;
    case EntityKind::kContentType: return &env.types;
    case EntityKind::kWorkflow: return &env.workflows;
    case EntityKind::kRole: return &env.roles();
    case EntityKind::kWebhook: return &env.webhooks;
    case EntityKind::kAsset: return &env.assets;
    case EntityKind::kRendition: return &env.renditions;
    case EntityKind::kItem: return &env.items;
    default: return nullptr;
  }
}

Status EnvironmentSeedSink::Put(EntityKind kind, std::string_view json) {
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
  if (!doc.IsObject())
    return InvalidArgument(std::string("seed: a ") + std::string(EntityKindName(kind)) +
                           " object must be a JSON object");
  if (kind == EntityKind::kAssetFolder) {
    env_.folders_json = std::string(json);
    return Status::Ok();
  }
  if (kind == EntityKind::kPreviewConfiguration) {
    env_.preview_configuration_json = std::string(json);
    return Status::Ok();
  }
  if (kind == EntityKind::kWebSpotlight) {  // the GET /web-spotlight/status body
    const JsonValue* root_type = BoolMember(doc, "enabled").value_or(false) ? Member(doc, "root_type") : nullptr;
    std::string root(root_type && root_type->IsObject() ? StringMember(*root_type, "id").value_or("") : "");
    if (BoolMember(doc, "enabled").value_or(false) && env_.types.FindById(root) == nullptr)
      return InvalidArgument("seed: Web Spotlight's root type '" + root + "' was not put before it");
    env_.SetWebSpotlight(std::move(root));
    return Status::Ok();
  }
  if (kind == EntityKind::kEnvironment) {
    if (auto name = StringMember(doc, "environment")) env_.name = std::string(*name);
    return Status::Ok();
  }
  ObjectTable* table = TableFor(env_, kind);
  if (table == nullptr)
    return InvalidArgument("seed: objects of kind " + std::string(EntityKindName(kind)) +
                           " are not stored by the emulator");
  StoredObject object;
  auto id = StringMember(doc, kind == EntityKind::kRendition ? "rendition_id" : "id");  // renditions: rendition_id
  if (!id) return InvalidArgument("seed: a " + std::string(EntityKindName(kind)) + " object has no id");
  object.id = std::string(*id);
  if (auto codename = StringMember(doc, "codename")) object.codename = std::string(*codename);
  if (auto external_id = StringMember(doc, "external_id")) object.external_id = std::string(*external_id);
  object.json = ToJsonString(doc);  // canonical (compact) text: routes search stored JSON for members
  if (kind == EntityKind::kLanguage && BoolMember(doc, "is_default").value_or(false) && object.id != kNilId) {
    // A seed that brings its own default language replaces the one a new environment starts with.
    env_.languages.Erase(kNilId);
  }
  table->Put(std::move(object));
  if (kind == EntityKind::kAsset) LearnAssetType(env_, doc);
  return Status::Ok();
}

Status EnvironmentSeedSink::PutVariant(std::string_view latest_json, std::optional<std::string_view> published_json) {
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(latest_json));
  const JsonValue* item = doc.IsObject() ? Member(doc, "item") : nullptr;
  const JsonValue* language = doc.IsObject() ? Member(doc, "language") : nullptr;
  auto item_id = item ? StringMember(*item, "id") : std::nullopt;
  auto language_id = language ? StringMember(*language, "id") : std::nullopt;
  if (!item_id || !language_id) return InvalidArgument("seed: a variant needs item.id and language.id");
  const StoredObject* stored_item = env_.items.FindById(*item_id);
  if (stored_item == nullptr)
    return InvalidArgument("seed: variant of item " + std::string(*item_id) + " arrived before its item");
  KBULK_ASSIGN_OR_RETURN(JsonDocument item_doc, ParseJson(stored_item->json));
  StoredVariant variant;
  variant.item_id = std::string(*item_id);
  variant.language_id = std::string(*language_id);
  if (const JsonValue* type = Member(item_doc, "type"))
    variant.type_id = std::string(StringMember(*type, "id").value_or(""));
  if (const JsonValue* collection = Member(item_doc, "collection"))
    variant.collection_id = std::string(StringMember(*collection, "id").value_or(""));
  variant.latest = ToJsonString(doc);
  if (published_json) {
    KBULK_ASSIGN_OR_RETURN(JsonDocument published, ParseJson(*published_json));
    variant.published = ToJsonString(published);
  }
  env_.variants.Put(std::move(variant));
  return Status::Ok();
}

Status EnvironmentSeedSink::PutBinary(std::string_view file_id, std::string_view file_name,
                                      std::string_view content_type, std::string bytes) {
  env_.binaries[std::string(file_id)] = {std::string(file_name), std::string(content_type),
                                         std::make_shared<const std::string>(std::move(bytes))};
  return Status::Ok();
}

}  // namespace kbulk::emulator
