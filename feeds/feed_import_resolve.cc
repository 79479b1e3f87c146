// FeedTarget::ResolveForWrite(): "kbulk-<id>" external ids that name an object of this environment by its
// id (a feed exported from here names objects without an external id so) become references by id.
// FeedTarget::Normalize(): references by external id as references by id, for comparing.
#include <functional>
#include <unordered_map>

#include "core/json.h"
#include "feeds/feed_import_target.h"
#include "richtext/reference_rewriter.h"

namespace kbulk::feeds {
namespace {

constexpr std::string_view kPrefix = "kbulk-";

// Every "kbulk-..." in the JSON text (up to a quote, a backslash or markup): the external ids the value
// may name, in its members and in its rich text's attributes.
std::vector<std::string> KbulkNames(std::string_view json) {
  std::vector<std::string> names;
  for (std::size_t at = json.find(kPrefix); at != std::string_view::npos; at = json.find(kPrefix, at + 1)) {
    std::size_t end = json.find_first_of("\"\\'<>&", at);
    if (end == std::string_view::npos) end = json.size();
    if (end > at + kPrefix.size()) names.emplace_back(json.substr(at, end - at));
  }
  return names;
}

}  // namespace

Result<std::string> FeedTarget::ResolveForWrite(const Column& column, std::string_view element_json) const {
  (void)column;
  if (element_json.find(kPrefix) == std::string_view::npos) return std::string(element_json);
  // Only the names this value uses are looked up: "kbulk-<id>" -> id of items and assets, and of renditions,
  // where no object of that kind carries "kbulk-<id>" as its own external id.
  richtext::RewriteMaps maps;
  std::unordered_map<std::string, std::string> renditions;
  for (const std::string& external_id : KbulkNames(element_json)) {
    std::string id = external_id.substr(kPrefix.size());
    if (ItemById(id) && !ItemByExternalId(external_id)) maps.items.external_id_to_id[external_id] = id;
    if (AssetExternalIdOf(id) && !HasAssetExternalId(external_id)) maps.assets.external_id_to_id[external_id] = id;
    if (rendition_external_id_.count(id) > 0 && rendition_by_external_id_.count(external_id) == 0)
      renditions[external_id] = id;
  }
  if (!failure_.ok()) return failure_;
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(element_json));
  auto& alloc = doc.GetAllocator();
  Status failure;
  std::function<void(JsonValue&)> fix = [&](JsonValue& value) {
    if (value.IsArray()) {
      for (auto& v : value.GetArray()) fix(v);
      return;
    }
    if (!value.IsObject()) return;
    if (value.MemberCount() == 1) {
      if (auto external_id = StringMember(value, "external_id")) {
        std::string key(*external_id);
        auto item = maps.items.external_id_to_id.find(key);
        auto asset = maps.assets.external_id_to_id.find(key);
        auto rendition = renditions.find(key);
        const std::string* id = rendition != renditions.end()                  ? &rendition->second
                                : asset != maps.assets.external_id_to_id.end() ? &asset->second
                                : item != maps.items.external_id_to_id.end()   ? &item->second
                                                                               : nullptr;
        if (id != nullptr) {
          value.RemoveAllMembers();
          value.AddMember("id", MakeString(*id, alloc), alloc);
        }
        return;
      }
    }
    for (auto& member : value.GetObject()) {
      std::string_view name(member.name.GetString(), member.name.GetStringLength());
      if (name == "value" && member.value.IsString() && member.value.GetStringLength() > 0 &&
          member.value.GetString()[0] == '<') {
        std::string_view html(member.value.GetString(), member.value.GetStringLength());
        if (html.find(kPrefix) == std::string_view::npos) continue;
        auto rewritten = richtext::RewriteReferences(html, maps);
        if (!rewritten.ok()) {
          failure = rewritten.status();
          continue;
        }
        member.value = MakeString(rewritten->html, alloc);
      } else {
        fix(member.value);
      }
    }
  };
  fix(doc);
  if (!failure.ok()) return failure;
  return ToJsonString(doc);
}

std::string FeedTarget::Normalize(std::string_view element_json) const {
  if (element_json.find("\"external_id\"") == std::string_view::npos) return std::string(element_json);
  auto doc = ParseJson(element_json);
  if (!doc.ok()) return std::string(element_json);
  auto& alloc = doc->GetAllocator();
  auto id_of = [&](const std::string& external_id) -> std::string {
    if (auto asset = Get(asset_by_external_id_, external_id, true)) return *asset;
    if (auto it = rendition_by_external_id_.find(external_id); it != rendition_by_external_id_.end()) return it->second;
    if (auto item = ItemByExternalId(external_id)) return item->id;
    if (external_id.rfind(kPrefix, 0) == 0) {
      std::string id = external_id.substr(kPrefix.size());
      if (rendition_external_id_.count(id) > 0 || AssetExternalIdOf(id) || ItemById(id)) return id;
    }
    return "";
  };
  std::function<void(JsonValue&)> walk = [&](JsonValue& value) {
    if (value.IsArray()) {
      for (auto& v : value.GetArray()) walk(v);
    } else if (value.IsObject()) {
      if (value.MemberCount() == 1) {
        if (auto external_id = StringMember(value, "external_id")) {
          std::string id = id_of(std::string(*external_id));
          if (!id.empty()) {
            value.RemoveAllMembers();
            value.AddMember("id", MakeString(id, alloc), alloc);
          }
          return;
        }
      }
      for (auto& member : value.GetObject()) walk(member.value);
    }
  };
  walk(*doc);
  return ToJsonString(*doc);
}

}  // namespace kbulk::feeds
