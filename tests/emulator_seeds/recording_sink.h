// A SeedSink for tests that keeps everything a seed puts, in order, and can check references.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/json.h"
#include "emulator/seed.h"

namespace kbulk::emulator::testing {

struct Put {
  enum class What { kObject, kVariant, kBinary } what;
  EntityKind kind = EntityKind::kEnvironment;           // for objects
  std::string json;                                     // object JSON or the variant's latest version
  std::optional<std::string> published;                 // variants: the published version when separate
  std::string file_id, file_name, content_type, bytes;  // binaries
};

class RecordingSink : public SeedSink {
 public:
  Status Put(EntityKind kind, std::string_view json) override;
  Status PutVariant(std::string_view latest_json, std::optional<std::string_view> published_json) override;
  Status PutBinary(std::string_view file_id, std::string_view file_name, std::string_view content_type,
                   std::string bytes) override;

  std::vector<testing::Put> puts;
  std::vector<const testing::Put*> Objects(EntityKind kind) const;
  std::vector<const testing::Put*> Variants() const;
  std::vector<const testing::Put*> Binaries() const;
  // SHA-256 over every put, in order (kind, JSON, bytes).
  std::string Digest() const;
};

// A sink that only counts, for large synthetic runs.
class CountingSink : public SeedSink {
 public:
  Status Put(EntityKind kind, std::string_view json) override;
  Status PutVariant(std::string_view latest_json, std::optional<std::string_view> published_json) override;
  Status PutBinary(std::string_view, std::string_view, std::string_view, std::string bytes) override;
  std::size_t objects = 0, items = 0, variants = 0, published_versions = 0, binaries = 0, binary_bytes = 0;
};

// Ids one JSON object defines (objects with "id" and other members, "rendition_id") and references
// ({"id"} or {"id","renditions"} objects, "role_ids", "file_reference", ids in rich-text attributes).
struct IdUse {
  std::set<std::string> defined, referenced;
};
IdUse CollectIds(const JsonValue& value);

// Every problem with the order of `puts`: a reference to an id not defined by an earlier put or the same
// one (the nil id of the environment defaults always exists). Empty when the order is right.
std::vector<std::string> DependencyProblems(const std::vector<testing::Put>& puts);

}  // namespace kbulk::emulator::testing
