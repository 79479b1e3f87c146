// The limits a rich_text element definition sets (allowed blocks, formatting, table settings, content types,
// text length, asset limits), read once from the type's JSON for the validator.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/json.h"

namespace kbulk::richtext {

// An "at_most"/"exactly"/"at_least" limit on image width or height.
struct DimensionLimit {
  std::int64_t value = 0;
  std::string condition = "at_most";
  bool Allows(std::int64_t actual) const;
};

struct RichTextSettings {
  // Empty sets mean "everything allowed", as in the API.
  std::set<std::string> blocks;        // images, text, tables, components-and-items
  std::set<std::string> text_blocks;   // paragraph, heading-one .. heading-six, ordered-list, unordered-list
  std::set<std::string> formatting;    // unstyled, bold, italic, code, link, subscript, superscript
  std::set<std::string> table_blocks;  // images, text
  std::set<std::string> table_text_blocks;
  std::set<std::string> table_formatting;
  std::set<std::string> content_type_ids;  // allowed_content_types (ids and codenames alike)
  std::set<std::string> link_type_ids;     // allowed_item_link_types
  std::optional<std::int64_t> max_length;
  bool max_length_in_words = false;
  std::optional<std::int64_t> max_image_size;
  std::optional<DimensionLimit> image_width;
  std::optional<DimensionLimit> image_height;
  bool adjustable_images_only = false;  // allowed_image_types == "adjustable"

  static RichTextSettings FromDefinition(const JsonValue& definition);

  bool BlockAllowed(std::string_view block) const { return blocks.empty() || blocks.count(std::string(block)) > 0; }
  // `in_table` picks the table_* settings.
  bool TextBlockAllowed(std::string_view block, bool in_table) const;
  bool FormattingAllowed(std::string_view format, bool in_table) const;
  bool TableImagesAllowed() const { return table_blocks.empty() || table_blocks.count("images") > 0; }
};

// The settings name of a text block tag ("p" -> "paragraph", "h2" -> "heading-two", "ul" ->
// "unordered-list") or of a formatting tag ("strong" -> "bold", "a" -> "link"); empty when it is neither.
std::string_view TextBlockName(std::string_view tag);
std::string_view FormattingName(std::string_view tag);

}  // namespace kbulk::richtext
