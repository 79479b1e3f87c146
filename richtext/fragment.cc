// Owns gumbo's output for one rich-text value.
#include "richtext/fragment.h"

#include <gumbo.h>

namespace kbulk::richtext {

ParsedFragment::ParsedFragment(std::string_view html) : html_(html) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_BODY;
  options.max_errors = 0;
  output_ = gumbo_parse_with_options(&options, html.data(), html.size());
}

ParsedFragment::~ParsedFragment() {
  if (output_ != nullptr) gumbo_destroy_output(&kGumboDefaultOptions, output_);
}

const GumboInternalNode* ParsedFragment::root() const {
  return output_ == nullptr ? nullptr : output_->root;
}

SourceLocation LocateOffset(std::string_view text, std::size_t offset) {
  SourceLocation location;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++location.line;
      location.column = 1;
    } else {
      ++location.column;
    }
  }
  return location;
}

}  // namespace kbulk::richtext

// ---- gumbo_nodes.h

#include "richtext/gumbo_nodes.h"

namespace kbulk::richtext {

std::string_view TagName(const GumboNode* node) {
  const GumboElement& element = node->v.element;
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  return {piece.data, piece.length};
}

SourceSpan ValueSpan(const GumboAttribute* attribute, std::string_view source) {
  const GumboStringPiece& raw = attribute->original_value;
  SourceSpan span;
  if (raw.data == attribute->original_name.data) {
    // Written without a value (`<a data-item-id>`): gumbo points the value at the name; an empty span after it.
    span.offset = attribute->name_end.offset;
    return span;
  }
  if (raw.length == 0 || raw.data < source.data() || raw.data >= source.data() + source.size()) {
    span.offset = attribute->value_start.offset;
    return span;
  }
  span.offset = static_cast<std::size_t>(raw.data - source.data());
  span.length = raw.length;
  if (span.length >= 2 && (raw.data[0] == '"' || raw.data[0] == '\'') && raw.data[raw.length - 1] == raw.data[0]) {
    span.offset += 1;
    span.length -= 2;
  }
  return span;
}

}  // namespace kbulk::richtext
