// What the rich-text rules know about each element: block, list, formatting and table tags, the documented
// attributes, and small tree predicates. Internal to richtext/ (includes gumbo.h via gumbo_nodes.h).
#pragma once

#include <string_view>

#include "richtext/gumbo_nodes.h"

namespace kbulk::richtext {

bool IsTextBlock(GumboTag t);           // p, h1-h6
bool IsList(GumboTag t);                // ul, ol
bool IsBlock(GumboTag t);               // what may stand at the top level
bool IsFormatting(GumboTag t);          // a, code, em, strong, sub, sup
bool IsTablePart(GumboTag t);           // tbody, tr, td
bool IsForbiddenTablePart(GumboTag t);  // thead, tfoot, th, caption, colgroup, col
bool IsKnown(GumboTag t);               // any element rich text allows somewhere

// The documented attributes of each element ("Only the documented HTML attributes are supported").
bool AttributeAllowed(GumboTag tag, std::string_view name);

bool IsBlankText(std::string_view text);
// A text block holding nothing but <br/> and white space (the empty value <p><br/></p>).
bool IsEmptyTextBlock(const GumboNode* node);
// An element left open at the very end of the value (and whose ancestors are too).
bool ClosedByEndOfValue(const GumboNode* node);

}  // namespace kbulk::richtext
