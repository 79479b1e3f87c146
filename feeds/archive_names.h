// ArchiveNames: the names a feed needs, learned from an archive's model records, assets and items. The model
// is small and kept in memory; the per-object names (an item's codename, external id, type and, for the
// feed's type, name and collection; an asset's or rendition's external id) go to a SpillingIndex, so memory
// stays within a budget however many items the archive holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/model_index.h"
#include "core/entity_kind.h"
#include "feeds/cell_codec.h"
#include "feeds/spilling_index.h"

namespace kbulk::feeds {

// Per item (ids of types and collections are interned).
struct ItemNames {
  std::string codename;
  std::optional<std::string> external_id;
  std::string name;              // only for items of the feed's type
  std::uint32_t type = 0;        // ArchiveNames::Interned()
  std::uint32_t collection = 0;  // only for items of the feed's type
};

class ArchiveNames : public NameLookup {
 public:
  // `memory_budget`: bytes of per-object names kept in memory before they spill to a temporary file in
  // `temp_dir` ("" = $TMPDIR, else /tmp).
  explicit ArchiveNames(std::size_t memory_budget = SpillingIndex::kDefaultBudget, std::string temp_dir = {})
      : objects_(memory_budget, std::move(temp_dir)) {}

  Status AddModel(EntityKind kind, std::string_view json) { return model_.Add(kind, json); }
  Status AddAsset(std::string_view record);  // an enveloped asset line
  // An item; name and collection are kept when its type is `*feed_type_id`.
  Status AddItem(std::string_view json, const std::string* feed_type_id);

  // nullopt when the item is unknown (or a lookup failed: see status()).
  std::optional<ItemNames> Item(std::string_view id) const;
  const std::string& Interned(std::uint32_t index) const { return interned_[index]; }
  std::string LanguageName(std::string_view language_id) const;  // codename, else the id
  // The first failure of a lookup (the temporary file could not be read); lookups cannot return one.
  const Status& status() const { return status_; }
  std::uint64_t spills() const { return objects_.spills(); }

  const content::ModelIndex& model() const override { return model_; }
  // Points into this object: valid until the next call of ItemCodename().
  const std::string* ItemCodename(std::string_view item_id) const override;
  std::string ItemExternalId(std::string_view item_id) const override;
  std::string AssetExternalId(std::string_view asset_id) const override;
  std::string RenditionExternalId(std::string_view rendition_id) const override;

 private:
  std::uint32_t Intern(std::string_view text);
  // The external id of an asset ('a') or rendition ('r'), or SourceExternalId(id).
  std::string ExternalId(char kind, std::string_view id) const;
  // Looks `key` up; false when absent or when the lookup failed (status_ keeps the failure).
  bool Find(const std::string& key, std::string& value) const;

  content::ModelIndex model_;
  mutable SpillingIndex objects_;  // Key(kind, id) -> the names
  mutable Status status_ = Status::Ok();
  mutable std::string scratch_, codename_;
  std::vector<std::string> interned_{std::string()};
  std::unordered_map<std::string, std::uint32_t> intern_index_{{std::string(), 0}};
};

}  // namespace kbulk::feeds
