// DataOpsReader reads a data-ops backup (the zip `@kontent-ai/data-ops` writes: one JSON array per entity
// kind, `metadata.json`, binaries at `assets/<asset id>-<file name>`) and hands it to an ArchiveVisitor as
// the same events, in the same order and record shapes, as a kbulk archive (archive_reader.h), so the
// importer, `kbulk verify` and `kbulk inspect` read it with no conversion:
//   manifest        built from metadata.json (format "data-ops", its version, time, environment id)
//   model entries   kbulk's model order; each array element is one record, exactly as stored
//   blobs           each distinct binary once, named by the SHA-256 of its bytes
//   assets          assets.json elements enveloped like assets/assets.ndjson ({"kbulk":{"blob",...},"asset"})
//   items           contentItems.json elements as they are
//   variants        languageVariants.json elements enveloped as version "latest" (data-ops keeps no other)
//   index           built from the checking pass: every zip entry with size, record count and SHA-256
// EntryInfo::path is the zip entry's own name, so messages name what the user can find in the zip.
//
// Memory is bounded by one JSON element, one buffer, and one small record per asset (id, file name).
// The zip is read several times (it must be a file): a checking pass first (every entry's data, JSON
// well-formedness element by element, every asset's binary present, binaries hashed, metadata), so a
// damaged zip is refused before a visitor sees anything; then one pass per entry handed out, in the
// visitor's order (the zip's own order puts items before binaries and metadata last). Binaries are hashed
// again while they stream out and must match the first pass.
#pragma once

#include <string>

#include "formats/archive_reader.h"

namespace kbulk::formats {

inline constexpr std::string_view kDataOpsFormatName = "data-ops";

// True when `path` is a zip file (the import, verify and inspect commands then read it as a data-ops
// backup). Standard input is never a zip here: data-ops backups must be given as files.
bool IsDataOpsBackup(const std::string& path);

class DataOpsReader {
 public:
  // options.limits apply (entry size, total size, record size, entry count); verify_first is implied.
  explicit DataOpsReader(ReaderOptions options) : options_(std::move(options)) {}

  // Reads `path` (a file) into `visitor`. Errors are kCorrupt (damage, naming the zip entry),
  // kInvalidArgument (not a data-ops backup, or standard input) or kIo.
  Result<ReadSummary> Read(const std::string& path, ArchiveVisitor& visitor);

 private:
  ReaderOptions options_;
};

}  // namespace kbulk::formats
