// Attribute-level splicing: find ` <name>="`, read the value up to the closing quote, replace both.
#include "emulator/rich_text_references.h"

#include <array>

namespace kbulk::emulator {
namespace {

std::string DecodeEntities(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v.substr(i, 5) == "&amp;") {
      out += '&';
      i += 4;
    } else if (v.substr(i, 6) == "&quot;") {
      out += '"';
      i += 5;
    } else {
      out += v[i];
    }
  }
  return out;
}

struct AttributeRule {
  std::string_view external_attribute;  // with the leading space and the opening quote
  std::string_view id_attribute;
  bool asset;
};

constexpr std::array<AttributeRule, 3> kRules = {{
    {" data-external-id=\"", " data-id=\"", false},
    {" data-item-external-id=\"", " data-item-id=\"", false},
    {" data-asset-external-id=\"", " data-asset-id=\"", true},
}};

}  // namespace

std::string RewriteRichTextExternalIds(Environment& env, std::string_view html) {
  if (html.find("external-id=\"") == std::string_view::npos) return std::string(html);
  std::string out;
  out.reserve(html.size());
  std::size_t pos = 0;
  while (pos < html.size()) {
    std::size_t best = std::string_view::npos;
    const AttributeRule* rule = nullptr;
    for (const AttributeRule& r : kRules) {
      std::size_t at = html.find(r.external_attribute, pos);
      if (at < best) {
        best = at;
        rule = &r;
      }
    }
    if (rule == nullptr) break;
    std::size_t value_start = best + rule->external_attribute.size();
    std::size_t value_end = html.find('"', value_start);
    if (value_end == std::string_view::npos) break;
    const std::string external_id = DecodeEntities(html.substr(value_start, value_end - value_start));
    std::string id;
    if (rule->asset) {
      const StoredObject* asset = env.assets.FindByExternalId(external_id);
      id = asset ? asset->id : env.ReserveId(env.reserved_asset_ids, external_id);
    } else {
      const StoredObject* item = env.items.FindByExternalId(external_id);
      id = item ? item->id : env.ReserveId(env.reserved_item_ids, external_id);
    }
    out.append(html.substr(pos, best - pos));
    out.append(rule->id_attribute);
    out.append(id);
    out += '"';
    pos = value_end + 1;
  }
  out.append(html.substr(pos));
  return out;
}

}  // namespace kbulk::emulator
