// A small content model with one element of every type (a snippet and a component type too) and a
// NameLookup over a few items and assets, for the cell codec tests.
#pragma once

#include <map>
#include <string>

#include "content/import_naming.h"
#include "content/model_index.h"
#include "feeds/cell_codec.h"

namespace kbulk::feeds::testing {

// "00000000-0000-0000-0000-0000000000NN"
inline std::string Id(int n) {
  std::string tail = std::to_string(n);
  return "00000000-0000-0000-0000-" + std::string(12 - tail.size(), '0') + tail;
}

// Element ids: 1 title (text), 2 body (rich_text), 3 price (number), 4 released (date_time), 5 size
// (multiple_choice: 51 small, 52 large), 6 topics (taxonomy: 61 coffee > 62 espresso), 7 related
// (modular_content), 8 pages (subpages), 9 hero (asset), 10 slug (url_slug), 11 color (custom),
// 12 guidelines, 13 the snippet "seo" (14 seo__keywords, text). Component type "callout" (20) has 21
// callout_text (text). Items: 30 about_us (external id "ext-about"), 31 contact (none). Assets: 40 with
// external id "hero-img", 41 without. Rendition 42 without an external id.
std::string ArticleTypeJson();
std::string SeoSnippetJson();

class TestNames : public NameLookup {
 public:
  TestNames();
  const content::ModelIndex& model() const override { return model_; }
  const std::string* ItemCodename(std::string_view item_id) const override;
  std::string ItemExternalId(std::string_view item_id) const override;
  std::string AssetExternalId(std::string_view asset_id) const override;

 private:
  content::ModelIndex model_;
  std::map<std::string, std::string, std::less<>> codenames_, item_external_, asset_external_;
};

}  // namespace kbulk::feeds::testing
