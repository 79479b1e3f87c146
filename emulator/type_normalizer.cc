// Types and snippets share their element model; snippet element codenames carry the snippet prefix.
#include "emulator/type_normalizer.h"

#include <set>

#include "core/codename.h"
#include "emulator/route_support.h"

namespace kbulk::emulator {
namespace {

// Gives every entry of `array` an id and a codename unique within the array.
void NameEntries(Environment& env, JsonValue& array, JsonAllocator& a, std::string_view prefix, CodenameKind kind,
                 std::vector<ValidationError>& errors, std::string_view label) {
  std::set<std::string> taken;
  for (JsonValue& e : array.GetArray())
    if (auto c = StringMember(e, "codename")) taken.insert(std::string(*c));
  std::set<std::string> seen;
  for (JsonValue& e : array.GetArray()) {
    if (!e.IsObject()) {
      errors.push_back({std::string(label) + " entries must be objects.", std::string(label)});
      continue;
    }
    if (!StringMember(e, "id")) SetStringMember(e, "id", env.NewId(), a);
    if (auto c = StringMember(e, "codename")) {
      Status valid = prefix.empty() || kind != CodenameKind::kStandard
                         ? ValidateCodename(*c, kind)
                         : ValidateSnippetElementCodename(prefix.substr(0, prefix.size() - 2), *c);
      if (!valid.ok())
        errors.push_back(
            {std::string(label) + " codename '" + std::string(*c) + "': " + valid.message(), std::string(label)});
      if (!seen.insert(std::string(*c)).second)
        errors.push_back(
            {std::string(label) + " codename '" + std::string(*c) + "' is used twice.", std::string(label)});
      continue;
    }
    std::string_view name = StringMember(e, "name").value_or(StringMember(e, "type").value_or("element"));
    std::string base = CodenameFromName(name, kind, prefix);
    std::string codename = UniqueCodename(
        base, [&](std::string_view c) { return taken.count(std::string(c)) > 0; }, env.rng, kind);
    taken.insert(codename);
    seen.insert(codename);
    SetStringMember(e, "codename", codename, a);
  }
}

bool ResolveInto(JsonValue& ref, const ObjectTable& table, JsonAllocator& a) {
  auto r = ReferenceFrom(ref);
  const StoredObject* o = r ? table.Find(*r) : nullptr;
  if (o == nullptr) return false;
  SetIdReference(ref, o->id, a);
  return true;
}

// The properties the service returns for every element of a kind, null or false when a client left
// them out.
void AddElementDefaults(JsonValue& e, const std::string& type, JsonAllocator& a) {
  auto add = [&](const char* key, JsonValue value) {
    if (!e.HasMember(key)) e.AddMember(rapidjson::StringRef(key), std::move(value), a);
  };
  if (type == "snippet") return;
  add("guidelines", type == "guidelines" ? JsonValue("", a) : JsonValue());
  if (type == "guidelines") return;
  add("is_required", JsonValue(false));
  add("is_non_localizable", JsonValue(false));
  // The keys the service answers, as a real environment's data-ops backup holds them (tests/fixtures/data-ops):
  // a text element's limit is "maximum_text_length", as the reference's element schema names it.
  if (type == "text") {
    add("maximum_text_length", JsonValue());
    add("validation_regex", JsonValue());
    add("default", JsonValue());
  } else if (type == "rich_text") {
    add("maximum_text_length", JsonValue());
    add("maximum_image_size", JsonValue());
    add("allowed_content_types", JsonValue(rapidjson::kArrayType));
    add("allowed_item_link_types", JsonValue(rapidjson::kArrayType));
    add("image_width_limit", JsonValue());
    add("image_height_limit", JsonValue());
    add("allowed_image_types", JsonValue("any", a));
    for (const char* k : {"allowed_blocks", "allowed_text_blocks", "allowed_formatting", "allowed_table_blocks",
                          "allowed_table_text_blocks", "allowed_table_formatting"})
      add(k, JsonValue(rapidjson::kArrayType));
  } else if (type == "modular_content" || type == "subpages") {
    add("item_count_limit", JsonValue());
    add("allowed_content_types", JsonValue(rapidjson::kArrayType));
    add("default", JsonValue());
  } else if (type == "taxonomy") {
    add("term_count_limit", JsonValue());
    add("default", JsonValue());
  } else if (type == "asset") {
    add("asset_count_limit", JsonValue());
    add("maximum_file_size", JsonValue());
    add("allowed_file_types", JsonValue("any", a));
    for (const char* k : {"image_width_limit", "image_height_limit", "default"}) add(k, JsonValue());
  } else if (type == "multiple_choice" || type == "number" || type == "date_time") {
    add("default", JsonValue());
  } else if (type == "url_slug") {
    add("validation_regex", JsonValue());
  } else if (type == "custom") {
    add("json_parameters", JsonValue());
    add("allowed_elements", JsonValue(rapidjson::kArrayType));
  }
}

// The element a reference names among `elements` (by id, codename or external id), or "".
std::string ElementIdIn(const JsonValue& elements, const Reference& ref) {
  std::string_view key = ref.kind() == Reference::Kind::kId         ? "id"
                         : ref.kind() == Reference::Kind::kCodename ? "codename"
                                                                    : "external_id";
  for (const JsonValue& e : elements.GetArray())
    if (StringMember(e, key).value_or("\x01") == ref.value()) return std::string(StringMember(e, "id").value_or(""));
  return "";
}

// URL slugs depend on a text element (of the type or of one of its snippets); custom elements may read
// other elements. Both are answered by id.
void ResolveElementReferences(Environment& env, JsonDocument& doc, std::vector<ValidationError>& errors) {
  auto& a = doc.GetAllocator();
  for (JsonValue& e : doc["elements"].GetArray()) {
    if (!e.IsObject()) continue;
    const std::string where = "elements." + std::string(StringMember(e, "codename").value_or(""));
    if (JsonValue* depends = e.HasMember("depends_on") ? &e["depends_on"] : nullptr; depends && depends->IsObject()) {
      const JsonValue* elements = &doc["elements"];
      JsonDocument snippet_doc;
      if (depends->HasMember("snippet")) {
        auto sref = ReferenceFrom((*depends)["snippet"]);
        const StoredObject* snippet = sref ? env.snippets.Find(*sref) : nullptr;
        if (snippet == nullptr) {
          errors.push_back({"The snippet a URL slug depends on does not exist.", where + ".depends_on"});
          continue;
        }
        SetIdReference((*depends)["snippet"], snippet->id, a);
        snippet_doc = ParseJson(snippet->json).value();
        elements = Member(snippet_doc, "elements");
      }
      auto eref = depends->HasMember("element") ? ReferenceFrom((*depends)["element"]) : std::nullopt;
      std::string id = eref && elements && elements->IsArray() ? ElementIdIn(*elements, *eref) : "";
      if (id.empty())
        errors.push_back({"The element a URL slug depends on does not exist.", where + ".depends_on"});
      else
        SetIdReference((*depends)["element"], id, a);
    }
    if (e.HasMember("allowed_elements") && e["allowed_elements"].IsArray()) {
      for (JsonValue& ref_value : e["allowed_elements"].GetArray()) {
        auto ref = ReferenceFrom(ref_value);
        std::string id = ref ? ElementIdIn(doc["elements"], *ref) : "";
        if (id.empty())
          errors.push_back({"An allowed element of a custom element does not exist.", where + ".allowed_elements"});
        else
          SetIdReference(ref_value, id, a);
      }
    }
  }
}

bool MatchesReference(const JsonValue& candidate, const Reference& ref) {
  std::string_view key = ref.kind() == Reference::Kind::kId         ? "id"
                         : ref.kind() == Reference::Kind::kCodename ? "codename"
                                                                    : "external_id";
  return StringMember(candidate, key).value_or("\x01") == ref.value();
}

// The id of the term `ref` names in `terms` (depth first), or "".
std::string TermIdIn(const JsonValue& terms, const Reference& ref) {
  if (!terms.IsArray()) return "";
  for (const JsonValue& t : terms.GetArray()) {
    if (MatchesReference(t, ref)) return std::string(StringMember(t, "id").value_or(""));
    if (const JsonValue* sub = Member(t, "terms"))
      if (std::string id = TermIdIn(*sub, ref); !id.empty()) return id;
  }
  return "";
}

// An element's default value ("default": {"global": {"value": [references]}}) answered by ids, as the
// service answers it: options of the element, terms of its group, assets and items (external ids of
// objects that do not exist yet reserve ids, as in variants).
void ResolveDefault(Environment& env, JsonValue& e, const std::string& type, const std::string& where,
                    std::vector<ValidationError>& errors, JsonAllocator& a) {
  const JsonValue* def = Member(e, "default");
  const JsonValue* global = def && def->IsObject() ? Member(*def, "global") : nullptr;
  if (global == nullptr || !global->IsObject() || !global->HasMember("value") || !(*global)["value"].IsArray()) return;
  JsonValue& values = e["default"]["global"]["value"];
  for (JsonValue& ref_value : values.GetArray()) {
    auto ref = ReferenceFrom(ref_value);
    if (!ref) continue;
    std::string id;
    if (type == "multiple_choice" && e.HasMember("options") && e["options"].IsArray()) {
      for (const JsonValue& o : e["options"].GetArray())
        if (MatchesReference(o, *ref)) id = std::string(StringMember(o, "id").value_or(""));
    } else if (type == "taxonomy") {
      const StoredObject* group = env.taxonomies.FindById(RefId(e, "taxonomy_group"));
      if (const JsonValue* terms = group ? Member(group->Doc(), "terms") : nullptr) id = TermIdIn(*terms, *ref);
      if (id.empty() && ref->kind() == Reference::Kind::kExternalId)
        id = env.ReserveId(env.reserved_term_ids, ref->value());
      else if (id.empty() && ref->kind() == Reference::Kind::kId && env.reserved_ids.count(ref->value()))
        id = ref->value();
    } else if (type == "asset" || type == "modular_content" || type == "subpages") {
      const bool asset = type == "asset";
      const StoredObject* o = (asset ? env.assets : env.items).Find(*ref);
      if (o != nullptr)
        id = o->id;
      else if (ref->kind() == Reference::Kind::kExternalId)
        id = env.ReserveId(asset ? env.reserved_asset_ids : env.reserved_item_ids, ref->value());
      else if (ref->kind() == Reference::Kind::kId)
        id = ref->value();  // reserved for a forward reference, or an object deleted since (a real backup has both)
    } else {
      continue;  // other kinds hold plain values
    }
    if (id.empty())
      errors.push_back({"The default value of '" + where + "' names " + ref->ToString() + ", which does not exist.",
                        where + ".default"});
    else
      SetIdReference(ref_value, id, a);
  }
}

}  // namespace

std::vector<ValidationError> NormalizeType(Environment& env, JsonDocument& doc, TypeKind kind,
                                           const std::string& existing_id) {
  std::vector<ValidationError> errors;
  auto& a = doc.GetAllocator();
  const ObjectTable& table = kind.is_snippet ? env.snippets : env.types;
  const char* label = kind.is_snippet ? "content type snippet" : "content type";
  auto name = StringMember(doc, "name");
  if (!name || name->empty() || name->size() > 200)
    errors.push_back({"Provide a nonempty name which fits within 200 characters.", "name"});
  std::string id = existing_id.empty() ? env.NewId() : existing_id;
  auto codename = ChooseCodename(doc, name.value_or(""), table, env, label, id);
  if (!codename.ok()) errors.push_back({codename.status().message(), "codename"});
  if (auto ext = StringMember(doc, "external_id")) {
    const StoredObject* other = table.FindByExternalId(*ext);
    if (other != nullptr && other->id != id)
      errors.push_back({"The external ID '" + std::string(*ext) + "' is already used.", "external_id"});
  }
  if (!errors.empty()) return errors;
  SetStringMember(doc, "id", id, a);
  SetStringMember(doc, "codename", *codename, a);
  if (!doc.HasMember("elements")) SetMember(doc, "elements", JsonValue(rapidjson::kArrayType), a);
  if (!doc["elements"].IsArray()) return {{"elements must be an array.", "elements"}};
  if (!kind.is_snippet) {
    if (!doc.HasMember("content_groups") || !doc["content_groups"].IsArray())
      SetMember(doc, "content_groups", JsonValue(rapidjson::kArrayType), a);
    NameEntries(env, doc["content_groups"], a, "", CodenameKind::kStandard, errors, "content group");
  }
  std::string prefix = kind.is_snippet ? *codename + "__" : "";
  NameEntries(env, doc["elements"], a, prefix, CodenameKind::kStandard, errors, "element");
  const JsonValue* groups = kind.is_snippet ? nullptr : &doc["content_groups"];
  for (JsonValue& e : doc["elements"].GetArray()) {
    if (!e.IsObject()) continue;
    const std::string type(StringMember(e, "type").value_or(""));
    const std::string where = "elements." + std::string(StringMember(e, "codename").value_or(""));
    if (type.empty()) errors.push_back({"Each element needs a type.", where});
    AddElementDefaults(e, type, a);
    if (kind.is_snippet && type == "snippet") errors.push_back({"A snippet cannot contain a snippet.", where});
    if (type == "multiple_choice") {
      if (!e.HasMember("options") || !e["options"].IsArray())
        errors.push_back({"A multiple choice element needs options.", where});
      else
        NameEntries(env, e["options"], a, "", CodenameKind::kOptionOrTerm, errors, "option");
    }
    if (type == "snippet" && (!e.HasMember("snippet") || !ResolveInto(e["snippet"], env.snippets, a)))
      errors.push_back({"The snippet of element '" + where + "' does not exist.", where + ".snippet"});
    if (type == "taxonomy" && (!e.HasMember("taxonomy_group") || !ResolveInto(e["taxonomy_group"], env.taxonomies, a)))
      errors.push_back({"The taxonomy group of element '" + where + "' does not exist.", where + ".taxonomy_group"});
    ResolveDefault(env, e, type, where, errors, a);
    for (const char* key : {"allowed_content_types", "allowed_item_link_types"}) {
      if (!e.HasMember(key) || !e[key].IsArray()) continue;
      for (JsonValue& ref : e[key].GetArray()) {
        auto r = ReferenceFrom(ref);
        bool self = r && ((r->kind() == Reference::Kind::kCodename && r->value() == *codename) ||
                          (r->kind() == Reference::Kind::kId && r->value() == id) ||
                          (r->kind() == Reference::Kind::kExternalId &&
                           r->value() == StringMember(doc, "external_id").value_or("\x01")));
        if (self)
          SetIdReference(ref, id, a);
        else if (!ResolveInto(ref, env.types, a))
          errors.push_back({"An allowed content type of '" + where + "' does not exist.", where + "." + key});
      }
    }
    if (e.HasMember("content_group") && groups != nullptr) {
      auto r = ReferenceFrom(e["content_group"]);
      std::string group_id;
      for (const JsonValue& g : groups->GetArray())
        if (r && StringMember(g, r->kind() == Reference::Kind::kId         ? "id"
                                 : r->kind() == Reference::Kind::kCodename ? "codename"
                                                                           : "external_id")
                         .value_or("\x01") == r->value())
          group_id = std::string(StringMember(g, "id").value_or(""));
      if (group_id.empty())
        errors.push_back({"The content group of '" + where + "' does not exist.", where + ".content_group"});
      else
        SetIdReference(e["content_group"], group_id, a);
    } else if (groups != nullptr && !groups->Empty() && !e.HasMember("content_group")) {
      errors.push_back(
          {"Elements of a type with content groups must name their content group.", where + ".content_group"});
    }
  }
  ResolveElementReferences(env, doc, errors);
  SetStringMember(doc, "last_modified", NowTimestamp(), a);
  return errors;
}

}  // namespace kbulk::emulator
