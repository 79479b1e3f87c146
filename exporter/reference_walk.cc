// Reference collection over variant element values.
#include "exporter/reference_walk.h"

#include "richtext/reference_extractor.h"

namespace kbulk::exporter {
namespace {

void CollectIds(const JsonValue* array, std::set<std::string>& out) {
  if (array == nullptr || !array->IsArray()) return;
  for (const auto& ref : array->GetArray()) {
    if (auto id = StringMember(ref, "id")) out.insert(std::string(*id));
  }
}

void CollectRichText(std::string_view html, VariantReferences& out) {
  auto refs = richtext::ExtractReferences(html);
  if (!refs.ok()) return;  // unparsable rich text has nothing to follow
  for (const auto& ref : *refs) {
    if (ref.by != richtext::ReferenceBy::kId) continue;  // external ids name objects not created yet
    switch (ref.kind) {
      case richtext::ReferenceKind::kItemObject:
      case richtext::ReferenceKind::kItemLink: out.items.insert(ref.value); break;
      case richtext::ReferenceKind::kAssetFigure:
      case richtext::ReferenceKind::kAssetImage:
      case richtext::ReferenceKind::kAssetLink: out.assets.insert(ref.value); break;
      default: break;
    }
  }
}

void CollectElements(const JsonValue* elements, const std::unordered_map<std::string, std::string>& types,
                     VariantReferences& out, int depth) {
  if (elements == nullptr || !elements->IsArray() || depth > 8) return;  // components nest 6 levels at most
  for (const auto& element : elements->GetArray()) {
    const JsonValue* ref = Member(element, "element");
    auto id = ref ? StringMember(*ref, "id") : std::nullopt;
    if (!id) continue;
    auto type = types.find(std::string(*id));
    if (type == types.end()) continue;
    const JsonValue* value = Member(element, "value");
    if (type->second == "modular_content" || type->second == "subpages") {
      CollectIds(value, out.items);
    } else if (type->second == "asset") {
      CollectIds(value, out.assets);
    } else if (type->second == "rich_text") {
      if (value != nullptr && value->IsString()) {
        CollectRichText(std::string_view(value->GetString(), value->GetStringLength()), out);
      }
      if (const JsonValue* components = Member(element, "components"); components && components->IsArray()) {
        for (const auto& component : components->GetArray()) {
          CollectElements(Member(component, "elements"), types, out, depth + 1);
        }
      }
    }
  }
}

}  // namespace

void CollectVariantReferences(const JsonValue& variant,
                              const std::unordered_map<std::string, std::string>& element_types,
                              VariantReferences& out) {
  CollectElements(Member(variant, "elements"), element_types, out, 0);
}

}  // namespace kbulk::exporter
