// What the import's target already holds of assets and items, read once up front through list routes
// (100 objects a request, never a GET per object), kept as compact fingerprints per external id so a
// re-run writes only what differs while memory stays a few dozen bytes per object. Also the target's
// names for collections, languages, asset folders and taxonomy terms, so the target's objects (which
// reference those by id) can be compared with the archive's in codename space.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "api/management_client.h"
#include "core/json.h"
#include "core/status.h"

namespace kbulk::importer {

// An asset as the import compares it: every reference by codename (or by the asset type's element id,
// which is the same in every environment of a project).
struct AssetShape {
  std::string codename;
  std::string title;                                                       // "\x01null" when null or absent
  std::string folder;                                                      // codename; "" = top level
  std::string collection;                                                  // codename; "" = none
  std::vector<std::pair<std::string, std::string>> descriptions;           // language codename, description JSON
  std::vector<std::pair<std::string, std::vector<std::string>>> elements;  // element id, term codenames
};
std::uint64_t Fingerprint(AssetShape shape);

struct ItemShape {
  std::string name;
  std::string collection;  // codename
};
std::uint64_t Fingerprint(const ItemShape& shape);

std::uint64_t HashText(std::string_view text);  // FNV-1a 64

class TargetState {
 public:
  struct Asset {
    std::uint64_t fingerprint = 0;
    std::uint64_t size = 0;
    std::uint64_t type_hash = 0;  // HashText of the MIME type
  };
  struct Item {
    std::uint64_t fingerprint = 0;
    std::uint64_t codename_hash = 0;
  };

  // Collections, languages, asset folders and taxonomy terms of the target (a handful of requests).
  Status LoadNames(api::ManagementClient& client);
  Status LoadAssets(api::ManagementClient& client);
  Status LoadItems(api::ManagementClient& client);

  const Asset* FindAsset(std::string_view external_id) const;
  const Item* FindItem(std::string_view external_id) const;
  // A target item without an external id, found by codename: an archived item whose external id the target
  // lacks is matched to it (the API cannot add an external id to an existing item, so it keeps its id).
  struct CodenameMatch {
    std::string id;
    Item item;
  };
  const CodenameMatch* FindItemByCodename(std::string_view codename) const;
  // Likewise for assets: a target asset without an external id, by codename.
  struct AssetCodenameMatch {
    std::string id;
    Asset asset;
  };
  const AssetCodenameMatch* FindAssetByCodename(std::string_view codename) const;
  // True when a target item other than the one with `external_id` has this codename.
  bool ItemCodenameTakenByOther(std::string_view codename, std::string_view external_id) const;

  // The target's id of a taxonomy term, by codename (nullptr when the target lacks it).
  const std::string* TermId(std::string_view codename) const;

  // The shape of a target asset (references by the target's ids, named through the loaded names).
  AssetShape ShapeOf(const JsonValue& target_asset) const;

  std::size_t asset_count() const { return assets_.size(); }
  std::size_t item_count() const { return items_.size(); }

 private:
  std::string Name(const std::unordered_map<std::string, std::string>& names, std::string_view id) const;

  std::unordered_map<std::string, std::string> collections_, languages_, folders_, terms_;  // id -> codename
  std::unordered_map<std::string, std::string> term_ids_;                                   // codename -> id
  std::unordered_map<std::uint64_t, Asset> assets_;  // HashText(external id) -> state
  std::unordered_map<std::uint64_t, Item> items_;
  std::unordered_map<std::uint64_t, std::uint64_t> item_codenames_;             // codename hash -> external id hash
  std::unordered_map<std::uint64_t, CodenameMatch> items_without_external_id_;  // by codename hash
  std::unordered_map<std::uint64_t, AssetCodenameMatch> assets_without_external_id_;  // by codename hash
};

// Reference helpers for API objects: the id inside {"id": ...} (also {"reference": {"id": ...}}).
std::string ReferencedId(const JsonValue* reference);

}  // namespace kbulk::importer
