// Building and splitting enveloped records.
#include "formats/record_envelope.h"

#include "core/json.h"
#include "formats/archive_layout.h"
#include "formats/json_scan.h"

namespace kbulk::formats {

std::string_view VariantVersionName(VariantVersion v) {
  return v == VariantVersion::kLatest ? "latest" : "published";
}

std::string MakeVariantRecord(VariantVersion version, std::string_view raw_variant) {
  return Cat(R"({"kbulk":{"version":")", VariantVersionName(version), R"("},"variant":)", raw_variant, "}");
}

std::string MakeAssetRecord(std::optional<std::string_view> blob_sha256, std::string_view renditions_json,
                            std::string_view raw_asset) {
  std::string blob = blob_sha256 ? Cat("\"", *blob_sha256, "\"") : std::string("null");
  return Cat(R"({"kbulk":{"blob":)", blob, R"(,"renditions":)", renditions_json.empty() ? "[]" : renditions_json,
             R"(},"asset":)", raw_asset, "}");
}

Result<VariantRecord> ParseVariantRecord(std::string_view line) {
  auto envelope = RawMember(line, "kbulk");
  auto variant = RawMember(line, "variant");
  if (!envelope || !variant || variant->empty() || variant->front() != '{') {
    return Corrupt("a variants record lacks its \"kbulk\" envelope or its \"variant\" object");
  }
  auto version = RawMember(*envelope, "version");
  VariantRecord record;
  record.variant = *variant;
  if (version == "\"latest\"") {
    record.version = VariantVersion::kLatest;
  } else if (version == "\"published\"") {
    record.version = VariantVersion::kPublished;
  } else {
    return Corrupt("a variants record has no \"version\": \"latest\" or \"published\" in its envelope");
  }
  return record;
}

Result<AssetRecord> ParseAssetRecord(std::string_view line) {
  auto envelope = RawMember(line, "kbulk");
  auto asset = RawMember(line, "asset");
  if (!envelope || !asset || asset->empty() || asset->front() != '{') {
    return Corrupt("an assets record lacks its \"kbulk\" envelope or its \"asset\" object");
  }
  AssetRecord record;
  record.asset = *asset;
  auto blob = RawMember(*envelope, "blob");
  if (blob && *blob != "null") {
    if (blob->size() != 66 || !IsSha256Hex(blob->substr(1, 64))) {
      return Corrupt("an assets record's \"blob\" is not a SHA-256 hex string");
    }
    record.blob_sha256 = std::string(blob->substr(1, 64));
  }
  auto renditions = RawMember(*envelope, "renditions");
  record.renditions = renditions ? *renditions : std::string_view("[]");
  return record;
}

}  // namespace kbulk::formats
