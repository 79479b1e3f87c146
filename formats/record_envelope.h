// The small kbulk envelopes around API objects in assets/assets.ndjson and content/variants.ndjson:
//   {"kbulk":{"blob":"<sha256>"|null,"renditions":[...]},"asset":<asset as the API returned it>}
//   {"kbulk":{"version":"latest"|"published"},"variant":<variant as the API returned it>}
// The API object is embedded byte for byte; readers get its exact text back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kbulk::formats {

enum class VariantVersion { kLatest, kPublished };
std::string_view VariantVersionName(VariantVersion v);

// REQUIRES: raw_variant is a JSON object.
std::string MakeVariantRecord(VariantVersion version, std::string_view raw_variant);

// `blob_sha256` is nullopt when the binary is not in the archive (a partial export); `renditions_json` is
// a JSON array of the API's rendition objects ("[]" when none).
std::string MakeAssetRecord(std::optional<std::string_view> blob_sha256, std::string_view renditions_json,
                            std::string_view raw_asset);

struct VariantRecord {
  VariantVersion version = VariantVersion::kLatest;
  std::string_view variant;  // exact text, pointing into the record
};

struct AssetRecord {
  std::optional<std::string> blob_sha256;
  std::string_view renditions;  // exact text of the array ("[]" when absent)
  std::string_view asset;       // exact text, pointing into the record
};

// Fail with kCorrupt naming what is wrong. Unknown envelope fields are ignored.
Result<VariantRecord> ParseVariantRecord(std::string_view line);
Result<AssetRecord> ParseAssetRecord(std::string_view line);

}  // namespace kbulk::formats
