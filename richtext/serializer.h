// Canonical rich text for values kbulk builds itself (feeds, conversions): a small node model and its
// serialization - lower-case tags, double-quoted escaped attributes in the order given, <br/>, blocks
// joined by "\n", and <p><br/></p> for an empty value. The output of valid nodes passes Validate().
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kbulk::richtext {

struct RichTextNode {
  std::string tag;  // empty for a text node
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // text nodes only, unescaped
  std::vector<RichTextNode> children;

  static RichTextNode Text(std::string text) { return {{}, {}, std::move(text), {}}; }
  static RichTextNode Element(std::string tag, std::vector<RichTextNode> children = {},
                              std::vector<std::pair<std::string, std::string>> attributes = {}) {
    return {std::move(tag), std::move(attributes), {}, std::move(children)};
  }
};

// Top-level blocks to canonical HTML.
std::string Serialize(const std::vector<RichTextNode>& blocks);

// Builders for the reference-bearing blocks.
RichTextNode ItemObject(std::string_view id);  // data-id
RichTextNode ItemObjectByExternalId(std::string_view external_id);
RichTextNode ComponentObject(std::string_view id);
RichTextNode AssetFigure(std::string_view asset_id);  // with <img src="#" data-asset-id>
RichTextNode AssetFigureByExternalId(std::string_view external_id);

// Plain text to rich text: blank lines separate paragraphs, single newlines become <br/>; empty text gives
// the empty value <p><br/></p>.
std::string PlainTextToRichText(std::string_view text);

// Escapes text content (&, <, >).
std::string EscapeText(std::string_view text);

}  // namespace kbulk::richtext
