// What a feed import's target holds, read once through list routes before the first row: the content
// type's columns (cell_codec.h), the model names the rows are checked against (languages, collections,
// options, taxonomy terms, workflows) in memory; every item and asset (id, codename, external id), and per
// variant of the type its workflow place and one hash per element column of its current value, encoded and
// decoded by the cell codec exactly as a row's cell is (so a row equal to the target compares equal), in
// SpillingIndexes (spilling_index.h): memory stays within a budget however many items the target holds.
// Never the variants' JSON.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/management_client.h"
#include "core/status.h"
#include "feeds/cell_codec.h"
#include "feeds/row_reader.h"
#include "feeds/spilling_index.h"
#include "feeds/target_records.h"
#include "importer/variant_target.h"

namespace kbulk::feeds {

// A decoded element value as one hash: JSON canonicalized (members sorted, numbers as doubles).
std::uint64_t DecodedValueHash(std::string_view element_json);

class FeedTarget final : public NameLookup {
 public:
  static constexpr std::size_t kDefaultMemoryBudget = 8 * SpillingIndex::kDefaultBudget;

  // `memory_budget`: bytes of items, assets and variants kept in memory (split over their indexes) before
  // they spill to temporary files in `temp_dir` ("" = $TMPDIR, else /tmp).
  explicit FeedTarget(std::size_t memory_budget = kDefaultMemoryBudget, std::string temp_dir = {});
  ~FeedTarget() override;

  // `format` decides how a current value is encoded before it is decoded again (CSV cells or JSON values).
  Status Load(api::ManagementClient& client, std::string_view type_codename, FeedFormat format);

  const Columns& columns() const { return columns_; }
  const std::string& type_id() const { return type_id_; }
  const importer::TargetVariants& workflows() const { return *workflows_; }

  // Lookups return copies. A lookup whose temporary file failed answers "absent" and sets status().
  std::optional<TargetItem> ItemByCodename(std::string_view codename) const;
  std::optional<TargetItem> ItemByExternalId(std::string_view external_id) const;
  std::optional<TargetVariant> Variant(std::string_view item_id, std::string_view language_id) const;
  void Forget(std::string_view item_id, std::string_view language_id);  // after a write: compare no more
  // Adds an item created by this import (so later rows of it find it), or replaces one it updated.
  void Remember(const TargetItem& item);
  // The first failure of the indexes' temporary files (Ok = none): check it after Load() and each row.
  const Status& status() const { return failure_; }
  std::uint64_t spills() const;  // runs the indexes wrote to their temporary files

  const std::string* LanguageId(std::string_view codename) const;
  bool HasCollection(std::string_view codename) const { return collections_.count(std::string(codename)) > 0; }
  // Problems of a decoded value against the model and the content: unknown options, terms, items, assets.
  // "" = fine.
  std::string CheckReferences(const Column& column, const JsonValue& element) const;
  // A reference by external id "kbulk-<uuid>" that no target object carries but an object with that id
  // exists (an item or asset of this environment written by a feed export): rewritten to the id, in lists
  // and in rich text (components included). Returns the element JSON to upsert.
  Result<std::string> ResolveForWrite(const Column& column, std::string_view element_json) const;

  // A decoded element value as compared: references to this environment's items, assets and renditions by
  // external id (their own, or "kbulk-<id>") become references by id, so either naming compares equal.
  std::string Normalize(std::string_view element_json) const;
  std::uint64_t ValueHash(std::string_view element_json) const { return DecodedValueHash(Normalize(element_json)); }

  // NameLookup (encoding the target's current values).
  const content::ModelIndex& model() const override { return *model_; }
  const std::string* ItemCodename(std::string_view item_id) const override;
  std::string ItemExternalId(std::string_view item_id) const override;
  std::string AssetExternalId(std::string_view asset_id) const override;
  std::string RenditionExternalId(std::string_view rendition_id) const override;

 private:
  Status LoadModel(api::ManagementClient& client, std::string_view type_codename);
  Status LoadVariants(api::ManagementClient& client, FeedFormat format);
  // The renditions of the assets the type's variants use with renditions (one list request per asset).
  Status LoadRenditions(api::ManagementClient& client);
  void Put(SpillingIndex& index, std::string_view key, std::string_view value);
  // The value of `key`; nullopt when absent, tombstoned ("" where "" is no value) or unreadable.
  std::optional<std::string> Get(SpillingIndex& index, std::string_view key, bool empty_is_absent) const;
  std::optional<TargetItem> ItemById(std::string_view id) const;
  void PutItem(const TargetItem& item);
  std::optional<std::string> AssetExternalIdOf(std::string_view asset_id) const {  // "" = none
    return Get(asset_external_id_, asset_id, false);
  }
  bool HasAssetExternalId(std::string_view external_id) const {
    return Get(asset_by_external_id_, external_id, true).has_value();
  }

  Columns columns_;
  std::string type_id_;
  std::unique_ptr<content::ModelIndex> model_;
  std::unique_ptr<importer::TargetVariants> workflows_;
  std::unordered_map<std::string, std::string> languages_;        // codename -> id
  std::set<std::string> collections_;                             // codenames
  std::map<std::string, std::set<std::string>> options_, terms_;  // element codename -> allowed codenames
  // Lookups change the indexes' caches: mutable, as NameLookup's methods are const. "" = a removed entry
  // where noted.
  mutable SpillingIndex items_;                 // item id -> the item (feed_import_target.cc Encode)
  mutable SpillingIndex item_by_codename_;      // codename -> item id ("" = removed)
  mutable SpillingIndex item_by_external_id_;   // external id -> item id ("" = removed)
  mutable SpillingIndex asset_external_id_;     // asset id -> external id ("" = none)
  mutable SpillingIndex asset_by_external_id_;  // external id -> asset id
  mutable SpillingIndex variants_;              // item id + "/" + language id -> the variant ("" = forgotten)
  mutable Status failure_;
  mutable std::string codename_;  // ItemCodename()'s answer, valid until its next call
  // Only the renditions of assets the type's variants use: in memory.
  std::unordered_map<std::string, std::string> rendition_external_id_;  // rendition id -> external id
  std::unordered_map<std::string, std::string> rendition_by_external_id_;
};

}  // namespace kbulk::feeds
