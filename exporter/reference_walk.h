// Which items and assets a variant refers to: linked items and subpages elements, asset elements, rich
// text (objects, item and asset links, figures, through a rich-text extractor) and the components inside
// rich text, recursively. Used to follow `--items ... --depth N` to a closed subset.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/json.h"

namespace kbulk::exporter {

struct RichTextTargets {
  std::vector<std::string> item_ids;
  std::vector<std::string> asset_ids;
};
// Item and asset ids a rich-text HTML value refers to (objects, links, figures).
using RichTextTargetExtractor = std::function<RichTextTargets(std::string_view html)>;

struct VariantReferences {
  std::set<std::string> items;
  std::set<std::string> assets;
};

// `element_types` maps element ids (of content types and snippets) to their type ("modular_content",
// "subpages", "asset", "rich_text", ...). Elements of unknown ids are ignored.
void CollectVariantReferences(const JsonValue& variant,
                              const std::unordered_map<std::string, std::string>& element_types,
                              const RichTextTargetExtractor& rich_text, VariantReferences& out);

}  // namespace kbulk::exporter
