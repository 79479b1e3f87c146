// Language variants of one emulated environment: the latest version of each (item, language) and, when
// the latest is not itself the published one, the published version. Indexed by item, content type and
// collection so every "variants by ..." list pages in O(page size).
// Not thread-safe: the server serializes access to the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kbulk::emulator {

struct StoredVariant {
  std::string item_id;
  std::string language_id;
  std::string type_id;                   // of the item, for the by-type index
  std::string collection_id;             // of the item, for the by-collection index
  std::string latest;                    // JSON of the latest version
  std::optional<std::string> published;  // JSON of an older published version, when one exists
  std::string step_before_schedule;      // where cancelling a scheduled publish returns to
  std::uint64_t seq = 0;
};

struct VariantPage {
  std::vector<const StoredVariant*> variants;
  std::uint64_t next_seq = 0;  // 0 when this is the last page
};

class VariantTable {
 public:
  enum class Index { kAll, kItem, kType, kCollection };

  const StoredVariant* Find(std::string_view item_id, std::string_view language_id) const;
  StoredVariant* FindMutable(std::string_view item_id, std::string_view language_id);
  // Inserts or replaces the variant of (item_id, language_id), keeping its position when it exists.
  void Put(StoredVariant variant);
  bool Erase(std::string_view item_id, std::string_view language_id);
  // Moves an item's variants in the type and collection indexes (after the item changed collection).
  void ReindexItem(std::string_view item_id, std::string_view type_id, std::string_view collection_id);

  // A page of the variants under `index` keyed by `key` (ignored for kAll), from `from_seq` on.
  VariantPage Page(Index index, std::string_view key, std::uint64_t from_seq, std::size_t limit) const;
  std::vector<const StoredVariant*> OfItem(std::string_view item_id) const;
  std::size_t size() const { return by_key_.size(); }

 private:
  using Order = std::map<std::uint64_t, std::string>;  // seq -> key
  const Order* IndexFor(Index index, std::string_view key) const;
  void Unindex(const StoredVariant& v);
  void Reindex(const StoredVariant& v, const std::string& key);

  std::unordered_map<std::string, StoredVariant> by_key_;
  Order all_;
  std::unordered_map<std::string, Order> by_item_, by_type_, by_collection_;
  std::uint64_t next_seq_ = 1;
};

}  // namespace kbulk::emulator
