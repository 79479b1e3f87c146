// ArchiveReader reads a kbulk archive (format v1) as one stream with bounded memory and hands its content
// to an ArchiveVisitor in archive order: the manifest, every model document and NDJSON record, every blob
// as a stream, the trailer index.
//
// Safety: entries with absolute paths, "..", links, devices, duplicates, sizes or expansions beyond the
// limits, and records larger than the limit are rejected with an error naming the entry. Every entry is
// hashed and checked against its own pax attributes when it ends and against the trailer index at the end.
//
// "Damage is detected before an import writes anything": with `verify_first` (the default) Read() first
// makes a complete verification pass over the archive (standard input and pipes are spooled to an unlinked
// temporary file for that) and only then a second pass that hands out content, checking every entry
// against the index verified in the first pass before its content is handed out. Without `verify_first`
// content is handed out as it streams and damage is reported at the end of the damaged entry or, for a
// removed/extra entry or truncation, at the end of the archive.
//
// An importer derives from ArchiveVisitor, switches on EntryInfo::kind / ::entity in OnRecord (splitting
// enveloped records with ParseAssetRecord / ParseVariantRecord from record_envelope.h), streams blobs from
// OnBlob, and calls ArchiveReader(ReaderOptions{}).Read(path, visitor).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/entity_kind.h"
#include "formats/archive_index.h"
#include "formats/archive_layout.h"
#include "formats/byte_stream.h"
#include "formats/compression.h"
#include "formats/manifest.h"

namespace kbulk::formats {

// What a reader accepts (docs/archive-format.md, "Reader limits"). The defaults are what a real archive
// needs: one entry per distinct binary plus a few dozen, names of at most 84 bytes, an index of about
// 200 bytes per entry. Memory for names and the index is bounded by these, whatever the archive claims.
struct ReaderLimits {
  std::uint64_t max_entry_size = 16ull << 30;   // bytes of one entry
  std::uint64_t max_total_size = 1ull << 40;    // bytes of the whole uncompressed tar stream
  std::uint64_t max_record_size = 64ull << 20;  // bytes of one NDJSON record or JSON document
  std::uint64_t max_index_size = 256ull << 20;  // bytes of kbulk.index.json
  std::uint64_t max_entries = 1'000'000;        // entries, the manifest and the index included
  std::uint64_t max_entry_name = 256;           // bytes of one entry's name
  std::uint64_t max_name_bytes = 128ull << 20;  // bytes of all entry names together
};

struct ReaderOptions {
  ReaderLimits limits;
  bool verify_first = true;
  std::string spool_dir;  // where standard input is spooled for verify_first; empty = $TMPDIR or /tmp
};

struct EntryInfo {
  std::string path;
  EntryKind kind = EntryKind::kUnknown;
  std::uint64_t size = 0;
  std::optional<EntityKind> entity;  // what the entry holds (languages, items, blobs, ...)
};

// Callbacks in archive order. A non-OK status stops the read and is returned (with the entry named).
class ArchiveVisitor {
 public:
  virtual ~ArchiveVisitor() = default;
  virtual Status OnManifest(const Manifest&) { return Status::Ok(); }
  virtual Status OnEntryStart(const EntryInfo&) { return Status::Ok(); }
  // One NDJSON line (without its newline; `number` counts from 1) or a whole model document (number 1).
  // The text is the record exactly as stored; it is valid only during the call.
  virtual Status OnRecord(const EntryInfo&, std::uint64_t /*number*/, std::string_view /*json*/) {
    return Status::Ok();
  }
  // A blob's content; the visitor may read any part of it, the reader drains and hashes the rest.
  virtual Status OnBlob(const EntryInfo&, std::string_view /*sha256_hex*/, ByteSource& /*content*/) {
    return Status::Ok();
  }
  // After the entry's size, hash and record count were checked.
  virtual Status OnEntryEnd(const EntryInfo&, const IndexEntry&) { return Status::Ok(); }
  // After the trailer matched every entry.
  virtual Status OnIndex(const ArchiveIndex&) { return Status::Ok(); }
  // Tolerated oddities: a newer minor version, unknown entries listed in the index.
  virtual void OnWarning(std::string_view) {}
};

struct ReadSummary {
  Manifest manifest;
  ArchiveIndex index;
  Compression compression = Compression::kNone;
  std::uint64_t compressed_bytes = 0;  // bytes of the file as read
  std::uint64_t tar_bytes = 0;         // bytes of the uncompressed tar stream
};

class ArchiveReader {
 public:
  explicit ArchiveReader(ReaderOptions options) : options_(std::move(options)) {}

  // Reads `path` ("-" = standard input). See the header comment for what `verify_first` guarantees.
  Result<ReadSummary> Read(const std::string& path, ArchiveVisitor& visitor);

  // One checking pass over `source` (no second pass). `expected`, when given, is an index verified
  // before: each entry must match it before its content is handed out.
  Result<ReadSummary> ReadStream(ByteSource& source, ArchiveVisitor& visitor, const ArchiveIndex* expected);

 private:
  ReaderOptions options_;
};

// Compares the entries seen while reading with the trailer index: missing, extra, reordered or differing
// entries, totals and the index digest. The message names the first offending entry.
Status CheckAgainstIndex(const std::vector<IndexEntry>& seen, const ArchiveIndex& index);

}  // namespace kbulk::formats
