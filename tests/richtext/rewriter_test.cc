// Rewriting by splicing: exact output for every mapping direction, bytes outside rewritten attributes kept,
// nested components rewritten, and the three unmapped policies.
#include <catch2/catch.hpp>

#include "core/json.h"
#include "richtext/element_rewriter.h"
#include "richtext/reference_rewriter.h"
#include "richtext/validator.h"

namespace rt = kbulk::richtext;

namespace {
const char* const kItemA = "9637943f-8488-456c-93b1-7c11e818ae91";
const char* const kItemB = "26c7eef8-7738-445b-816e-f3d3b32ca0c1";
const char* const kAssetA = "d4d07406-adfd-404b-bbd5-58c5de6adfd2";
const char* const kAssetB = "57e7dc91-cfcf-5765-9346-21e1eeee7a53";

rt::RewriteResult Rewrite(std::string_view html, const rt::RewriteMaps& maps, const rt::RewriteOptions& options = {}) {
  auto result = rt::RewriteReferences(html, maps, options);
  REQUIRE(result.ok());
  return std::move(*result);
}
}  // namespace

TEST_CASE("rewriter: id -> id keeps every other byte, quotes and odd spacing included", "[richtext][rewrite]") {
  // Unusual but valid source formatting must survive: single quotes, upper-case tags, extra spaces, entities.
  std::string html = std::string("<P  class-less>Caf&eacute; <a  data-item-id='") + kItemA +
                     "' title=\"x &amp; y\">link</a></P>\n<FIGURE data-asset-id=\"" + kAssetA +
                     "\"><img src=\"#\"   data-asset-id=\"" + kAssetA + "\"></FIGURE>";
  rt::RewriteMaps maps;
  maps.items.id_to_id[kItemA] = kItemB;
  maps.assets.id_to_id[kAssetA] = kAssetB;
  auto result = Rewrite(html, maps);
  std::string expected = html;
  for (auto [from, to] : {std::pair{kItemA, kItemB}, std::pair{kAssetA, kAssetB}}) {
    for (std::size_t at = expected.find(from); at != std::string::npos; at = expected.find(from)) {
      expected.replace(at, std::string(from).size(), to);
    }
  }
  CHECK(result.html == expected);
  CHECK(result.rewritten == 3);
  CHECK(result.unmapped.empty());
}

TEST_CASE("rewriter: id -> external id and back rename the attribute", "[richtext][rewrite]") {
  std::string html =
      std::string("<p><a data-item-id=\"") + kItemA + "\">a</a> <a data-asset-external-id=\"doc\">d</a></p>\n" +
      "<object type=\"application/kenticocloud\" data-type=\"item\" data-external-id=\"hero\"></object>\n" +
      "<figure data-asset-id=\"" + kAssetA + "\"><img src=\"#\" data-asset-id=\"" + kAssetA + "\"></figure>";
  rt::RewriteMaps maps;
  maps.items.id_to_external_id[kItemA] = "page \"one\"";
  maps.items.external_id_to_id["hero"] = kItemB;
  maps.assets.external_id_to_id["doc"] = kAssetB;
  maps.assets.id_to_external_id[kAssetA] = "logo";
  auto result = Rewrite(html, maps);
  CHECK(result.html == "<p><a data-item-external-id=\"page &quot;one&quot;\">a</a> <a data-asset-id=\"" +
                           std::string(kAssetB) +
                           "\">d</a></p>\n<object type=\"application/kenticocloud\" data-type=\"item\" data-id=\"" +
                           kItemB + "\"></object>\n<figure data-asset-external-id=\"logo\"></figure>");
  CHECK(result.unmapped.empty());
  CHECK(rt::Validate(result.html).empty());
}

TEST_CASE("rewriter: unmapped policies keep, fail and placeholder", "[richtext][rewrite]") {
  std::string html = std::string("<p><a data-item-id=\"") + kItemA + "\">a</a><a href=\"https://x.cz\">u</a></p>\n" +
                     "<figure data-asset-id=\"" + kAssetA + "\"><img src=\"#\" data-asset-id=\"" + kAssetA +
                     "\"></figure>";
  rt::RewriteMaps maps;  // nothing mapped
  SECTION("keep") {
    auto result = Rewrite(html, maps);
    CHECK(result.html == html);
    REQUIRE(result.unmapped.size() == 3);  // the link, the figure, the img; URL links are never references
    CHECK(result.unmapped[0].kind == rt::ReferenceKind::kItemLink);
    CHECK(result.unmapped[0].value == kItemA);
    CHECK(html.compare(result.unmapped[0].offset, 36, kItemA) == 0);
  }
  SECTION("fail") {
    rt::RewriteOptions options;
    options.unmapped = rt::UnmappedPolicy::kFail;
    auto result = rt::RewriteReferences(html, maps, options);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().message().find(kItemA) != std::string::npos);
  }
  SECTION("external-id placeholder") {
    rt::RewriteOptions options;
    options.unmapped = rt::UnmappedPolicy::kExternalIdPlaceholder;
    options.placeholder_external_id = [](rt::TargetKind kind, std::string_view id) {
      return std::string(rt::TargetKindName(kind)) + "-" + std::string(id);
    };
    auto result = Rewrite(html, maps, options);
    CHECK(result.html == std::string("<p><a data-item-external-id=\"item-") + kItemA +
                             "\">a</a><a href=\"https://x.cz\">u</a></p>\n<figure data-asset-external-id=\"asset-" +
                             kAssetA + "\"></figure>");
    CHECK(result.unmapped.size() == 3);
    CHECK(rt::Validate(result.html).empty());
  }
}

