// The target's records as SpillingIndex values (target_records.h).
#include "feeds/target_records.h"

#include <cstring>

namespace kbulk::feeds {
namespace {

// Index values: fields with a 4-byte length in front; a variant's hashes as 8 bytes each.
void AppendField(std::string& out, std::string_view field) {
  auto size = static_cast<std::uint32_t>(field.size());
  char bytes[4];
  std::memcpy(bytes, &size, sizeof bytes);
  out.append(bytes, sizeof bytes);
  out += field;
}
bool ReadField(std::string_view& in, std::string& field) {
  std::uint32_t size = 0;
  if (in.size() < sizeof size) return false;
  std::memcpy(&size, in.data(), sizeof size);
  in.remove_prefix(sizeof size);
  if (in.size() < size) return false;
  field.assign(in.substr(0, size));
  in.remove_prefix(size);
  return true;
}

}  // namespace

std::string EncodeTargetItem(const TargetItem& item) {
  std::string out;
  for (const std::string* field :
       {&item.id, &item.codename, &item.external_id, &item.name, &item.type_id, &item.collection_id})
    AppendField(out, *field);
  return out;
}
std::optional<TargetItem> DecodeTargetItem(std::string_view in) {
  TargetItem item;
  for (std::string* field :
       {&item.id, &item.codename, &item.external_id, &item.name, &item.type_id, &item.collection_id}) {
    if (!ReadField(in, *field)) return std::nullopt;
  }
  return item;
}

std::string EncodeTargetVariant(const TargetVariant& variant) {
  std::string out;
  AppendField(out, variant.workflow);
  AppendField(out, variant.step);
  out += static_cast<char>(variant.phase);
  for (std::uint64_t value : variant.values) {
    char bytes[8];
    std::memcpy(bytes, &value, sizeof bytes);
    out.append(bytes, sizeof bytes);
  }
  return out;
}
std::optional<TargetVariant> DecodeTargetVariant(std::string_view in) {
  TargetVariant variant;
  if (!ReadField(in, variant.workflow) || !ReadField(in, variant.step) || in.empty()) return std::nullopt;
  variant.phase = static_cast<importer::VariantPhase>(in.front());
  in.remove_prefix(1);
  if (in.size() % sizeof(std::uint64_t) != 0) return std::nullopt;
  variant.values.resize(in.size() / sizeof(std::uint64_t));
  if (!in.empty()) std::memcpy(variant.values.data(), in.data(), in.size());
  return variant;
}

}  // namespace kbulk::feeds
