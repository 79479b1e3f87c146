// The base of an incremental export (`kbulk export --base PREVIOUS.tar.zst`): what the previous archive
// vouches for, read once as a stream. Per variant it keeps a compact fingerprint of the latest version
// (last_modified, workflow step, schedule) and where its published version lies in an owner-only,
// unlinked spill file; nothing else of the base stays in memory (about 80 bytes per variant).
// The reuse rule and its edge cases are in docs/export.md.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/json.h"
#include "core/status.h"
#include "formats/byte_stream.h"

namespace kbulk::exporter {

// The fingerprint of a variant's latest version as listed: equal fingerprints mean an unchanged variant.
std::uint64_t LatestFingerprint(const JsonValue& variant);

class BaseArchive {
 public:
  // Reads (and verifies) `path`; the spill file goes to `spill_dir` ($TMPDIR or /tmp when empty). When
  // `environment_id` is not empty, a base exported from another environment (its manifest's
  // source.environment_id differs) is refused at its manifest, before the rest is read.
  static Result<std::unique_ptr<BaseArchive>> Load(const std::string& path, const std::string& spill_dir,
                                                   const std::string& environment_id = "");
  ~BaseArchive();
  BaseArchive(const BaseArchive&) = delete;
  BaseArchive& operator=(const BaseArchive&) = delete;

  // The base's identity, as the new manifest records it: {"file","created_at","index_digest",...}.
  std::string IdentityJson() const;

  // False for a base made with --latest-only, a partial base (objects missing), or one written before
  // format 1.1 (which never probed under Scheduled versions): it vouches for no published version.
  bool vouches_for_published() const { return vouches_; }
  std::uint64_t variants() const { return variants_.size(); }

  enum class Published { kUnknown, kNone, kPresent };
  // What the base knows of the published version of (item, language) when its latest version had
  // `fingerprint`; kPresent fills `text` with the variant's published JSON, exactly as the base holds it.
  Result<Published> PublishedVersion(std::string_view item_id, std::string_view language_id, std::uint64_t fingerprint,
                                     std::string& text) const;

  // The blob (SHA-256 hex) of the base's copy of `asset` when its id, file reference, size and type match
  // the base's and the base holds the binary; nullopt otherwise (download it). Never for a base read from
  // standard input (it cannot be read twice).
  std::optional<std::string> ReusableBlob(const JsonValue& asset) const;

  // A second streaming pass over the base: hands every blob named in `wanted` to `copy` (hash-checked by
  // the reader as it streams). Returns how many were handed out.
  using BlobCopy = std::function<Status(std::string_view sha256_hex, std::uint64_t size, formats::ByteSource&)>;
  Result<std::uint64_t> CopyBlobs(const std::unordered_set<std::string>& wanted, const BlobCopy& copy) const;

 private:
  struct Asset {
    std::uint64_t fingerprint = 0;
    std::array<std::uint8_t, 32> blob{};
  };
  struct Variant {
    std::uint64_t fingerprint = 0;
    bool has_latest = false;
    std::int64_t published_offset = -1;  // in the spill file; -1 = none in the base
    std::uint32_t published_size = 0;
  };
  class Reader;
  BaseArchive() = default;
  static std::string Key(std::string_view item_id, std::string_view language_id);

  std::string path_, file_, created_at_, index_digest_, format_version_;
  bool vouches_ = false;
  int spill_fd_ = -1;
  std::int64_t spill_size_ = 0;
  std::unordered_map<std::string, Variant> variants_;  // key: 32 bytes of the two ids' UUID bytes
  std::unordered_map<std::string, Asset> assets_;      // key: the asset id; only assets with a blob
};

}  // namespace kbulk::exporter
