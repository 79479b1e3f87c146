// ExtractReferences: every reference kind, its source positions, and link details.
#include <catch2/catch.hpp>

#include "richtext/reference_extractor.h"

namespace rt = kbulk::richtext;

namespace {
std::vector<rt::RichTextReference> Extract(std::string_view html) {
  auto references = rt::ExtractReferences(html);
  REQUIRE(references.ok());
  return std::move(*references);
}
}  // namespace

TEST_CASE("extractor: every reference kind with its attribute and position", "[richtext][extract]") {
  const std::string html =
      "<object type=\"application/kenticocloud\" data-type=\"item\" data-external-id=\"hero\"></object>\n"
      "<object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"c1\"></object>\n"
      "<figure data-asset-external-id='logo'></figure>\n"
      "<figure data-asset-id=\"a1\"><img src=\"#\" data-asset-id=\"a1\"></figure>\n"
      "<p><a data-item-external-id=\"page\">x</a><a data-asset-id=\"a2\">y</a><a href=\"https://e.com/?a=1&amp;b=2\" "
      "title=\"T\" data-new-window=\"true\">z</a><a data-email-address=\"m@x.cz\" data-email-subject=\"Hi\">m</a>"
      "<a data-phone-number=\"+1 2\">p</a><a data-asset-external-id=\"doc\">d</a></p>";
  auto refs = Extract(html);
  REQUIRE(refs.size() == 11);
  using K = rt::ReferenceKind;
  using B = rt::ReferenceBy;
  const std::vector<std::tuple<K, B, std::string, std::string>> expected = {
      {K::kItemObject, B::kExternalId, "data-external-id", "hero"},
      {K::kComponentObject, B::kId, "data-id", "c1"},
      {K::kAssetFigure, B::kExternalId, "data-asset-external-id", "logo"},
      {K::kAssetFigure, B::kId, "data-asset-id", "a1"},
      {K::kAssetImage, B::kId, "data-asset-id", "a1"},
      {K::kItemLink, B::kExternalId, "data-item-external-id", "page"},
      {K::kAssetLink, B::kId, "data-asset-id", "a2"},
      {K::kUrlLink, B::kNone, "href", "https://e.com/?a=1&b=2"},
      {K::kEmailLink, B::kNone, "data-email-address", "m@x.cz"},
      {K::kPhoneLink, B::kNone, "data-phone-number", "+1 2"},
      {K::kAssetLink, B::kExternalId, "data-asset-external-id", "doc"},
  };
  for (std::size_t i = 0; i < refs.size(); ++i) {
    INFO("reference " << i);
    CHECK(refs[i].kind == std::get<0>(expected[i]));
    CHECK(refs[i].by == std::get<1>(expected[i]));
    CHECK(refs[i].attribute == std::get<2>(expected[i]));
    CHECK(refs[i].value == std::get<3>(expected[i]));
    // Positions point at the attribute as written.
    CHECK(html.compare(refs[i].name_offset, refs[i].attribute.size(), refs[i].attribute) == 0);
    CHECK(html[refs[i].element_offset] == '<');
    CHECK(html[refs[i].element_offset + refs[i].element_length - 1] == '>');
  }
  CHECK(refs[2].quote == '\'');
  CHECK(refs[0].quote == '"');
  CHECK(html.substr(refs[7].offset, refs[7].length) == "https://e.com/?a=1&amp;b=2");
  CHECK(refs[7].title == "T");
  CHECK(refs[7].new_window);
  CHECK(refs[8].email_subject == "Hi");
  CHECK_FALSE(refs[5].new_window);
  CHECK(refs[4].tag == "img");
}

TEST_CASE("extractor: unquoted and empty attribute values", "[richtext][extract]") {
  std::string html = "<p><a data-item-id=abc>x</a><a data-item-id>y</a></p>";
  auto refs = Extract(html);
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].quote == 0);
  CHECK(html.substr(refs[0].offset, refs[0].length) == "abc");
  CHECK(refs[1].value.empty());
  CHECK(refs[1].length == 0);
}

TEST_CASE("extractor: nothing in plain text and references counted once across reopened formatting",
          "[richtext][extract]") {
  CHECK(Extract("<p>plain <strong>text</strong></p>").empty());
  CHECK(Extract("").empty());
  // <a> crossing <p> boundaries is reopened by the parser; the attribute is still one reference.
  auto refs = Extract("<p><a data-item-id=\"i\"><em>x</p><p>y</em></a></p>");
  CHECK(refs.size() == 1);
}
