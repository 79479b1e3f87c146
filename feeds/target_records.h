// A feed import's target records (feed_import_target.h): an item's names and a variant's workflow place and
// element hashes, and their encoding as SpillingIndex values (fields with a 4-byte length in front; a
// variant's hashes as 8 bytes each, in this machine's byte order: the values never leave the process).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importer/variant_target.h"

namespace kbulk::feeds {

struct TargetItem {
  std::string id, codename, external_id, name, type_id, collection_id;
};

struct TargetVariant {
  std::string workflow, step;  // codenames
  importer::VariantPhase phase = importer::VariantPhase::kNone;
  std::vector<std::uint64_t> values;  // per element column of columns() (index), 0 for other columns
};

std::string EncodeTargetItem(const TargetItem& item);
std::optional<TargetItem> DecodeTargetItem(std::string_view value);  // nullopt: not an encoded item
std::string EncodeTargetVariant(const TargetVariant& variant);
std::optional<TargetVariant> DecodeTargetVariant(std::string_view value);

}  // namespace kbulk::feeds
