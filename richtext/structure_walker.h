// The validator's single pass over gumbo's tree: structural rules of the spec, plus the element's settings
// when given. Internal to richtext/ (validator.cc drives it); codes are documented in docs/richtext-rules.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "richtext/settings.h"
#include "richtext/validator.h"

struct GumboInternalNode;

namespace kbulk::richtext {

// A component <object> seen in the value, for the components-array checks.
struct ComponentUse {
  std::string id;
  std::size_t offset;
};

struct WalkOutput {
  std::vector<Violation> violations;
  std::vector<ComponentUse> components;
  std::size_t text_characters = 0;  // code points of text content
  std::size_t text_words = 0;
};

// `settings` may be null (structure only). `context` supplies the optional look-ups.
WalkOutput WalkFragment(const GumboInternalNode* root, std::string_view source, const RichTextSettings* settings,
                        const ValidationContext& context);

// A violation located at `offset` in `source`.
Violation MakeViolation(std::string_view source, std::size_t offset, std::string code, std::string message,
                        std::string element = {});

}  // namespace kbulk::richtext
