// Small read helpers over gumbo's tree, for richtext .cc files only (this header includes gumbo.h; never
// include it from a public header).
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string_view>

namespace kbulk::richtext {

inline bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT;
}

inline bool IsTextLike(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA;
}

inline GumboTag Tag(const GumboNode* node) {
  return node->v.element.tag;
}

// The lower-case tag name, also for tags gumbo does not know.
std::string_view TagName(const GumboNode* node);

inline const GumboVector& Children(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

inline const GumboNode* Child(const GumboNode* node, unsigned i) {
  return static_cast<const GumboNode*>(Children(node).data[i]);
}

inline const GumboAttribute* Attribute(const GumboNode* node, const char* name) {
  return gumbo_get_attribute(&node->v.element.attributes, name);
}

// The decoded value of an attribute, or nullopt-like empty view with `present` false.
inline bool AttributeValue(const GumboNode* node, const char* name, std::string_view* value) {
  const GumboAttribute* attribute = Attribute(node, name);
  if (attribute == nullptr) return false;
  *value = attribute->value;
  return true;
}

// Byte offset of the element's start tag (or of the text) in the source.
inline std::size_t NodeOffset(const GumboNode* node) {
  return IsElement(node) ? node->v.element.start_pos.offset : node->v.text.start_pos.offset;
}

// Offset and length of an attribute value in the source, without surrounding quotes.
struct SourceSpan {
  std::size_t offset = 0;
  std::size_t length = 0;
};
SourceSpan ValueSpan(const GumboAttribute* attribute, std::string_view source);

// True when the element was written in the source (not inserted by the parser).
inline bool HasSourceStartTag(const GumboNode* node) {
  return node->v.element.original_tag.length > 0 && (node->parse_flags & GUMBO_INSERTION_BY_PARSER) == 0;
}
// True when the element was closed by its own end tag (not implicitly, e.g. by a crossing end tag or EOF).
inline bool HasSourceEndTag(const GumboNode* node) {
  return node->v.element.original_end_tag.length > 0 && (node->parse_flags & GUMBO_INSERTION_IMPLICIT_END_TAG) == 0;
}

}  // namespace kbulk::richtext
