// ArchiveNames: the names a feed needs, learned from an archive's model records, assets and items (small
// lookups: an id and one or two names per object).
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/model_index.h"
#include "core/entity_kind.h"
#include "core/uuid.h"
#include "feeds/cell_codec.h"

namespace kbulk::feeds {

// Per item: small (ids of types and collections are interned; the item's own id is kept as 16 bytes).
struct ItemNames {
  std::string codename;
  std::optional<std::string> external_id;
  std::string name;              // only for items of the feed's type
  std::uint32_t type = 0;        // ArchiveNames::Interned()
  std::uint32_t collection = 0;  // only for items of the feed's type
};

class ArchiveNames : public NameLookup {
 public:
  Status AddModel(EntityKind kind, std::string_view json) { return model_.Add(kind, json); }
  Status AddAsset(std::string_view record);  // an enveloped asset line
  // An item; name and collection are kept when its type is `*feed_type_id`.
  Status AddItem(std::string_view json, const std::string* feed_type_id);

  const ItemNames* Item(std::string_view id) const;
  const std::string& Interned(std::uint32_t index) const { return interned_[index]; }
  std::string LanguageName(std::string_view language_id) const;  // codename, else the id

  const content::ModelIndex& model() const override { return model_; }
  const std::string* ItemCodename(std::string_view item_id) const override;
  std::string ItemExternalId(std::string_view item_id) const override;
  std::string AssetExternalId(std::string_view asset_id) const override;
  std::string RenditionExternalId(std::string_view rendition_id) const override;

 private:
  content::ModelIndex model_;
  struct UuidHash {
    std::size_t operator()(const Uuid& id) const {
      std::size_t h;
      std::memcpy(&h, id.bytes().data(), sizeof h);
      return h;
    }
  };
  std::uint32_t Intern(std::string_view text);

  std::unordered_map<Uuid, ItemNames, UuidHash> items_;
  std::unordered_map<std::string, ItemNames> other_items_;  // ids that are not UUIDs (not from the API)
  std::vector<std::string> interned_{std::string()};
  std::unordered_map<std::string, std::uint32_t> intern_index_{{std::string(), 0}};
  std::unordered_map<std::string, std::string> asset_external_ids_;      // only assets that have one
  std::unordered_map<std::string, std::string> rendition_external_ids_;  // likewise
};

}  // namespace kbulk::feeds
