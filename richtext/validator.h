// Validates a rich-text value the way the Management API does: structure (elements, nesting, attributes,
// length) always; the element's settings when its definition is given; components when the variant's
// components array is given. Violation codes are stable and listed in docs/richtext-rules.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace kbulk::richtext {

struct Violation {
  std::string code;     // stable snake_case, e.g. "text_at_top_level"
  std::string message;  // for people
  int line = 1;         // 1-based; column counts bytes, 1-based
  int column = 1;
  std::size_t offset = 0;  // byte offset in the value
  std::string element;     // tag name of the offending element ("" for text or the whole value)
};

// A content type reference as rich-text settings use it: either field may be empty.
struct TypeRef {
  std::string id;
  std::string codename;
};

// What kbulk knows about an asset, for the element's asset limits.
struct AssetInfo {
  std::int64_t size = 0;  // bytes
  std::optional<std::int64_t> width;
  std::optional<std::int64_t> height;
  bool is_image = true;  // an image type the service can resize (jpg, png, gif, webp...)
};

struct ValidationContext {
  // The rich_text element object from a content type (allowed_blocks etc.), or nullptr for structure only.
  const JsonValue* element_definition = nullptr;
  // The variant's components array for this element, or nullptr to skip component checks.
  const JsonValue* components = nullptr;
  // Content type of an item by id, for allowed_content_types and allowed_item_link_types; optional.
  std::function<std::optional<TypeRef>(std::string_view item_id)> item_type;
  // Asset metadata by id, for maximum_image_size, image limits and allowed_image_types; optional.
  std::function<std::optional<AssetInfo>(std::string_view asset_id)> asset;
  // The rich_text element definition (in a component's content type) by element id, so nested component
  // values are checked against their own settings; optional (structure is always checked).
  std::function<const JsonValue*(std::string_view element_id)> component_element_definition;
  // How deep this value sits: 0 for a variant's element, 1 inside a component, ... (set by recursion).
  int component_depth = 0;
};

// The maximum length of a value in characters (Unicode code points) and the deepest component nesting.
inline constexpr std::size_t kMaxRichTextLength = 100000;
inline constexpr int kMaxComponentDepth = 6;

// Every violation found, in document order; empty when the value is valid.
std::vector<Violation> Validate(std::string_view html, const ValidationContext& context = {});

}  // namespace kbulk::richtext
