// JSON helpers of the model import: what one side (the archive or the target) calls its model objects,
// and the conversion of an API object into the form kbulk writes and compares - every reference to a model
// object by codename instead of id, ids and read-only properties dropped.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/entity_kind.h"
#include "core/json.h"

namespace kbulk::importer {

// One side's model: the id -> codename of every model object and part that references can name (languages,
// collections, spaces, taxonomy groups and terms, asset folders, snippets, types, content groups, elements,
// options, workflows and their steps). Ids are UUIDs, unique across kinds.
class ModelNames {
 public:
  void Learn(EntityKind kind, const JsonValue& object);
  // The codename of `id`; ids are not unique across kinds (the nil id names the default language, collection
  // and workflow alike): `hint` picks among objects of several kinds.
  const std::string* Codename(std::string_view id, std::optional<EntityKind> hint = std::nullopt) const;
  void Set(EntityKind kind, const std::string& id, std::string codename);
  // The kind and codename `id` names (see Codename), or nullopt.
  std::optional<std::pair<EntityKind, std::string>> Entry(std::string_view id, std::optional<EntityKind> hint) const;
  // The id of the object of `kind` (or a part of one: term, element, step) with `codename`, or nullptr.
  const std::string* IdOf(EntityKind kind, const std::string& codename) const;

 private:
  void LearnTree(EntityKind kind, const JsonValue& array, const char* child_key);
  std::unordered_map<std::string, std::vector<std::pair<EntityKind, std::string>>> codenames_;
  std::unordered_map<std::string, std::string> ids_;  // kind '/' codename -> id
};

// Called for a reference ({"id": X}) whose id is not a model object (an item or an asset); may rewrite it
// in place (e.g. to {"external_id": ...}). Absent: the reference stays as it is.
using UnknownReference = std::function<void(JsonValue& reference, JsonAllocator& allocator)>;

// Rewrites every reference {"id": X} inside `value` whose X `names` knows into {"codename": c}.
void ReferencesToCodenames(JsonValue& value, const ModelNames& names, JsonAllocator& allocator,
                           const UnknownReference& unknown = nullptr);

// Removes, at every depth, the members `keys` names from objects that are not bare references.
void DropMembers(JsonValue& value, std::initializer_list<std::string_view> keys);

// Rewrites every reference {"id": X} (an archive id) inside `value` into {"id": Y}, the id the target's object
// of the same kind and codename has in `target`; references it cannot map stay as they are.
void ReferencesToTargetIds(JsonValue& value, const ModelNames& source, const ModelNames& target,
                           JsonAllocator& allocator);

// A deep copy converted for writing: references by codename, ids and last_modified dropped.
JsonValue WritableCopy(const JsonValue& value, const ModelNames& names, JsonAllocator& allocator,
                       const UnknownReference& unknown = nullptr);

// Equal as JSON values, object member order ignored; a null and a missing member are equal.
bool JsonEquals(const JsonValue& a, const JsonValue& b);

// True when `reference` is {"codename": c}, {"id": x} or {"external_id": e}: its value, else "".
std::string ReferenceValue(const JsonValue* reference);

std::string Str(const JsonValue& object, std::string_view key);  // a string member or ""

}  // namespace kbulk::importer
