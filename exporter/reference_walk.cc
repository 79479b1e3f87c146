// Reference collection over variant element values.
#include "exporter/reference_walk.h"

namespace kbulk::exporter {
namespace {

void CollectIds(const JsonValue* array, std::set<std::string>& out) {
  if (array == nullptr || !array->IsArray()) return;
  for (const auto& ref : array->GetArray()) {
    if (auto id = StringMember(ref, "id")) out.insert(std::string(*id));
  }
}

void CollectElements(const JsonValue* elements, const std::unordered_map<std::string, std::string>& types,
                     const RichTextTargetExtractor& rich_text, VariantReferences& out, int depth) {
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
      if (value != nullptr && value->IsString() && rich_text) {
        RichTextTargets targets = rich_text(std::string_view(value->GetString(), value->GetStringLength()));
        out.items.insert(targets.item_ids.begin(), targets.item_ids.end());
        out.assets.insert(targets.asset_ids.begin(), targets.asset_ids.end());
      }
      if (const JsonValue* components = Member(element, "components"); components && components->IsArray()) {
        for (const auto& component : components->GetArray()) {
          CollectElements(Member(component, "elements"), types, rich_text, out, depth + 1);
        }
      }
    }
  }
}

}  // namespace

void CollectVariantReferences(const JsonValue& variant,
                              const std::unordered_map<std::string, std::string>& element_types,
                              const RichTextTargetExtractor& rich_text, VariantReferences& out) {
  CollectElements(Member(variant, "elements"), element_types, rich_text, out, 0);
}

}  // namespace kbulk::exporter
