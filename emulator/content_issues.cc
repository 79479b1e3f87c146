// Element-by-element content validation of stored variants.
#include "emulator/content_issues.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "content/element_references.h"
#include "core/json.h"
#include "emulator/element_check.h"
#include "emulator/route_support.h"
#include "richtext/reference_extractor.h"
#include "richtext/reference_rewriter.h"
#include "richtext/validator.h"

namespace kbulk::emulator {
namespace {

struct Walk {
  const Environment& env;
  std::unordered_set<std::string> reserved;  // ids of objects referenced by external id, never created
  std::vector<ElementIssue>& out;
};

bool TermExists(const Environment& env, const JsonValue& def, std::string_view term_id) {
  const JsonValue* group_ref = Member(def, "taxonomy_group");
  auto group_id = group_ref ? StringMember(*group_ref, "id") : std::nullopt;
  const StoredObject* group = group_id ? env.taxonomies.FindById(*group_id) : nullptr;
  if (group == nullptr) return false;
  const JsonDocument& g = group->Doc();
  std::vector<const JsonValue*> stack = {&g};
  while (!stack.empty()) {
    const JsonValue* node = stack.back();
    stack.pop_back();
    if (node != &g && StringMember(*node, "id").value_or("") == term_id) return true;
    if (const JsonValue* terms = Member(*node, "terms"); terms && terms->IsArray())
      for (const JsonValue& t : terms->GetArray()) stack.push_back(&t);
  }
  return false;
}

std::size_t CountWords(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (char ch : s) {
    bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::size_t CountCharacters(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

// "at_most" / "exactly" / "at_least" a number of references.
void CheckCount(const JsonValue& def, const char* limit_key, const char* noun, std::size_t count,
                std::vector<std::string>& messages) {
  const JsonValue* limit = Member(def, limit_key);
  if (limit == nullptr || !limit->IsObject()) return;
  auto value = IntMember(*limit, "value");
  if (!value) return;
  std::string condition(StringMember(*limit, "condition").value_or("at_most"));
  const auto n = static_cast<std::int64_t>(count);
  bool ok = condition == "exactly" ? n == *value : condition == "at_least" ? n >= *value : n <= *value;
  // An empty value satisfies "at least" (that is is_required's job), as in the service's UI.
  if (condition == "at_least" && n == 0) ok = true;
  if (!ok)
    messages.push_back("The element has " + std::to_string(n) + " " + noun + "; the content type requires " +
                       (condition == "exactly"    ? "exactly "
                        : condition == "at_least" ? "at least "
                                                  : "at most ") +
                       std::to_string(*value) + ".");
}

void CheckRichTextReferences(Walk& w, std::string_view html, std::vector<std::string>& messages) {
  std::vector<content::ElementReference> references;
  if (!content::CollectRichTextReferences(html, {}, references)) return;
  for (const content::ElementReference& r : references) {
    if (r.by != Reference::Kind::kId) continue;
    bool asset = r.target == content::TargetKind::kAsset;
    bool exists = asset ? w.env.assets.FindById(r.value) != nullptr : w.env.items.FindById(r.value) != nullptr;
    if (!exists)
      messages.push_back(std::string("The rich text references ") + (asset ? "an asset" : "a content item") +
                         " with ID " + r.value + " that does not exist.");
  }
}

// The type's rich-text limits (kRichTextTypeLimits), as the rich-text engine judges them with the assets'
// metadata; only the violations of those limits are reported here (the upsert refused the rest).
void CheckRichTextLimits(Walk& w, const JsonValue& def, const JsonValue& e, std::vector<std::string>& messages) {
  static const std::set<std::string> kLimitCodes = {"text_too_long", "image_too_large", "image_type_not_allowed",
                                                    "image_width_not_allowed", "image_height_not_allowed"};
  richtext::ValidationContext context;
  context.element_definition = &def;
  const Environment& env = w.env;
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
  const JsonValue& value = e["value"];
  for (const richtext::Violation& v :
       richtext::Validate(std::string_view(value.GetString(), value.GetStringLength()), context))
    if (kLimitCodes.count(v.code))
      messages.push_back("The rich text breaks a limit of the content type: " + v.message + ".");
}

void CheckElementsOf(Walk& w, const JsonValue& type_json, const JsonValue& elements);

void CheckElement(Walk& w, const JsonValue* def, const JsonValue& e) {
  std::vector<std::string> messages;
  const std::string type(def ? StringMember(*def, "type").value_or("") : "");
  const JsonValue* value = Member(e, "value");
  const std::optional<content::TargetKind> target = content::ValueTargetOf(type);
  if (value != nullptr && value->IsArray()) {
    for (const JsonValue& ref : value->GetArray()) {
      std::string id(StringMember(ref, "id").value_or(""));
      bool missing = w.reserved.count(id) > 0;
      if (target == content::TargetKind::kItem) missing = missing || !w.env.items.FindById(id);
      if (target == content::TargetKind::kAsset) missing = missing || !w.env.assets.FindById(id);
      if (target == content::TargetKind::kTaxonomyTerm) missing = missing || !TermExists(w.env, *def, id);
      if (missing) messages.push_back("The element references an object with ID " + id + " that does not exist.");
    }
    if (target == content::TargetKind::kItem) CheckCount(*def, "item_count_limit", "items", value->Size(), messages);
    if (target == content::TargetKind::kAsset) CheckCount(*def, "asset_count_limit", "assets", value->Size(), messages);
    if (target == content::TargetKind::kTaxonomyTerm)
      CheckCount(*def, "term_count_limit", "terms", value->Size(), messages);
  }
  if (value != nullptr && value->IsString() && type == "text") {
    const JsonValue* limit = Member(*def, "maximum_text_length");
    auto max = limit && limit->IsObject() ? IntMember(*limit, "value") : std::nullopt;
    if (max) {
      bool words = StringMember(*limit, "applies_to").value_or("characters") == "words";
      std::string_view text(value->GetString(), value->GetStringLength());
      auto length = static_cast<std::int64_t>(words ? CountWords(text) : CountCharacters(text));
      if (length > *max)
        messages.push_back("The text has " + std::to_string(length) + (words ? " words" : " characters") +
                           "; the content type allows at most " + std::to_string(*max) + ".");
    }
  }
  if (value != nullptr && value->IsString() && type == "rich_text") {
    CheckRichTextReferences(w, std::string_view(value->GetString(), value->GetStringLength()), messages);
    CheckRichTextLimits(w, *def, e, messages);
    if (const JsonValue* components = Member(e, "components"); components && components->IsArray())
      for (const JsonValue& component : components->GetArray()) {
        const StoredObject* component_type = w.env.types.FindById(RefId(component, "type"));
        const JsonValue* component_elements = Member(component, "elements");
        if (component_type == nullptr || component_elements == nullptr) continue;
        CheckElementsOf(w, component_type->Doc(), *component_elements);
      }
  }
  if (messages.empty()) return;
  ElementIssue issue;
  issue.element_id = RefId(e, "element");
  if (def != nullptr) {
    issue.element_name = std::string(StringMember(*def, "name").value_or(""));
    issue.element_codename = std::string(StringMember(*def, "codename").value_or(""));
  }
  issue.messages = std::move(messages);
  w.out.push_back(std::move(issue));
}

void CheckElementsOf(Walk& w, const JsonValue& type_json, const JsonValue& elements) {
  if (!elements.IsArray()) return;
  std::vector<JsonDocument> storage;
  std::vector<const JsonValue*> defs = FlattenTypeElements(w.env, type_json, storage);
  for (const JsonValue& e : elements.GetArray()) {
    const std::string element_id = RefId(e, "element");
    const JsonValue* def = nullptr;
    for (const JsonValue* d : defs)
      if (StringMember(*d, "id").value_or("") == element_id) def = d;
    CheckElement(w, def, e);
  }
}

// A value that holds nothing: null, "", [], or rich text without text and without objects or images.
bool IsEmptyValue(const JsonValue* value) {
  if (value == nullptr || value->IsNull()) return true;
  if (value->IsArray()) return value->Empty();
  if (!value->IsString()) return false;
  std::string_view s(value->GetString(), value->GetStringLength());
  if (s.find("<object") != std::string_view::npos || s.find("<img") != std::string_view::npos ||
      s.find("<figure") != std::string_view::npos)
    return false;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    if (!in_tag && c != ' ' && c != '\n' && c != '\t' && c != '\r') return false;
    if (c == '>') in_tag = false;
  }
  return true;
}

// Required elements (is_required) of the variant's type without a value; an element the variant does not
// list has none.
void CheckRequired(Walk& w, const JsonValue& type_json, const JsonValue* elements) {
  std::vector<JsonDocument> storage;
  for (const JsonValue* def : FlattenTypeElements(w.env, type_json, storage)) {
    if (!BoolMember(*def, "is_required").value_or(false)) continue;
    const std::string id(StringMember(*def, "id").value_or(""));
    const JsonValue* value = nullptr;
    if (elements != nullptr && elements->IsArray())
      for (const JsonValue& e : elements->GetArray())
        if (RefId(e, "element") == id) value = Member(e, "value");
    if (!IsEmptyValue(value)) continue;
    const std::string name(StringMember(*def, "name").value_or(""));
    const std::string message = "Element '" + name + "' is required but has no value.";
    auto existing = std::find_if(w.out.begin(), w.out.end(), [&](const ElementIssue& i) { return i.element_id == id; });
    if (existing != w.out.end()) {
      existing->messages.push_back(message);
      continue;
    }
    w.out.push_back(ElementIssue{id, name, std::string(StringMember(*def, "codename").value_or("")), {message}});
  }
}

}  // namespace

std::vector<ElementIssue> VariantElementIssues(const Environment& env, const StoredVariant& variant) {
  std::vector<ElementIssue> out;
  Walk w{env, {}, out};
  for (const auto* reserved : {&env.reserved_item_ids, &env.reserved_asset_ids, &env.reserved_term_ids})
    for (const auto& [external_id, id] : *reserved) w.reserved.insert(id);
  const StoredObject* type = env.types.FindById(variant.type_id);
  if (type == nullptr) return out;
  JsonDocument doc = ParseJson(variant.latest).value();
  const JsonValue* elements = Member(doc, "elements");
  if (elements != nullptr) CheckElementsOf(w, type->Doc(), *elements);
  CheckRequired(w, type->Doc(), elements);
  return out;
}

}  // namespace kbulk::emulator
