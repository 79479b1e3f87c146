// ArchiveWriter writes a kbulk archive (format v1): a pax tar stream through libarchive, compressed with
// zstd (worker threads, configurable level) or not at all, into a temporary file renamed onto the target
// only by Finish() ("-" streams to standard output). The entry order of docs/archive-format.md is
// enforced: manifest, model, blobs, assets, items, variants; Finish() appends the trailer index.
//
// NDJSON entries are spooled to an unlinked temporary file until committed (a tar header needs the size
// up front), so several sinks may be open at once and memory stays bounded. Blobs stream straight into
// the archive. Not thread-safe: callers serialize access to one writer and its sinks.
//
//   KBULK_ASSIGN_OR_RETURN(auto w, ArchiveWriter::Open(path, options));
//   KBULK_RETURN_IF_ERROR(w->WriteManifest(BuildManifestJson(info)));
//   KBULK_RETURN_IF_ERROR(w->WriteDocument(ModelEntryPath(EntityKind::kEnvironment), raw_environment));
//   KBULK_ASSIGN_OR_RETURN(auto languages, w->BeginNdjson(ModelEntryPath(EntityKind::kLanguage)));
//   ... languages->Append(raw_language) ...; KBULK_RETURN_IF_ERROR(languages->Commit());
//   ... w->AddBlob(sha, size, source) (see blob_spool.h for downloads) ...
//   ... assets: Append(MakeAssetRecord(...)), items, variants: Append(MakeVariantRecord(...)) ...
//   KBULK_ASSIGN_OR_RETURN(WriterStats stats, w->Finish());
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "formats/archive_index.h"
#include "formats/archive_layout.h"
#include "formats/byte_stream.h"
#include "formats/compression.h"

namespace kbulk::formats {

struct WriterOptions {
  CompressionOptions compression;
  std::string spool_dir;                        // NDJSON spool files; empty = next to the output or $TMPDIR
  std::uint64_t max_record_size = 64ull << 20;  // bytes per NDJSON record or JSON document
  std::string mtime_rfc3339;                    // entry time; empty = now
  bool sync = true;                             // fsync the file before renaming it onto the target
};

struct WriterStats {
  std::uint64_t entries = 0;       // including the manifest and the index
  std::uint64_t tar_bytes = 0;     // uncompressed size of the tar stream
  std::uint64_t output_bytes = 0;  // bytes written to the file or stdout
  ArchiveIndex index;
};

class ArchiveWriter;

// One NDJSON entry being written. Obtained from ArchiveWriter::BeginNdjson; must not outlive it.
class NdjsonSink {
 public:
  ~NdjsonSink();
  // Appends one record: a complete JSON object. Line breaks outside strings are replaced by spaces (they
  // can only be whitespace in valid JSON); the bytes are otherwise stored exactly as given.
  Status Append(std::string_view record_json);
  // Writes the spooled entry into the archive. The entry order is checked here.
  Status Commit();

  const std::string& path() const { return path_; }
  std::uint64_t records() const { return records_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  friend class ArchiveWriter;
  struct Spool;
  NdjsonSink(ArchiveWriter& writer, std::string path, std::unique_ptr<Spool> spool);
  ArchiveWriter& writer_;
  std::string path_;
  std::unique_ptr<Spool> spool_;
  std::uint64_t records_ = 0;
  std::uint64_t bytes_ = 0;
  bool committed_ = false;
};

class ArchiveWriter {
 public:
  static Result<std::unique_ptr<ArchiveWriter>> Open(const std::string& path, const WriterOptions& options);
  // Without a successful Finish() the temporary file is removed.
  ~ArchiveWriter();

  // REQUIRES: first. The text must be a kbulk manifest (see manifest.h BuildManifestJson).
  Status WriteManifest(std::string_view json);
  // A model singleton, e.g. ModelEntryPath(EntityKind::kEnvironment).
  Status WriteDocument(std::string_view path, std::string_view json);
  // An NDJSON entry: ModelEntryPath(kind) for streams, kAssetsPath, kItemsPath, kVariantsPath.
  Result<std::unique_ptr<NdjsonSink>> BeginNdjson(std::string_view path);

  // Streams exactly `size` bytes from `source` into assets/blobs/sha256/<hex>, hashing as it goes; a size
  // or hash mismatch fails the writer (the archive cannot be finished). Adding a blob already present is
  // a no-op that does not read `source`.
  Status AddBlob(std::string_view sha256_hex, std::uint64_t size, ByteSource& source);
  Status AddBlobFile(std::string_view sha256_hex, const std::string& file);
  bool HasBlob(std::string_view sha256_hex) const { return blobs_.count(std::string(sha256_hex)) > 0; }

  // Records objects a partial export could not read ({"kind","object","reason"} JSON objects) in the
  // trailer index. REQUIRES: before Finish().
  void SetMissing(std::vector<std::string> missing_json) { index_.missing_json = std::move(missing_json); }
  // Records what an incremental export took from its base, in the trailer index. REQUIRES: before Finish().
  void SetReuse(BaseReuse reuse) { index_.reuse = reuse; }

  // Writes the trailer index, closes the stream and renames the temporary file onto the target.
  // Fails when an NdjsonSink is still open (begun, neither committed nor destroyed).
  Result<WriterStats> Finish();

  const std::string& path() const { return path_; }

 private:
  friend class NdjsonSink;
  struct Tar;
  ArchiveWriter(std::string path, WriterOptions options);
  Status CheckNewEntry(std::string_view path, EntryKind kind);
  // Writes one entry whose bytes come from `source`; verifies the size and, when `rehash`, the SHA-256
  // (spooled NDJSON was hashed as it was appended and is not hashed twice).
  Status WriteEntry(std::string_view path, EntryKind kind, std::uint64_t size, std::uint64_t records,
                    const std::string& sha256, ByteSource& source, bool rehash = true);
  Status WriteBuffer(std::string_view path, EntryKind kind, std::string_view data, std::uint64_t records);
  Status Fail(Status status);

  std::string path_;
  WriterOptions options_;
  std::unique_ptr<Tar> tar_;
  Status failed_;
  int last_phase_ = -1;
  bool finished_ = false;
  std::set<std::string> paths_;
  std::set<std::string> blobs_;
  std::multiset<std::string> open_sinks_;  // begun, not yet committed or destroyed
  ArchiveIndex index_;
  std::uint64_t entries_ = 0;
};

// A JSON document or record as a validated object: fails with kInvalidArgument naming `what`.
Status CheckJsonObject(std::string_view json, std::string_view what, std::uint64_t max_size);

}  // namespace kbulk::formats
