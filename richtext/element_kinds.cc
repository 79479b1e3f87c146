// Element classification and tree predicates for the structural rules; see element_kinds.h.
#include "richtext/element_kinds.h"

namespace kbulk::richtext {

bool IsTextBlock(GumboTag t) {
  return t == GUMBO_TAG_P || (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6);
}
bool IsList(GumboTag t) {
  return t == GUMBO_TAG_UL || t == GUMBO_TAG_OL;
}
bool IsBlock(GumboTag t) {
  return IsTextBlock(t) || IsList(t) || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_FIGURE || t == GUMBO_TAG_OBJECT;
}
bool IsFormatting(GumboTag t) {
  return t == GUMBO_TAG_A || t == GUMBO_TAG_CODE || t == GUMBO_TAG_EM || t == GUMBO_TAG_STRONG || t == GUMBO_TAG_SUB ||
         t == GUMBO_TAG_SUP;
}
bool IsTablePart(GumboTag t) {
  return t == GUMBO_TAG_TBODY || t == GUMBO_TAG_TR || t == GUMBO_TAG_TD;
}
bool IsForbiddenTablePart(GumboTag t) {
  return t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TFOOT || t == GUMBO_TAG_TH || t == GUMBO_TAG_CAPTION ||
         t == GUMBO_TAG_COLGROUP || t == GUMBO_TAG_COL;
}
bool IsKnown(GumboTag t) {
  return IsBlock(t) || IsFormatting(t) || IsTablePart(t) || t == GUMBO_TAG_LI || t == GUMBO_TAG_BR ||
         t == GUMBO_TAG_IMG;
}

// The documented attributes of each element ("Only the documented HTML attributes are supported").
bool AttributeAllowed(GumboTag tag, std::string_view name) {
  static const char* const kLink[] = {"href",
                                      "title",
                                      "data-new-window",
                                      "data-item-id",
                                      "data-item-external-id",
                                      "data-asset-id",
                                      "data-asset-external-id",
                                      "data-email-address",
                                      "data-email-subject",
                                      "data-phone-number"};
  static const char* const kFigure[] = {"data-asset-id", "data-asset-external-id"};
  static const char* const kImg[] = {"src", "data-asset-id"};
  static const char* const kObject[] = {"type", "data-type", "data-id", "data-external-id"};
  auto in = [&](const auto& list) {
    for (const char* allowed : list) {
      if (name == allowed) return true;
    }
    return false;
  };
  switch (tag) {
    case GUMBO_TAG_A: return in(kLink);
    case GUMBO_TAG_FIGURE: return in(kFigure);
    case GUMBO_TAG_IMG: return in(kImg);
    case GUMBO_TAG_OBJECT: return in(kObject);
    default: return false;
  }
}

bool IsBlankText(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
  }
  return true;
}

// A text block holding nothing but <br/> and white space (the empty value <p><br/></p>).
bool IsEmptyTextBlock(const GumboNode* node) {
  const GumboVector& children = Children(node);
  for (unsigned i = 0; i < children.length; ++i) {
    const GumboNode* child = Child(node, i);
    if (child->type == GUMBO_NODE_WHITESPACE) continue;
    if (IsElement(child) && Tag(child) == GUMBO_TAG_BR) continue;
    return false;
  }
  return true;
}

// An element left open at the very end of the value (and whose ancestors are too): HTML closes it there, and
// the service accepts such values (e.g. "<p>..." in its own responses).
bool ClosedByEndOfValue(const GumboNode* node) {
  for (const GumboNode* n = node; n->parent != nullptr && n->parent->type == GUMBO_NODE_ELEMENT; n = n->parent) {
    if (n != node && HasSourceEndTag(n)) return false;
    const GumboVector& siblings = Children(n->parent);
    if (siblings.length == 0 || siblings.data[siblings.length - 1] != n) return false;
  }
  return true;
}

}  // namespace kbulk::richtext
