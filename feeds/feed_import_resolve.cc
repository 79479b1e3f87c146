// FeedTarget::ResolveForWrite(): "kbulk-<id>" external ids that name an object of this environment by its
// id (a feed exported from here names objects without an external id so) become references by id.
#include <functional>

#include "core/json.h"
#include "feeds/feed_import_target.h"

namespace kbulk::feeds {
namespace {

constexpr std::string_view kPrefix = "kbulk-";

}  // namespace

Result<std::string> FeedTarget::ResolveForWrite(const Column& column, std::string_view element_json) const {
  (void)column;
  if (element_json.find(kPrefix) == std::string_view::npos) return std::string(element_json);
  if (!kbulk_ids_) {
    kbulk_ids_ = std::make_unique<richtext::RewriteMaps>();
    for (const TargetItem& item : items_) {
      std::string external_id = std::string(kPrefix) + item.id;
      if (ItemByExternalId(external_id) == nullptr) kbulk_ids_->items.external_id_to_id[external_id] = item.id;
    }
    for (const auto& [id, own] : asset_external_id_) {
      std::string external_id = std::string(kPrefix) + id;
      if (asset_external_ids_.count(external_id) == 0) kbulk_ids_->assets.external_id_to_id[external_id] = id;
    }
    for (const auto& [id, own] : rendition_external_id_) {
      std::string external_id = std::string(kPrefix) + id;
      if (rendition_external_ids_.count(external_id) == 0) kbulk_renditions_[external_id] = id;
    }
  }
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
        auto item = kbulk_ids_->items.external_id_to_id.find(key);
        auto asset = kbulk_ids_->assets.external_id_to_id.find(key);
        auto rendition = kbulk_renditions_.find(key);
        const std::string* id = rendition != kbulk_renditions_.end()                  ? &rendition->second
                                : asset != kbulk_ids_->assets.external_id_to_id.end() ? &asset->second
                                : item != kbulk_ids_->items.external_id_to_id.end()   ? &item->second
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
        auto rewritten = richtext::RewriteReferences(html, *kbulk_ids_);
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
    if (!id_by_external_id_) {
      id_by_external_id_ = std::make_unique<std::unordered_map<std::string, std::string>>();
      for (const auto* map : {&asset_external_id_, &rendition_external_id_}) {
        for (const auto& [id, own] : *map) {
          if (!own.empty()) id_by_external_id_->emplace(own, id);
        }
      }
    }
    if (auto it = id_by_external_id_->find(external_id); it != id_by_external_id_->end()) return it->second;
    if (const TargetItem* item = ItemByExternalId(external_id)) return item->id;
    if (external_id.rfind(kPrefix, 0) == 0) {
      std::string id = external_id.substr(kPrefix.size());
      if (rendition_external_id_.count(id) || asset_external_id_.count(id) || ItemCodename(id) != nullptr) return id;
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
