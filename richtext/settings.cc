// Reads rich_text element settings from a content type's element JSON.
#include "richtext/settings.h"

namespace kbulk::richtext {
namespace {

std::set<std::string> StringSet(const JsonValue& definition, std::string_view key) {
  std::set<std::string> out;
  const JsonValue* array = Member(definition, key);
  if (array == nullptr || !array->IsArray()) return out;
  for (const JsonValue& entry : array->GetArray()) {
    if (entry.IsString()) out.emplace(entry.GetString(), entry.GetStringLength());
  }
  return out;
}

// References as {"id": ...} or {"codename": ...}; both forms land in one set.
std::set<std::string> ReferenceSet(const JsonValue& definition, std::string_view key) {
  std::set<std::string> out;
  const JsonValue* array = Member(definition, key);
  if (array == nullptr || !array->IsArray()) return out;
  for (const JsonValue& entry : array->GetArray()) {
    if (!entry.IsObject()) continue;
    if (auto id = StringMember(entry, "id")) out.emplace(*id);
    if (auto codename = StringMember(entry, "codename")) out.emplace(*codename);
  }
  return out;
}

std::optional<DimensionLimit> Dimension(const JsonValue& definition, std::string_view key) {
  const JsonValue* limit = Member(definition, key);
  if (limit == nullptr || !limit->IsObject()) return std::nullopt;
  auto value = IntMember(*limit, "value");
  if (!value) return std::nullopt;
  DimensionLimit out;
  out.value = *value;
  if (auto condition = StringMember(*limit, "condition")) out.condition = std::string(*condition);
  return out;
}

// "unstyled" alone allows no formatting; with others it is just the first entry.
bool FormatIn(const std::set<std::string>& allowed, std::string_view format) {
  return allowed.empty() || allowed.count(std::string(format)) > 0;
}

}  // namespace

bool DimensionLimit::Allows(std::int64_t actual) const {
  if (condition == "exactly") return actual == value;
  if (condition == "at_least") return actual >= value;
  return actual <= value;
}

RichTextSettings RichTextSettings::FromDefinition(const JsonValue& definition) {
  RichTextSettings s;
  if (!definition.IsObject()) return s;
  s.blocks = StringSet(definition, "allowed_blocks");
  s.text_blocks = StringSet(definition, "allowed_text_blocks");
  s.formatting = StringSet(definition, "allowed_formatting");
  s.table_blocks = StringSet(definition, "allowed_table_blocks");
  s.table_text_blocks = StringSet(definition, "allowed_table_text_blocks");
  s.table_formatting = StringSet(definition, "allowed_table_formatting");
  s.content_type_ids = ReferenceSet(definition, "allowed_content_types");
  s.link_type_ids = ReferenceSet(definition, "allowed_item_link_types");
  if (const JsonValue* length = Member(definition, "maximum_text_length"); length != nullptr && length->IsObject()) {
    s.max_length = IntMember(*length, "value");
    s.max_length_in_words = StringMember(*length, "applies_to").value_or("characters") == "words";
  }
  s.max_image_size = IntMember(definition, "maximum_image_size");
  s.image_width = Dimension(definition, "image_width_limit");
  s.image_height = Dimension(definition, "image_height_limit");
  s.adjustable_images_only = StringMember(definition, "allowed_image_types").value_or("any") == "adjustable";
  return s;
}

bool RichTextSettings::TextBlockAllowed(std::string_view block, bool in_table) const {
  const std::set<std::string>& allowed = in_table ? table_text_blocks : text_blocks;
  return allowed.empty() || allowed.count(std::string(block)) > 0;
}

bool RichTextSettings::FormattingAllowed(std::string_view format, bool in_table) const {
  return FormatIn(in_table ? table_formatting : formatting, format);
}

std::string_view TextBlockName(std::string_view tag) {
  if (tag == "p") return "paragraph";
  if (tag == "h1") return "heading-one";
  if (tag == "h2") return "heading-two";
  if (tag == "h3") return "heading-three";
  if (tag == "h4") return "heading-four";
  if (tag == "h5") return "heading-five";
  if (tag == "h6") return "heading-six";
  if (tag == "ol") return "ordered-list";
  if (tag == "ul") return "unordered-list";
  return {};
}

std::string_view FormattingName(std::string_view tag) {
  if (tag == "strong") return "bold";
  if (tag == "em") return "italic";
  if (tag == "code") return "code";
  if (tag == "a") return "link";
  if (tag == "sub") return "subscript";
  if (tag == "sup") return "superscript";
  return {};
}

}  // namespace kbulk::richtext
