// Indexed object storage for one kind in one environment.
#include "emulator/object_table.h"

namespace kbulk::emulator {

const JsonDocument& StoredObject::Doc() const {
  if (!parsed) {
    auto doc = std::make_shared<JsonDocument>();
    if (auto result = ParseJson(json); result.ok()) *doc = std::move(result).value();
    parsed = std::move(doc);
  }
  return *parsed;
}

const StoredObject* ObjectTable::FindById(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &it->second;
}

const StoredObject* ObjectTable::FindByCodename(std::string_view codename) const {
  auto it = by_codename_.find(std::string(codename));
  return it == by_codename_.end() ? nullptr : FindById(it->second);
}

const StoredObject* ObjectTable::FindByExternalId(std::string_view external_id) const {
  auto it = by_external_id_.find(std::string(external_id));
  return it == by_external_id_.end() ? nullptr : FindById(it->second);
}

const StoredObject* ObjectTable::Find(const Reference& reference) const {
  switch (reference.kind()) {
    case Reference::Kind::kId: return FindById(reference.value());
    case Reference::Kind::kCodename: return FindByCodename(reference.value());
    case Reference::Kind::kExternalId: return FindByExternalId(reference.value());
  }
  return nullptr;
}

void ObjectTable::Put(StoredObject object) {
  object.parsed.reset();  // the text may have changed
  auto it = by_id_.find(object.id);
  if (it != by_id_.end()) {
    StoredObject& old = it->second;
    if (!old.codename.empty()) by_codename_.erase(old.codename);
    if (!old.external_id.empty()) by_external_id_.erase(old.external_id);
    object.seq = old.seq;
  } else {
    object.seq = next_seq_++;
    order_.emplace(object.seq, object.id);
  }
  if (!object.codename.empty()) by_codename_[object.codename] = object.id;
  if (!object.external_id.empty()) by_external_id_[object.external_id] = object.id;
  std::string id = object.id;
  by_id_.insert_or_assign(std::move(id), std::move(object));
}

bool ObjectTable::Erase(std::string_view id) {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return false;
  if (!it->second.codename.empty()) by_codename_.erase(it->second.codename);
  if (!it->second.external_id.empty()) by_external_id_.erase(it->second.external_id);
  order_.erase(it->second.seq);
  by_id_.erase(it);
  return true;
}

ObjectPage ObjectTable::Page(std::uint64_t from_seq, std::size_t limit) const {
  ObjectPage page;
  auto it = order_.lower_bound(from_seq);
  for (; it != order_.end() && page.objects.size() < limit; ++it) page.objects.push_back(FindById(it->second));
  if (it != order_.end()) page.next_seq = it->first;
  return page;
}

std::vector<const StoredObject*> ObjectTable::All() const {
  std::vector<const StoredObject*> all;
  all.reserve(order_.size());
  for (const auto& [seq, id] : order_) all.push_back(FindById(id));
  return all;
}

}  // namespace kbulk::emulator
