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
        const std::string* id = asset != kbulk_ids_->assets.external_id_to_id.end() ? &asset->second
                                : item != kbulk_ids_->items.external_id_to_id.end() ? &item->second
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

}  // namespace kbulk::feeds
