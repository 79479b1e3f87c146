// What content validation reports for one variant (spec "Start content validation": missing objects that
// are referenced in content items, and element values that don't meet the limitations configured in
// content types): references in element arrays and in rich text (items, assets, in components too) to
// objects that do not exist, text longer than maximum_text_length, and item, asset and term counts outside
// item_count_limit / asset_count_limit / term_count_limit, and required elements (is_required) without a
// value ("Element 'Name' is required but has no value."). The upsert does not enforce these limits (the
// spec does not say it does); see docs/emulator.md.
#pragma once

#include <string>
#include <vector>

#include "emulator/environment.h"

namespace kbulk::emulator {

struct ElementIssue {
  std::string element_id;
  std::string element_name;      // empty when the element is not in the type
  std::string element_codename;  // likewise
  std::vector<std::string> messages;
};

// The issues of a variant's latest version, one entry per element with problems (in element order).
std::vector<ElementIssue> VariantElementIssues(const Environment& env, const StoredVariant& variant);

}  // namespace kbulk::emulator
