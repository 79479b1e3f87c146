// Canonical serialization of rich text kbulk builds; see serializer.h.
#include "richtext/serializer.h"

#include "richtext/reference_rewriter.h"

namespace kbulk::richtext {
namespace {

void Write(const RichTextNode& node, std::string& out) {
  if (node.tag.empty()) {
    out += EscapeText(node.text);
    return;
  }
  out += '<';
  out += node.tag;
  for (const auto& [name, value] : node.attributes) {
    out += ' ';
    out += name;
    out += "=\"";
    out += EscapeAttribute(value);
    out += '"';
  }
  if (node.tag == "br") {
    out += "/>";
    return;
  }
  out += '>';
  if (node.tag == "img") return;
  for (const RichTextNode& child : node.children) Write(child, out);
  out += "</";
  out += node.tag;
  out += '>';
}

RichTextNode Object(std::string_view data_type, std::string_view attribute, std::string_view value) {
  return RichTextNode::Element("object", {},
                               {{"type", "application/kenticocloud"},
                                {"data-type", std::string(data_type)},
                                {std::string(attribute), std::string(value)}});
}

}  // namespace

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Serialize(const std::vector<RichTextNode>& blocks) {
  if (blocks.empty()) return "<p><br/></p>";
  std::string out;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0) out += '\n';
    Write(blocks[i], out);
  }
  return out;
}

RichTextNode ItemObject(std::string_view id) {
  return Object("item", "data-id", id);
}
RichTextNode ItemObjectByExternalId(std::string_view external_id) {
  return Object("item", "data-external-id", external_id);
}
RichTextNode ComponentObject(std::string_view id) {
  return Object("component", "data-id", id);
}

RichTextNode AssetFigure(std::string_view asset_id) {
  RichTextNode image = RichTextNode::Element("img", {}, {{"src", "#"}, {"data-asset-id", std::string(asset_id)}});
  return RichTextNode::Element("figure", {std::move(image)}, {{"data-asset-id", std::string(asset_id)}});
}

RichTextNode AssetFigureByExternalId(std::string_view external_id) {
  return RichTextNode::Element("figure", {}, {{"data-asset-external-id", std::string(external_id)}});
}

std::string PlainTextToRichText(std::string_view text) {
  std::vector<RichTextNode> blocks;
  std::vector<std::string_view> lines;
  auto flush = [&] {
    if (lines.empty()) return;
    RichTextNode paragraph = RichTextNode::Element("p");
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) paragraph.children.push_back(RichTextNode::Element("br"));
      paragraph.children.push_back(RichTextNode::Text(std::string(lines[i])));
    }
    blocks.push_back(std::move(paragraph));
    lines.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      flush();
    } else {
      lines.push_back(line);
    }
    start = end + 1;
  }
  flush();
  return Serialize(blocks);
}

}  // namespace kbulk::richtext
