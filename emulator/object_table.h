// One kind of object in one emulated environment (items, assets, types, ...): the API JSON text of each
// object (parsed once, on first use), indexed by id, codename and external id, in creation order for
// paging. Listing a page is O(page size): positions are sequence numbers and pages start from a sequence
// number.
// Not thread-safe: the server serializes access to the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/json.h"
#include "core/reference.h"

namespace kbulk::emulator {

struct StoredObject {
  std::string id;
  std::string codename;     // empty when the kind has no codenames
  std::string external_id;  // empty when absent
  std::string json;         // the object exactly as GET returns it
  std::uint64_t seq = 0;    // creation order

  // `json` parsed, once: routes that read members use this instead of parsing the text per request.
  // Safe because the store is accessed by one request at a time and `json` never changes after Put.
  const JsonDocument& Doc() const;
  mutable std::shared_ptr<const JsonDocument> parsed;  // Doc()'s cache; ObjectTable::Put resets it
};

struct ObjectPage {
  std::vector<const StoredObject*> objects;
  std::uint64_t next_seq = 0;  // 0 when this is the last page
};

class ObjectTable {
 public:
  const StoredObject* FindById(std::string_view id) const;
  const StoredObject* FindByCodename(std::string_view codename) const;
  const StoredObject* FindByExternalId(std::string_view external_id) const;
  const StoredObject* Find(const Reference& reference) const;

  // Inserts a new object or replaces the one with the same id (keeping its position).
  void Put(StoredObject object);
  bool Erase(std::string_view id);

  // Objects from sequence `from_seq` on (0 = the start), at most `limit` of them.
  ObjectPage Page(std::uint64_t from_seq, std::size_t limit) const;
  // Every object in order; for small model tables only.
  std::vector<const StoredObject*> All() const;
  std::size_t size() const { return by_id_.size(); }
  bool CodenameTaken(std::string_view codename) const { return FindByCodename(codename) != nullptr; }

 private:
  std::unordered_map<std::string, StoredObject> by_id_;
  std::map<std::uint64_t, std::string> order_;  // seq -> id
  std::unordered_map<std::string, std::string> by_codename_;
  std::unordered_map<std::string, std::string> by_external_id_;
  std::uint64_t next_seq_ = 1;
};

}  // namespace kbulk::emulator
