// Symbolic keys for the objects of one archive: id -> "kind:codename" (nested objects such as elements,
// options, taxonomy terms and workflow steps get "parent/codename"). Built from model, asset and item
// records in a first pass; used to rewrite ids in the second. Not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "core/entity_kind.h"
#include "core/json.h"

namespace kbulk::diff {

class ObjectKeys {
 public:
  // Learns every id in `record` (an API object of `kind`) and its nested named objects.
  void Learn(EntityKind kind, const JsonValue& record);

  // Learns the id of one rendition of the asset keyed `asset_key` (renditions live in the asset record's
  // envelope): named by its external id, unless that is an import's, else by its transformation.
  void LearnRendition(const std::string& asset_key, const JsonValue& rendition);

  // The symbolic key of an id, or nullptr when the archive does not name it.
  const std::string* Find(std::string_view id) const;

  // The key of a top-level object of `kind` (used for the object's own identity in the diff).
  std::string KeyOf(EntityKind kind, const JsonValue& record) const;

 private:
  void LearnNested(const std::string& parent, const JsonValue& value);
  std::unordered_map<std::string, std::string> keys_;
};

// A name for an object that survives moving it to another environment: its codename, else its external
// id (unless it is an import's "kbulk-<id>", see IsImportExternalId), else its name; empty when it has none.
std::string StableName(const JsonValue& object);

// True for "kbulk-<uuid>": the external id `kbulk import` gives an object that had none in its source
// (docs/import.md). Such an id is not compared, so the source object (with that id and no external id)
// and its imported copy match: export -> import -> export diffs clean.
bool IsImportExternalId(std::string_view external_id);

}  // namespace kbulk::diff
