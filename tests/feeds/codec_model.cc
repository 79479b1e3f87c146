#include "tests/feeds/codec_model.h"

#include <stdexcept>

namespace kbulk::feeds::testing {
namespace {

std::string Element(int id, const std::string& codename, const std::string& type, const std::string& extra = "") {
  return "{\"id\":\"" + Id(id) + "\",\"codename\":\"" + codename + "\",\"type\":\"" + type + "\",\"name\":\"" +
         codename + "\"" + extra + "}";
}

void Must(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.message());
}

}  // namespace

std::string ArticleTypeJson() {
  return "{\"id\":\"" + Id(100) + "\",\"codename\":\"article\",\"name\":\"Article\",\"elements\":[" +
         Element(1, "title", "text") + "," + Element(2, "body", "rich_text") + "," + Element(3, "price", "number") +
         "," + Element(4, "released", "date_time") + "," +
         Element(5, "size", "multiple_choice",
                 ",\"mode\":\"multiple\",\"options\":[{\"id\":\"" + Id(51) + "\",\"codename\":\"small\"},{\"id\":\"" +
                     Id(52) + "\",\"codename\":\"large\"}]") +
         "," + Element(6, "topics", "taxonomy", ",\"taxonomy_group\":{\"id\":\"" + Id(60) + "\"}") + "," +
         Element(7, "related", "modular_content") + "," + Element(8, "pages", "subpages") + "," +
         Element(9, "hero", "asset") + "," + Element(10, "slug", "url_slug") + "," + Element(11, "color", "custom") +
         "," + Element(12, "note", "guidelines") + "," +
         Element(13, "seo", "snippet", ",\"snippet\":{\"id\":\"" + Id(110) + "\"}") + "]}";
}

std::string SeoSnippetJson() {
  return "{\"id\":\"" + Id(110) + "\",\"codename\":\"seo\",\"elements\":[" + Element(14, "seo__keywords", "text") +
         "]}";
}

TestNames::TestNames() {
  Must(model_.Add(EntityKind::kContentType, ArticleTypeJson()));
  Must(model_.Add(EntityKind::kSnippet, SeoSnippetJson()));
  Must(model_.Add(EntityKind::kContentType, "{\"id\":\"" + Id(20) + "\",\"codename\":\"callout\",\"elements\":[" +
                                                Element(21, "callout_text", "text") + "]}"));
  Must(model_.Add(EntityKind::kTaxonomyGroup, "{\"id\":\"" + Id(60) +
                                                  "\",\"codename\":\"topics\",\"terms\":[{\"id\":\"" + Id(61) +
                                                  "\",\"codename\":\"coffee\",\"terms\":[{\"id\":\"" + Id(62) +
                                                  "\",\"codename\":\"espresso\",\"terms\":[]}]}]}"));
  codenames_ = {{Id(30), "about_us"}, {Id(31), "contact"}};
  item_external_ = {{Id(30), "ext-about"}};
  asset_external_ = {{Id(40), "hero-img"}};
}

const std::string* TestNames::ItemCodename(std::string_view item_id) const {
  auto found = codenames_.find(item_id);
  return found != codenames_.end() ? &found->second : nullptr;
}

std::string TestNames::ItemExternalId(std::string_view item_id) const {
  auto found = item_external_.find(item_id);
  return found != item_external_.end() ? found->second : content::SourceExternalId(item_id);
}

std::string TestNames::AssetExternalId(std::string_view asset_id) const {
  auto found = asset_external_.find(asset_id);
  return found != asset_external_.end() ? found->second : content::SourceExternalId(asset_id);
}

}  // namespace kbulk::feeds::testing
