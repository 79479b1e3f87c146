// Validate(): length limit, one structural pass, text length, and the components array (recursively).
#include "richtext/validator.h"

#include <map>

#include "richtext/fragment.h"
#include "richtext/structure_walker.h"

namespace kbulk::richtext {
namespace {

// Byte offset of code point number `limit` (the first one over the limit), or npos when within it.
std::size_t OverLimitOffset(std::string_view html, std::size_t limit) {
  if (html.size() <= limit) return std::string_view::npos;
  std::size_t count = 0;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if ((static_cast<unsigned char>(html[i]) & 0xC0) == 0x80) continue;
    if (count++ == limit) return i;
  }
  return std::string_view::npos;
}

void CheckComponents(std::string_view html, const ValidationContext& context, const WalkOutput& walk,
                     std::vector<Violation>& out) {
  std::map<std::string, std::size_t> used;  // data-id -> offset of its first <object>
  for (const ComponentUse& use : walk.components) {
    if (!used.emplace(use.id, use.offset).second) {
      out.push_back(MakeViolation(html, use.offset, "component_duplicate",
                                  "component " + use.id + " appears more than once in the value", "object"));
    }
  }
  std::map<std::string, const JsonValue*> listed;
  for (const JsonValue& component : context.components->GetArray()) {
    auto id = component.IsObject() ? StringMember(component, "id") : std::nullopt;
    if (!id) {
      out.push_back(MakeViolation(html, 0, "component_invalid", "a components entry has no id"));
      continue;
    }
    listed.emplace(std::string(*id), &component);
    if (used.count(std::string(*id)) == 0) {
      out.push_back(MakeViolation(html, 0, "component_unused",
                                  "component " + std::string(*id) + " is listed but not used in the value"));
    }
  }
  for (const auto& [id, offset] : used) {
    auto it = listed.find(id);
    if (it == listed.end()) {
      out.push_back(MakeViolation(html, offset, "component_missing",
                                  "component " + id + " is used in the value but missing from components", "object"));
      continue;
    }
    // Recurse into the component's rich-text elements: those with a string value and a components array.
    const JsonValue* elements = Member(*it->second, "elements");
    if (elements == nullptr || !elements->IsArray()) continue;
    for (const JsonValue& element : elements->GetArray()) {
      if (!element.IsObject()) continue;
      const JsonValue* value = Member(element, "value");
      const JsonValue* components = Member(element, "components");
      if (value == nullptr || !value->IsString() || components == nullptr || !components->IsArray()) continue;
      ValidationContext nested = context;
      nested.components = components;
      nested.component_depth = context.component_depth + 1;
      nested.element_definition = nullptr;
      const JsonValue* element_ref = Member(element, "element");
      auto element_id =
          element_ref != nullptr && element_ref->IsObject() ? StringMember(*element_ref, "id") : std::nullopt;
      if (context.component_element_definition && element_id) {
        nested.element_definition = context.component_element_definition(*element_id);
      }
      std::string_view nested_html(value->GetString(), value->GetStringLength());
      for (Violation& inner : Validate(nested_html, nested)) {
        Violation v =
            MakeViolation(html, offset, inner.code,
                          "in component " + id + ", element " + std::string(element_id.value_or("?")) + " at " +
                              std::to_string(inner.line) + ":" + std::to_string(inner.column) + ": " + inner.message,
                          inner.element);
        out.push_back(std::move(v));
      }
    }
  }
}

}  // namespace

std::vector<Violation> Validate(std::string_view html, const ValidationContext& context) {
  std::vector<Violation> out;
  if (std::size_t over = OverLimitOffset(html, kMaxRichTextLength); over != std::string_view::npos) {
    out.push_back(MakeViolation(html, over, "too_long", "rich text is longer than 100,000 characters"));
  }
  ParsedFragment fragment(html);
  if (fragment.root() == nullptr) {
    out.push_back(MakeViolation(html, 0, "parse_failed", "the HTML parser could not parse the value"));
    return out;
  }
  std::optional<RichTextSettings> settings;
  if (context.element_definition != nullptr) settings = RichTextSettings::FromDefinition(*context.element_definition);
  WalkOutput walk = WalkFragment(fragment.root(), html, settings ? &*settings : nullptr, context);
  for (Violation& v : walk.violations) out.push_back(std::move(v));
  if (settings && settings->max_length) {
    std::size_t length = settings->max_length_in_words ? walk.text_words : walk.text_characters;
    if (static_cast<std::int64_t>(length) > *settings->max_length) {
      out.push_back(MakeViolation(html, 0, "text_too_long",
                                  "text has " + std::to_string(length) +
                                      (settings->max_length_in_words ? " words" : " characters") +
                                      "; the element allows " + std::to_string(*settings->max_length)));
    }
  }
  if (context.components != nullptr && context.components->IsArray()) CheckComponents(html, context, walk, out);
  return out;
}

}  // namespace kbulk::richtext
