// Asset binaries of an archive, stashed on disk while the import runs: blobs precede
// assets/assets.ndjson in the archive, and an upload needs the asset's file name and type, so each blob
// is streamed into an owner-only temporary directory (0700, files 0600) and uploaded from there once its
// asset record arrives. Nothing is ever held whole in memory. The directory is removed on destruction.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "api/binary_transfer.h"
#include "core/status.h"
#include "formats/byte_stream.h"
#include "formats/temp_files.h"

namespace kbulk::importer {

class BlobStash {
 public:
  // Creates the directory under `parent` (empty = $TMPDIR or /tmp).
  static Result<std::unique_ptr<BlobStash>> Create(const std::string& parent);
  ~BlobStash();
  BlobStash(const BlobStash&) = delete;
  BlobStash& operator=(const BlobStash&) = delete;

  // Streams `content` into the stash under its SHA-256 (lower-case hex, as the archive names it).
  Status Store(std::string_view sha256_hex, formats::ByteSource& content);
  // Records a blob's size without keeping its bytes (a dry run plans uploads but makes none).
  void RecordSize(std::string_view sha256_hex, std::uint64_t size);
  bool Has(std::string_view sha256_hex) const;
  // Size of a stashed blob, or nullopt.
  std::optional<std::uint64_t> Size(std::string_view sha256_hex) const;
  // A source reading the stashed blob from its first byte (one per upload; rewindable for retries).
  Result<std::unique_ptr<api::BinarySource>> Open(std::string_view sha256_hex) const;

  const std::string& directory() const { return tree_.path(); }
  std::uint64_t bytes() const;

 private:
  explicit BlobStash(formats::TempDirectoryTree tree) : tree_(std::move(tree)) {}
  std::string PathOf(std::string_view sha256_hex) const;

  formats::TempDirectoryTree tree_;  // 0700, removed on destruction or interruption
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::uint64_t> sizes_;
  std::uint64_t bytes_ = 0;
};

}  // namespace kbulk::importer