TEST_CASE("rewriter: components are mapped id -> id only, never to external ids", "[richtext][rewrite]") {
  std::string html = "<object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"c-1\"></object>";
  rt::RewriteMaps maps;
  maps.components.id_to_external_id["c-1"] = "nope";
  rt::RewriteOptions options;
  options.unmapped = rt::UnmappedPolicy::kExternalIdPlaceholder;
  auto kept = Rewrite(html, maps, options);
  CHECK(kept.html == html);
  CHECK(kept.unmapped.size() == 1);
  maps.components.id_to_id["c-1"] = "c-2";
  CHECK(Rewrite(html, maps).html ==
        "<object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"c-2\"></object>");
}

TEST_CASE("rewriter: nested components of a variant element are rewritten at every level", "[richtext][rewrite]") {
  auto object = [](const char* id) {
    return std::string("<object type=\\\"application/kenticocloud\\\" data-type=\\\"component\\\" data-id=\\\"") + id +
           "\\\"></object>";
  };
  std::string json = std::string("{\"element\":{\"id\":\"e\"},\"value\":\"<p>top</p>") +
                     object("aaaaaaaa-0000-4000-8000-000000000001") +
                     "\",\"components\":[{\"id\":\"aaaaaaaa-0000-4000-8000-000000000001\",\"type\":{\"id\":\"t\"},"
                     "\"elements\":[{\"element\":{\"id\":"
                     "\"n\"},\"value\":\"<p><a data-item-id=\\\"" +
                     kItemA + "\\\">x</a></p>" + object("aaaaaaaa-0000-4000-8000-000000000002") +
                     "\",\"components\":[{\"id\":\"aaaaaaaa-0000-4000-8000-000000000002\",\"type\":{\"id\":\"t\"},"
                     "\"elements\":[{\"element\":{\"id\":"
                     "\"n\"},\"value\":\"<figure data-asset-id=\\\"" +
                     kAssetA +
                     "\\\"></figure>\",\"components\":[]}]}]}"
                     ",{\"element\":{\"id\":\"num\"},\"value\":5}]}]}";
  auto document = kbulk::ParseJson(json);
  REQUIRE(document.ok());
  rt::RewriteMaps maps;
  maps.items.id_to_id[kItemA] = kItemB;
  maps.assets.id_to_id[kAssetA] = kAssetB;
  maps.components.id_to_id["aaaaaaaa-0000-4000-8000-000000000001"] = "bbbbbbbb-0000-4000-8000-000000000001";
  maps.components.id_to_id["aaaaaaaa-0000-4000-8000-000000000002"] = "bbbbbbbb-0000-4000-8000-000000000002";
  auto report = rt::RewriteElement(*document, document->GetAllocator(), maps);
  REQUIRE(report.ok());
  CHECK(report->unmapped.empty());
  CHECK(report->rewritten == 6);  // c1 in value, c1 id, item link, c2 in value, c2 id, figure
  std::string out = kbulk::ToJsonString(*document);
  CHECK(out.find(kItemA) == std::string::npos);
  CHECK(out.find(kAssetA) == std::string::npos);
  CHECK(out.find("aaaaaaaa-0000-4000-8000-000000000001") == std::string::npos);
  CHECK(out.find("data-id=\\\"bbbbbbbb-0000-4000-8000-000000000002\\\"") != std::string::npos);
  CHECK(out.find("\"id\":\"bbbbbbbb-0000-4000-8000-000000000002\"") != std::string::npos);
  CHECK(out.find(kAssetB) != std::string::npos);
  // The rewritten element still validates, components included.
  const kbulk::JsonValue& value = (*document)["value"];
  rt::ValidationContext context;
  context.components = &(*document)["components"];
  auto violations = rt::Validate({value.GetString(), value.GetStringLength()}, context);
  for (const auto& v : violations) INFO(v.code << ": " << v.message);
  CHECK(violations.size() == 0);
}
