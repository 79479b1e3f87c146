// Entry names, kinds and the path safety rules of the kbulk archive v1.
#include "formats/archive_layout.h"

namespace kbulk::formats {
namespace {

constexpr std::string_view kModelPrefix = "model/";

bool IsModelName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

std::string_view EntryKindName(EntryKind kind) {
  switch (kind) {
    case EntryKind::kManifest: return "manifest";
    case EntryKind::kModelDocument: return "model document";
    case EntryKind::kModelStream: return "model records";
    case EntryKind::kBlob: return "blob";
    case EntryKind::kAssets: return "assets";
    case EntryKind::kItems: return "items";
    case EntryKind::kVariants: return "variants";
    case EntryKind::kIndex: return "trailer index";
    case EntryKind::kUnknown: return "unknown";
  }
  return "unknown";
}

int EntryPhase(EntryKind kind) {
  switch (kind) {
    case EntryKind::kManifest: return 0;
    case EntryKind::kModelDocument:
    case EntryKind::kModelStream: return 1;
    case EntryKind::kBlob: return 2;
    case EntryKind::kAssets: return 3;
    case EntryKind::kItems: return 4;
    case EntryKind::kVariants: return 5;
    case EntryKind::kIndex: return 6;
    case EntryKind::kUnknown: return -1;
  }
  return -1;
}

EntryKind ClassifyEntry(std::string_view path) {
  if (path == kManifestPath) return EntryKind::kManifest;
  if (path == kIndexPath) return EntryKind::kIndex;
  if (path == kAssetsPath) return EntryKind::kAssets;
  if (path == kItemsPath) return EntryKind::kItems;
  if (path == kVariantsPath) return EntryKind::kVariants;
  if (path.starts_with(kBlobPrefix) && IsSha256Hex(path.substr(kBlobPrefix.size()))) return EntryKind::kBlob;
  if (path.starts_with(kModelPrefix)) {
    std::string_view rest = path.substr(kModelPrefix.size());
    if (rest.ends_with(".ndjson") && IsModelName(rest.substr(0, rest.size() - 7))) return EntryKind::kModelStream;
    if (rest.ends_with(".json") && IsModelName(rest.substr(0, rest.size() - 5))) return EntryKind::kModelDocument;
  }
  return EntryKind::kUnknown;
}

bool IsSingletonModelKind(EntityKind kind) {
  return kind == EntityKind::kEnvironment || kind == EntityKind::kPreviewConfiguration ||
         kind == EntityKind::kWebSpotlight;
}

std::string ModelEntryPath(EntityKind kind) {
  std::string path(kModelPrefix);
  path += EntityKindName(kind);
  path += IsSingletonModelKind(kind) ? ".json" : ".ndjson";
  return path;
}

std::optional<EntityKind> ModelEntryEntityKind(std::string_view path) {
  if (!path.starts_with(kModelPrefix)) return std::nullopt;
  std::string_view rest = path.substr(kModelPrefix.size());
  std::string_view name;
  if (rest.ends_with(".ndjson")) {
    name = rest.substr(0, rest.size() - 7);
  } else if (rest.ends_with(".json")) {
    name = rest.substr(0, rest.size() - 5);
  } else {
    return std::nullopt;
  }
  for (EntityKind kind : kAllEntityKinds) {
    if (EntityKindName(kind) == name && ModelEntryPath(kind) == path) return kind;
  }
  return std::nullopt;
}

std::optional<EntityKind> EntryEntityKind(std::string_view path, EntryKind kind) {
  switch (kind) {
    case EntryKind::kModelDocument:
    case EntryKind::kModelStream: return ModelEntryEntityKind(path);
    case EntryKind::kBlob: return EntityKind::kBlob;
    case EntryKind::kAssets: return EntityKind::kAsset;
    case EntryKind::kItems: return EntityKind::kItem;
    case EntryKind::kVariants: return EntityKind::kVariant;
    default: return std::nullopt;
  }
}

std::string BlobEntryPath(std::string_view sha256_hex) {
  return std::string(kBlobPrefix) + std::string(sha256_hex);
}

bool IsSha256Hex(std::string_view hex) {
  if (hex.size() != 64) return false;
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status CheckSafeEntryPath(std::string_view path) {
  auto unsafe = [&](std::string_view why) {
    return Corrupt("unsafe archive entry '" + std::string(path.substr(0, 200)) + "': " + std::string(why));
  };
  if (path.empty()) return unsafe("empty name");
  if (path.size() > 1024) return unsafe("name longer than 1024 bytes");
  if (path.front() == '/') return unsafe("absolute path");
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f) return unsafe("control character in name");
    if (c == '\\') return unsafe("backslash in name");
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment == "..") return unsafe("'..' in path");
    if (segment == ".") return unsafe("'.' in path");
    if (segment.empty()) return unsafe("empty path segment");
    start = end + 1;
  }
  return Status::Ok();
}

}  // namespace kbulk::formats
