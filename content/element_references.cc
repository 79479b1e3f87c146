// The reference walk over element values and type definitions; rich text through richtext/'s extractor.
#include "content/element_references.h"

#include "richtext/reference_extractor.h"
#include "richtext/reference_rewriter.h"

namespace kbulk::content {
namespace {

// The service nests components 6 levels deep; a hostile record may nest more.
constexpr int kMaxComponentDepth = 16;

std::string Join(std::string_view parent, std::string_view name) {
  if (parent.empty()) return std::string(name);
  std::string out(parent);
  out += '/';
  out.append(name);
  return out;
}

// A Reference object's first naming member: id, then codename, then external id.
bool AddReference(const JsonValue& object, TargetKind target, const std::string& element,
                  std::vector<ElementReference>& out) {
  if (!object.IsObject()) return false;
  const std::pair<const char*, Reference::Kind> fields[] = {{"id", Reference::Kind::kId},
                                                            {"codename", Reference::Kind::kCodename},
                                                            {"external_id", Reference::Kind::kExternalId}};
  for (const auto& [field, kind] : fields) {
    if (auto value = StringMember(object, field)) {
      out.push_back({target, kind, std::string(*value), element, false});
      return true;
    }
  }
  return false;
}

void AddReferenceList(const JsonValue* list, TargetKind target, const std::string& element,
                      std::vector<ElementReference>& out) {
  if (list == nullptr || !list->IsArray()) return;
  for (const JsonValue& reference : list->GetArray()) AddReference(reference, target, element, out);
}

// Asset element values: each asset, then its renditions.
void AddAssets(const JsonValue* list, const std::string& element, std::vector<ElementReference>& out) {
  if (list == nullptr || !list->IsArray()) return;
  for (const JsonValue& asset : list->GetArray()) {
    if (!AddReference(asset, TargetKind::kAsset, element, out)) continue;
    AddReferenceList(Member(asset, "renditions"), TargetKind::kRendition, element, out);
  }
}

// The references a value of `type` holds (not rich text, which needs its components too).
void AddValueReferences(std::string_view type, const JsonValue* value, const std::string& element,
                        std::vector<ElementReference>& out) {
  std::optional<TargetKind> target = ValueTargetOf(type);
  if (!target) return;
  if (*target == TargetKind::kAsset) {
    AddAssets(value, element, out);
  } else {
    AddReferenceList(value, *target, element, out);
  }
}

std::string ReferenceKey(const JsonValue* reference) {
  if (reference == nullptr) return {};
  for (std::string_view field : {"id", "codename", "external_id"}) {
    if (auto value = StringMember(*reference, field)) return std::string(field) + ":" + std::string(*value);
  }
  return {};
}

void Walk(const JsonValue& elements, const ElementResolver& resolve, ElementReferences& out, std::string_view parent,
          int depth) {
  if (!elements.IsArray() || depth > kMaxComponentDepth) return;
  for (const JsonValue& element : elements.GetArray()) {
    if (!element.IsObject()) continue;
    const JsonValue* reference = Member(element, "element");
    std::optional<ElementDefinition> definition =
        reference != nullptr && reference->IsObject() ? resolve(*reference) : std::nullopt;
    if (!definition) {
      out.unknown_elements.push_back({std::string(parent), ReferenceKey(reference)});
      continue;
    }
    std::string name = Join(parent, definition->codename);
    const JsonValue* value = Member(element, "value");
    if (definition->type != "rich_text") {
      AddValueReferences(definition->type, value, name, out.references);
      continue;
    }
    if (value != nullptr && value->IsString()) {
      CollectRichTextReferences(std::string_view(value->GetString(), value->GetStringLength()), name, out.references);
    }
    const JsonValue* components = Member(element, "components");
    if (components == nullptr || !components->IsArray()) continue;
    for (const JsonValue& component : components->GetArray()) {
      if (!component.IsObject()) continue;
      std::string component_name = name + "/component:" + std::string(StringMember(component, "id").value_or(""));
      if (const JsonValue* type = Member(component, "type")) {
        AddReference(*type, TargetKind::kContentType, component_name, out.references);
      }
      if (const JsonValue* nested = Member(component, "elements")) {
        Walk(*nested, resolve, out, component_name, depth + 1);
      }
    }
  }
}

}  // namespace

std::string_view TargetKindName(TargetKind kind) {
  switch (kind) {
    case TargetKind::kItem: return "item";
    case TargetKind::kAsset: return "asset";
    case TargetKind::kRendition: return "rendition";
    case TargetKind::kTaxonomyTerm: return "taxonomy term";
    case TargetKind::kOption: return "multiple choice option";
    case TargetKind::kContentType: return "content type";
    case TargetKind::kTaxonomyGroup: return "taxonomy group";
    case TargetKind::kSnippet: return "snippet";
    case TargetKind::kElement: return "content type element";
  }
  return "unknown";
}

std::optional<TargetKind> ValueTargetOf(std::string_view element_type) {
  if (element_type == "modular_content" || element_type == "subpages") return TargetKind::kItem;
  if (element_type == "asset") return TargetKind::kAsset;
  if (element_type == "taxonomy") return TargetKind::kTaxonomyTerm;
  if (element_type == "multiple_choice") return TargetKind::kOption;
  return std::nullopt;
}

std::string ElementReference::Key() const {
  switch (by) {
    case Reference::Kind::kId: return "id:" + value;
    case Reference::Kind::kCodename: return "codename:" + value;
    case Reference::Kind::kExternalId: return "external_id:" + value;
  }
  return value;
}

ElementResolver ResolveWith(const ModelIndex& model) {
  return [&model](const JsonValue& reference) -> std::optional<ElementDefinition> {
    auto id = StringMember(reference, "id");
    const ModelIndex::ElementInfo* info = id ? model.Element(*id) : nullptr;
    if (info == nullptr) return std::nullopt;
    return ElementDefinition{info->codename, info->type};
  };
}

void CollectElementReferences(const JsonValue& elements, const ElementResolver& resolve, ElementReferences& out,
                              std::string_view parent) {
  Walk(elements, resolve, out, parent, 0);
}

bool CollectRichTextReferences(std::string_view html, std::string_view element, std::vector<ElementReference>& out) {
  auto references = richtext::ExtractReferences(html);
  if (!references.ok()) return false;
  std::string_view figure;  // the asset of the last <figure>: its <img> names the same one again
  for (const richtext::RichTextReference& r : *references) {
    if (r.by == richtext::ReferenceBy::kNone || r.kind == richtext::ReferenceKind::kComponentObject) continue;
    if (r.kind == richtext::ReferenceKind::kAssetFigure) figure = r.value;
    if (r.kind == richtext::ReferenceKind::kAssetImage && r.value == figure) continue;
    bool asset = richtext::TargetOf(r.kind) == richtext::TargetKind::kAsset;
    Reference::Kind by = r.by == richtext::ReferenceBy::kId ? Reference::Kind::kId : Reference::Kind::kExternalId;
    out.push_back({asset ? TargetKind::kAsset : TargetKind::kItem, by, r.value, std::string(element), true});
  }
  return true;
}

void CollectTypeReferences(const JsonValue& type, std::vector<ElementReference>& out) {
  const JsonValue* elements = Member(type, "elements");
  if (elements == nullptr || !elements->IsArray()) return;
  for (const JsonValue& element : elements->GetArray()) {
    if (!element.IsObject()) continue;
    std::string name(StringMember(element, "codename").value_or(""));
    std::string_view element_type = StringMember(element, "type").value_or("");
    if (const JsonValue* by_default = Member(element, "default"); by_default != nullptr && by_default->IsObject()) {
      if (const JsonValue* global = Member(*by_default, "global"); global != nullptr && global->IsObject()) {
        AddValueReferences(element_type, Member(*global, "value"), name, out);
      }
    }
    if (element_type == "guidelines") {
      if (auto html = StringMember(element, "guidelines")) CollectRichTextReferences(*html, name, out);
    }
    AddReferenceList(Member(element, "allowed_content_types"), TargetKind::kContentType, name, out);
    AddReferenceList(Member(element, "allowed_item_link_types"), TargetKind::kContentType, name, out);
    if (const JsonValue* group = Member(element, "taxonomy_group")) {
      AddReference(*group, TargetKind::kTaxonomyGroup, name, out);
    }
    if (const JsonValue* snippet = Member(element, "snippet")) AddReference(*snippet, TargetKind::kSnippet, name, out);
    if (const JsonValue* depends_on = Member(element, "depends_on"); depends_on != nullptr && depends_on->IsObject()) {
      if (const JsonValue* on = Member(*depends_on, "element")) AddReference(*on, TargetKind::kElement, name, out);
      if (const JsonValue* on = Member(*depends_on, "snippet")) AddReference(*on, TargetKind::kSnippet, name, out);
    }
  }
}

}  // namespace kbulk::content
