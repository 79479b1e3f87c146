// The canonical serializer: exact output, escaping, and that what it builds validates.
#include <catch2/catch.hpp>

#include "richtext/serializer.h"
#include "richtext/validator.h"

namespace rt = kbulk::richtext;

TEST_CASE("serializer: canonical output of blocks and builders", "[richtext][serializer]") {
  std::vector<rt::RichTextNode> blocks;
  blocks.push_back(rt::RichTextNode::Element(
      "p", {rt::RichTextNode::Text("a < b & c"), rt::RichTextNode::Element("br"),
            rt::RichTextNode::Element("a", {rt::RichTextNode::Text("link")}, {{"href", "https://x.cz/?q=\"1\""}})}));
  blocks.push_back(rt::ItemObject("f5eeaaec-dbcc-4365-a1a7-97d75f3af19b"));
  blocks.push_back(rt::AssetFigure("57e7dc91-cfcf-5765-9346-21e1eeee7a53"));
  blocks.push_back(rt::AssetFigureByExternalId("logo"));
  blocks.push_back(rt::ItemObjectByExternalId("hero"));
  std::string html = rt::Serialize(blocks);
  CHECK(html ==
        "<p>a &lt; b &amp; c<br/><a href=\"https://x.cz/?q=&quot;1&quot;\">link</a></p>\n"
        "<object type=\"application/kenticocloud\" data-type=\"item\" "
        "data-id=\"f5eeaaec-dbcc-4365-a1a7-97d75f3af19b\"></object>\n"
        "<figure data-asset-id=\"57e7dc91-cfcf-5765-9346-21e1eeee7a53\"><img src=\"#\" "
        "data-asset-id=\"57e7dc91-cfcf-5765-9346-21e1eeee7a53\"></figure>\n"
        "<figure data-asset-external-id=\"logo\"></figure>\n"
        "<object type=\"application/kenticocloud\" data-type=\"item\" data-external-id=\"hero\"></object>");
  CHECK(rt::Validate(html).empty());
}

TEST_CASE("serializer: empty value and plain text", "[richtext][serializer]") {
  CHECK(rt::Serialize({}) == "<p><br/></p>");
  CHECK(rt::PlainTextToRichText("") == "<p><br/></p>");
  CHECK(rt::PlainTextToRichText("one\ntwo\r\n\nthree <4>") == "<p>one<br/>two</p>\n<p>three &lt;4&gt;</p>");
  CHECK(rt::Validate(rt::PlainTextToRichText("one\ntwo\n\nthree")).empty());
  CHECK(rt::Validate(rt::Serialize({})).empty());
}
