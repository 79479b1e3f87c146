// Element-by-element checks. Messages name the element by codename, as the service does.
#include "emulator/element_check.h"

#include <set>

#include "content/element_references.h"
#include "emulator/element_values.h"
#include "emulator/rich_text_references.h"
#include "emulator/route_support.h"

#ifdef KBULK_EMULATOR_HAS_RICHTEXT
#include "richtext/validator.h"
#endif

namespace kbulk::emulator {
namespace {

struct Context {
  Environment& env;
  JsonAllocator& a;
  int depth;
  std::vector<ValidationError>& errors;
};

std::string Label(const JsonValue& def) {
  return std::string(StringMember(def, "codename").value_or(StringMember(def, "id").value_or("?")));
}

void Fail(Context& c, const JsonValue& def, std::string message) {
  c.errors.push_back({"Element '" + Label(def) + "': " + message, "elements." + Label(def)});
}

bool MatchesRef(const JsonValue& candidate, const Reference& ref) {
  std::string_view key = ref.kind() == Reference::Kind::kId         ? "id"
                         : ref.kind() == Reference::Kind::kCodename ? "codename"
                                                                    : "external_id";
  return StringMember(candidate, key).value_or("\x01") == ref.value();
}

// Rewrites the optional "renditions" of an asset reference to rendition ids of that asset.
bool ResolveRenditions(Context& c, const JsonValue& def, JsonValue& value_ref, const std::string& asset_id) {
  if (!value_ref.HasMember("renditions")) return true;
  JsonValue& renditions = value_ref["renditions"];
  if (!renditions.IsArray()) {
    Fail(c, def, "renditions must be an array of references.");
    return false;
  }
  for (JsonValue& r : renditions.GetArray()) {
    auto ref = ReferenceFrom(r);
    if (ref && ref->kind() == Reference::Kind::kCodename) {
      Fail(c, def, "renditions are referenced by id or external_id, not by codename.");
      return false;
    }
    const StoredObject* rendition = ref ? c.env.renditions.Find(*ref) : nullptr;
    if (rendition == nullptr || StringMember(rendition->Doc(), "asset_id").value_or("") != asset_id) {
      Fail(c, def,
           "the rendition " + (ref ? ref->ToString() : std::string("(invalid)")) + " is not a rendition of asset " +
               asset_id + ".");
      return false;
    }
    SetIdReference(r, rendition->id, c.a);
  }
  return true;
}

// Resolves one reference of an array value to an id; false when it cannot.
bool ResolveArrayRef(Context& c, const JsonValue& def, JsonValue& value_ref, content::TargetKind target) {
  using content::TargetKind;
  auto ref = ReferenceFrom(value_ref);
  if (!ref) {
    Fail(c, def, "each value must be a reference object with id, codename or external_id.");
    return false;
  }
  // The spec: assets are referenced "by internal ID or external ID", options "by internal ID or codename".
  if (target == TargetKind::kAsset && ref->kind() == Reference::Kind::kCodename) {
    Fail(c, def, "assets are referenced by id or external_id, not by codename (" + ref->ToString() + ").");
    return false;
  }
  if (target == TargetKind::kOption && ref->kind() == Reference::Kind::kExternalId) {
    Fail(c, def, "options are referenced by id or codename, not by external_id (" + ref->ToString() + ").");
    return false;
  }
  std::string id;
  if (target == TargetKind::kItem) {
    const StoredObject* o = c.env.items.Find(*ref);
    if (o)
      id = o->id;
    else if (ref->kind() == Reference::Kind::kExternalId)
      id = c.env.ReserveId(c.env.reserved_item_ids, ref->value());
    else if (ref->kind() == Reference::Kind::kId && c.env.reserved_ids.count(ref->value()))
      id = ref->value();  // an id reserved by an earlier external-id reference (a GET body sent back)
  } else if (target == TargetKind::kAsset) {
    const StoredObject* o = c.env.assets.Find(*ref);
    if (o)
      id = o->id;
    else if (ref->kind() == Reference::Kind::kExternalId)
      id = c.env.ReserveId(c.env.reserved_asset_ids, ref->value());
    else if (ref->kind() == Reference::Kind::kId && c.env.reserved_ids.count(ref->value()))
      id = ref->value();
    if (!id.empty() && !ResolveRenditions(c, def, value_ref, id)) return false;
    // The service answers every asset reference with its renditions, [] when there are none.
    if (!id.empty() && !value_ref.HasMember("renditions"))
      value_ref.AddMember("renditions", JsonValue(rapidjson::kArrayType), c.a);
  } else if (target == TargetKind::kOption) {
    if (const JsonValue* options = Member(def, "options"); options && options->IsArray())
      for (const JsonValue& opt : options->GetArray())
        if (MatchesRef(opt, *ref)) id = std::string(StringMember(opt, "id").value_or(""));
  } else if (target == TargetKind::kTaxonomyTerm) {
    const JsonValue* group_ref = Member(def, "taxonomy_group");
    auto group_id = group_ref ? StringMember(*group_ref, "id") : std::nullopt;
    const StoredObject* group = group_id ? c.env.taxonomies.FindById(*group_id) : nullptr;
    if (group != nullptr) {
      const JsonDocument& g = group->Doc();
      std::vector<const JsonValue*> stack = {&g};
      while (!stack.empty() && id.empty()) {
        const JsonValue* node = stack.back();
        stack.pop_back();
        if (node != &g && MatchesRef(*node, *ref)) id = std::string(StringMember(*node, "id").value_or(""));
        if (const JsonValue* terms = Member(*node, "terms"); terms && terms->IsArray())
          for (const JsonValue& t : terms->GetArray()) stack.push_back(&t);
      }
    }
    if (id.empty() && ref->kind() == Reference::Kind::kExternalId)
      id = c.env.ReserveId(c.env.reserved_term_ids, ref->value());
    else if (id.empty() && ref->kind() == Reference::Kind::kId && c.env.reserved_ids.count(ref->value()))
      id = ref->value();
  }
  if (id.empty()) {
    Fail(c, def, "the referenced object " + ref->ToString() + " does not exist.");
    return false;
  }
  // The reference becomes {"id": ...}; other members (an asset's renditions) stay.
  value_ref.RemoveMember("codename");
  value_ref.RemoveMember("external_id");
  SetStringMember(value_ref, "id", id, c.a);
  return true;
}

void CheckRichText(Context& c, const JsonValue& def, JsonValue& element);

// Fails the element with `problem` unless it is empty.
void FailIf(Context& c, const JsonValue& def, const std::string& problem) {
  if (!problem.empty()) Fail(c, def, problem);
}

void CheckValue(Context& c, const JsonValue& def, JsonValue& element) {
  const std::string type(StringMember(def, "type").value_or(""));
  JsonValue* value = element.HasMember("value") ? &element["value"] : nullptr;
  if (type == "guidelines" || type == "snippet") {
    Fail(c, def, "guidelines have no value.");
    return;
  }
  if (type == "text") {
    // "string or null <= 100000 characters"; the type's maximum_text_length is a limit content validation
    // reports (the spec does not say the upsert enforces it).
    if (value == nullptr || (!value->IsString() && !value->IsNull()))
      return Fail(c, def, "the value must be a string or null.");
    if (value->IsString() && Utf8Length(*value) > kTextLimit)
      Fail(c, def, "the value is longer than " + std::to_string(kTextLimit) + " characters.");
    return;
  }
  if (type == "rich_text") {
    if (value == nullptr || !value->IsString()) return Fail(c, def, "the value must be a string.");
    if (Utf8Length(*value) > kRichTextLimit)
      return Fail(c, def, "the value is longer than " + std::to_string(kRichTextLimit) + " characters.");
    return CheckRichText(c, def, element);
  }
  if (type == "number") {
    if (value != nullptr && !value->IsNumber() && !value->IsNull()) Fail(c, def, "the value must be a number or null.");
    return;
  }
  if (type == "date_time") return FailIf(c, def, DateTimeProblem(element));
  if (type == "url_slug") return FailIf(c, def, UrlSlugProblem(element, c.a));
  if (type == "custom") {
    for (const char* key : {"value", "searchable_value"}) {
      const JsonValue* v = Member(element, key);
      if (v != nullptr && !v->IsString() && !v->IsNull())
        return Fail(c, def, std::string(key) + " must be a string or null.");
      if (v != nullptr && v->IsString() && Utf8Length(*v) > kCustomLimit)
        return Fail(c, def, std::string(key) + " is longer than " + std::to_string(kCustomLimit) + " characters.");
    }
    return;
  }
  // Which objects an array value names comes from the content reference model (content/).
  if (const std::optional<content::TargetKind> target = content::ValueTargetOf(type)) {
    if (value == nullptr || !value->IsArray()) return Fail(c, def, "the value must be an array of references.");
    std::set<std::string> seen;
    for (JsonValue& ref : value->GetArray()) {
      if (!ResolveArrayRef(c, def, ref, *target)) return;
      if (!seen.insert(std::string(StringMember(ref, "id").value_or(""))).second)
        return Fail(c, def, "the same object is referenced more than once.");
    }
    if (*target == content::TargetKind::kOption && StringMember(def, "mode").value_or("") == "single" &&
        value->Size() > 1)
      Fail(c, def, "a single-choice element accepts at most one option.");
    return;
  }
  Fail(c, def, "elements of type '" + type + "' are not supported by the emulator.");
}

#ifdef KBULK_EMULATOR_HAS_RICHTEXT
// What the validator may ask about the environment: item types, asset metadata, and the definitions of
// rich-text elements in components' types.
richtext::ValidationContext RichTextContext(Context& c, const JsonValue& def, const JsonValue& element) {
  richtext::ValidationContext context;
  context.element_definition = &def;
  context.components =
      element.HasMember("components") && element["components"].IsArray() ? &element["components"] : nullptr;
  Environment& env = c.env;
  context.item_type = [&env](std::string_view item_id) -> std::optional<richtext::TypeRef> {
    const StoredObject* item = env.items.FindById(item_id);
    if (item == nullptr) return std::nullopt;
    std::string type_id = RefId(item->Doc(), "type");
    const StoredObject* type = env.types.FindById(type_id);
    return richtext::TypeRef{type_id, type ? type->codename : ""};
  };
  context.asset = [&env](std::string_view asset_id) -> std::optional<richtext::AssetInfo> {
    const StoredObject* asset = env.assets.FindById(asset_id);
    if (asset == nullptr) return std::nullopt;
    const JsonDocument& doc = asset->Doc();
    richtext::AssetInfo info;
    info.size = IntMember(doc, "size").value_or(0);
    info.width = IntMember(doc, "image_width");
    info.height = IntMember(doc, "image_height");
    std::string_view type = StringMember(doc, "type").value_or("");
    info.is_image = type.rfind("image/", 0) == 0 && type != "image/svg+xml";
    return info;
  };
  context.component_element_definition = [&env](std::string_view element_id) -> const JsonValue* {
    for (const StoredObject* type : env.types.All()) {
      if (const JsonValue* elements = Member(type->Doc(), "elements"); elements && elements->IsArray())
        for (const JsonValue& e : elements->GetArray())
          if (StringMember(e, "id").value_or("") == element_id) return &e;
    }
    return nullptr;
  };
  return context;
}
#endif

void CheckRichText(Context& c, const JsonValue& def, JsonValue& element) {
  // A value without a components array has none (so components used in the value are reported).
  if (!element.HasMember("components")) element.AddMember("components", JsonValue(rapidjson::kArrayType), c.a);
  if (JsonValue* components = element.HasMember("components") ? &element["components"] : nullptr) {
    if (!components->IsArray()) return Fail(c, def, "components must be an array.");
    if (c.depth >= 6 && !components->Empty()) return Fail(c, def, "components may be nested at most 6 levels deep.");
    for (JsonValue& component : components->GetArray()) {
      const JsonValue* type_ref = Member(component, "type");
      auto ref = type_ref ? ReferenceFrom(*type_ref) : std::nullopt;
      const StoredObject* type = ref ? c.env.types.Find(*ref) : nullptr;
      if (type == nullptr || !component.HasMember("elements") || !component["elements"].IsArray())
        return Fail(c, def, "each component needs an existing type and an elements array.");
      SetIdReference(component["type"], type->id, c.a);
      if (!component.HasMember("id")) SetStringMember(component, "id", c.env.NewId(), c.a);
      ElementCheckOutcome nested = CheckElements(c.env, type->Doc(), component["elements"], c.a, c.depth + 1);
      for (ValidationError& e : nested.errors) c.errors.push_back(std::move(e));
    }
  }
  // References by external id are stored as ids, as the service does; they are rewritten before the value is
  // judged, so an <img> naming its asset by external id (as data-ops 2.6.2 restores figures, which the
  // service accepts) is judged as the <img data-asset-id> it becomes.
  std::string rewritten = RewriteRichTextExternalIds(c.env, element["value"].GetString());
  element["value"].SetString(rewritten.data(), static_cast<rapidjson::SizeType>(rewritten.size()), c.a);
#ifdef KBULK_EMULATOR_HAS_RICHTEXT
  // The HTML is judged by the rich-text engine against the element's settings; it recurses into the
  // components itself, so only a variant's own elements (depth 0) are handed to it.
  if (c.depth == 0) {
    // The type's limits (length, image size and dimensions, image types) are content validation's to report
    // (emulator/content_issues.h), not the upsert's: the spec does not say the API refuses them, and a real
    // environment's backup holds values beyond them.
    JsonDocument upsert_def;
    upsert_def.CopyFrom(def, upsert_def.GetAllocator());
    for (const char* limit : kRichTextTypeLimits) upsert_def.RemoveMember(limit);
    for (const richtext::Violation& v :
         richtext::Validate(element["value"].GetString(), RichTextContext(c, upsert_def, element)))
      Fail(c, def,
           v.message + " (" + v.code + ", line " + std::to_string(v.line) + ", column " + std::to_string(v.column) +
               ")");
  }
#endif
}

}  // namespace

std::vector<const JsonValue*> FlattenTypeElements(const Environment& env, const JsonValue& type_json,
                                                  std::vector<JsonDocument>& /*snippet_storage*/) {
  std::vector<const JsonValue*> out;
  const JsonValue* elements = Member(type_json, "elements");
  if (elements == nullptr || !elements->IsArray()) return out;
  for (const JsonValue& e : elements->GetArray()) {
    if (StringMember(e, "type").value_or("") == "snippet") {
      const JsonValue* snippet_ref = Member(e, "snippet");
      auto snippet_id = snippet_ref ? StringMember(*snippet_ref, "id") : std::nullopt;
      const StoredObject* snippet = snippet_id ? env.snippets.FindById(*snippet_id) : nullptr;
      if (snippet == nullptr) continue;
      const JsonValue* inner = Member(snippet->Doc(), "elements");
      if (inner && inner->IsArray())
        for (const JsonValue& ie : inner->GetArray()) out.push_back(&ie);
      continue;
    }
    out.push_back(&e);
  }
  return out;
}

ElementCheckOutcome CheckElements(Environment& env, const JsonValue& type_json, JsonValue& elements, JsonAllocator& a,
                                  int depth) {
  ElementCheckOutcome outcome;
  std::vector<JsonDocument> storage;
  std::vector<const JsonValue*> defs = FlattenTypeElements(env, type_json, storage);
  Context c{env, a, depth, outcome.errors};
  std::vector<std::pair<JsonValue*, const JsonValue*>> autogenerated;  // url slugs without a value
  if (!elements.IsArray()) {
    outcome.errors.push_back({"elements must be an array.", "elements"});
    return outcome;
  }
  for (JsonValue& element : elements.GetArray()) {
    const JsonValue* element_ref = element.IsObject() ? Member(element, "element") : nullptr;
    auto ref = element_ref ? ReferenceFrom(*element_ref) : std::nullopt;
    if (!ref) {
      outcome.errors.push_back(
          {"Each element needs an 'element' reference with id, codename or external_id.", "elements"});
      continue;
    }
    const JsonValue* def = nullptr;
    for (const JsonValue* d : defs)
      if (MatchesRef(*d, *ref)) def = d;
    if (def == nullptr) {
      outcome.errors.push_back({"Element " + ref->ToString() + " was not found in the content type '" +
                                    std::string(StringMember(type_json, "codename").value_or("")) + "'.",
                                "elements"});
      continue;
    }
    CheckValue(c, *def, element);
    std::string id(StringMember(*def, "id").value_or(""));
    SetIdReference(element["element"], id, a);
    outcome.element_ids.push_back(id);
    if (StringMember(*def, "type").value_or("") == "url_slug" && !element.HasMember("value"))
      autogenerated.push_back({&element, def});
  }
  // An autogenerated slug sent without a value takes it from the text element it depends on, when the same
  // request sets that element (else it is empty): lowercase letters and digits, other runs become '-'.
  for (auto [element, def] : autogenerated) {
    const JsonValue* depends_on = Member(*def, "depends_on");
    const JsonValue* source_ref = depends_on ? Member(*depends_on, "element") : nullptr;
    std::string source_id = source_ref ? RefId(*depends_on, "element") : "";
    std::string slug;
    for (const JsonValue& other : elements.GetArray())
      if (RefId(other, "element") == source_id && Member(other, "value") && other["value"].IsString())
        slug = Slugify(other["value"].GetString());
    element->AddMember("value", MakeString(slug, a), a);
  }
  return outcome;
}

void WriteEmptyElement(const JsonValue& def, JsonValue& out, JsonAllocator& a) {
  const std::string type(StringMember(def, "type").value_or(""));
  out.SetObject();
  JsonValue ref;
  SetIdReference(ref, StringMember(def, "id").value_or(""), a);
  out.AddMember("element", std::move(ref), a);
  if (type == "text" || type == "url_slug")
    out.AddMember("value", "", a);
  else if (type == "rich_text") {
    out.AddMember("value", "<p><br></p>", a);
    out.AddMember("components", JsonValue(rapidjson::kArrayType), a);
  } else if (type == "number" || type == "date_time" || type == "custom")
    out.AddMember("value", JsonValue(), a);
  else
    out.AddMember("value", JsonValue(rapidjson::kArrayType), a);
  if (type == "url_slug") out.AddMember("mode", "autogenerated", a);
  if (type == "date_time") out.AddMember("display_timezone", JsonValue(), a);
  if (type == "custom") out.AddMember("searchable_value", JsonValue(), a);
}

}  // namespace kbulk::emulator
