// Indexed variant storage.
#include "emulator/variant_table.h"

namespace kbulk::emulator {
namespace {

std::string Key(std::string_view item_id, std::string_view language_id) {
  std::string key(item_id);
  key += '/';
  key += language_id;
  return key;
}

}  // namespace

const StoredVariant* VariantTable::Find(std::string_view item_id, std::string_view language_id) const {
  auto it = by_key_.find(Key(item_id, language_id));
  return it == by_key_.end() ? nullptr : &it->second;
}

StoredVariant* VariantTable::FindMutable(std::string_view item_id, std::string_view language_id) {
  auto it = by_key_.find(Key(item_id, language_id));
  return it == by_key_.end() ? nullptr : &it->second;
}

void VariantTable::Unindex(const StoredVariant& v) {
  all_.erase(v.seq);
  by_item_[v.item_id].erase(v.seq);
  by_type_[v.type_id].erase(v.seq);
  by_collection_[v.collection_id].erase(v.seq);
}

void VariantTable::Reindex(const StoredVariant& v, const std::string& key) {
  all_.emplace(v.seq, key);
  by_item_[v.item_id].emplace(v.seq, key);
  by_type_[v.type_id].emplace(v.seq, key);
  by_collection_[v.collection_id].emplace(v.seq, key);
}

void VariantTable::Put(StoredVariant variant) {
  std::string key = Key(variant.item_id, variant.language_id);
  auto it = by_key_.find(key);
  if (it != by_key_.end()) {
    variant.seq = it->second.seq;
    Unindex(it->second);
  } else {
    variant.seq = next_seq_++;
  }
  Reindex(variant, key);
  by_key_.insert_or_assign(key, std::move(variant));
}

bool VariantTable::Erase(std::string_view item_id, std::string_view language_id) {
  auto it = by_key_.find(Key(item_id, language_id));
  if (it == by_key_.end()) return false;
  Unindex(it->second);
  by_key_.erase(it);
  return true;
}

void VariantTable::ReindexItem(std::string_view item_id, std::string_view type_id, std::string_view collection_id) {
  auto item_it = by_item_.find(std::string(item_id));
  if (item_it == by_item_.end()) return;
  const Order keys = item_it->second;
  for (const auto& [seq, key] : keys) {
    StoredVariant& v = by_key_.at(key);
    Unindex(v);
    v.type_id = type_id;
    v.collection_id = collection_id;
    Reindex(v, key);
  }
}

const VariantTable::Order* VariantTable::IndexFor(Index index, std::string_view key) const {
  const std::unordered_map<std::string, Order>* map = nullptr;
  switch (index) {
    case Index::kAll: return &all_;
    case Index::kItem: map = &by_item_; break;
    case Index::kType: map = &by_type_; break;
    case Index::kCollection: map = &by_collection_; break;
  }
  auto it = map->find(std::string(key));
  return it == map->end() ? nullptr : &it->second;
}

VariantPage VariantTable::Page(Index index, std::string_view key, std::uint64_t from_seq, std::size_t limit) const {
  VariantPage page;
  const Order* order = IndexFor(index, key);
  if (order == nullptr) return page;
  auto it = order->lower_bound(from_seq);
  for (; it != order->end() && page.variants.size() < limit; ++it) page.variants.push_back(&by_key_.at(it->second));
  if (it != order->end()) page.next_seq = it->first;
  return page;
}

std::vector<const StoredVariant*> VariantTable::OfItem(std::string_view item_id) const {
  return Page(Index::kItem, item_id, 0, static_cast<std::size_t>(-1)).variants;
}

}  // namespace kbulk::emulator
