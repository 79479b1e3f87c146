// Which items and assets a variant refers to: linked items and subpages elements, asset elements, rich
// text (objects, item and asset links, figures, through a rich-text extractor) and the components inside
// rich text, recursively. Used to follow `--items ... --depth N` to a closed subset.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/json.h"

namespace kbulk::exporter {

struct VariantReferences {
  std::set<std::string> items;
  std::set<std::string> assets;
};

// `element_types` maps element ids (of content types and snippets) to their type ("modular_content",
// "subpages", "asset", "rich_text", ...). Elements of unknown ids are ignored. Rich text is read with the
// rich-text engine's extractor (items and assets by id; components come from the components array).
void CollectVariantReferences(const JsonValue& variant,
                              const std::unordered_map<std::string, std::string>& element_types,
                              VariantReferences& out);

}  // namespace kbulk::exporter
