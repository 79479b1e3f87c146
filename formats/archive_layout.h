// The entries of a kbulk archive (format v1) and the order they must come in: their names, their kinds,
// and the path rules every reader enforces before it looks at an entry's content.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/entity_kind.h"
#include "core/status.h"

namespace kbulk::formats {

inline constexpr std::string_view kFormatName = "kbulk";
inline constexpr int kFormatMajor = 1;
// 1.1 adds model/legacy_webhooks.ndjson and model/web_spotlight.json; readers accept every 1.x.
inline constexpr int kFormatMinor = 1;
inline constexpr std::string_view kFormatVersion = "1.1";

inline constexpr std::string_view kManifestPath = "kbulk.json";
inline constexpr std::string_view kIndexPath = "kbulk.index.json";
inline constexpr std::string_view kBlobPrefix = "assets/blobs/sha256/";
inline constexpr std::string_view kAssetsPath = "assets/assets.ndjson";
inline constexpr std::string_view kItemsPath = "content/items.ndjson";
inline constexpr std::string_view kVariantsPath = "content/variants.ndjson";

// The kinds of entry, in archive order. The numeric value is the entry's phase: phases never decrease.
enum class EntryKind : int {
  kManifest = 0,
  kModelDocument = 1,  // model/<kind>.json: one JSON object (environment, preview_configuration)
  kModelStream = 2,    // model/<kind>.ndjson: one JSON object per line
  kBlob = 3,
  kAssets = 4,
  kItems = 5,
  kVariants = 6,
  kIndex = 7,
  kUnknown = 8,  // a name v1 does not define; see the compatibility policy in docs/archive-format.md
};

std::string_view EntryKindName(EntryKind kind);

// The order phase of a kind; model documents and model streams share one phase.
int EntryPhase(EntryKind kind);

// Classifies a (safe) entry path. Unknown names give kUnknown.
EntryKind ClassifyEntry(std::string_view path);

// True when the kind holds NDJSON records.
inline bool IsRecordStream(EntryKind kind) {
  return kind == EntryKind::kModelStream || kind == EntryKind::kAssets || kind == EntryKind::kItems ||
         kind == EntryKind::kVariants;
}

// Path of a model entry: model/<EntityKindName>.ndjson, or .json for the singletons (environment,
// preview_configuration, web_spotlight).
std::string ModelEntryPath(EntityKind kind);
bool IsSingletonModelKind(EntityKind kind);

// The entity kind a model entry holds ("model/languages.ndjson" -> kLanguage), if v1 knows it.
std::optional<EntityKind> ModelEntryEntityKind(std::string_view path);

// The entity kind whose totals an entry contributes to (model kinds, assets, items, variants, blobs).
std::optional<EntityKind> EntryEntityKind(std::string_view path, EntryKind kind);

std::string BlobEntryPath(std::string_view sha256_hex);
bool IsSha256Hex(std::string_view hex);  // 64 lowercase hex digits

// Concatenates string-like parts (sidesteps a GCC 12 -Wrestrict false positive on "lit" + std::string).
template <typename... Parts>
std::string Cat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

// Rejects names a reader must never act on: empty, absolute, "..", ".", empty segments, backslashes,
// control characters, longer than 1024 bytes. The message names the entry.
Status CheckSafeEntryPath(std::string_view path);

}  // namespace kbulk::formats
