// `kbulk verify` and `kbulk inspect` as library calls: one offline pass over an archive that checks its
// structure, manifest, every entry's checksum and record count against the trailer, and feeds every record
// to an optional RecordCheck: the reference closure (content::ReferenceClosure, which knows element types
// and rich text; content::VerifyArchive plugs it in), so formats/ stays below the content model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/archive_reader.h"

namespace kbulk::formats {

// A reference to an object that is not in the archive, found by the reference closure.
struct DanglingReference {
  std::string owner_kind;   // "item" (a variant), "asset" or "web spotlight"
  std::string owner;        // codename of the item or asset, or "id:<id>" when it has none in the archive
  std::string language;     // language codename (variants only)
  std::string version;      // "latest" or "published" (variants only)
  std::string element;      // element codename, or the field ("item", "workflow_step", "type", ...)
  std::string target_kind;  // "item", "asset", "blob", "content type", "taxonomy term", ...
  std::string target;       // "id:...", "codename:...", "external_id:..." or a blob hash

  std::string ToString() const;
};

// Checks records as they stream by, in archive order. Not thread-safe.
class RecordCheck {
 public:
  virtual ~RecordCheck() = default;
  // Every model record and document, asset, item and variant record; `entity` is EntryInfo::entity.
  // Fails only when a record is malformed.
  virtual Status OnRecord(EntityKind entity, std::string_view json) = 0;
  virtual void OnBlob(std::string_view sha256_hex) = 0;
  virtual std::uint64_t dangling_count() const = 0;
  virtual const std::vector<DanglingReference>& dangling() const = 0;  // the first ones, in archive order
};

struct VerifyOptions {
  ReaderLimits limits;
  RecordCheck* closure = nullptr;        // optional: without it the reference closure is not checked
  std::size_t max_dangling_kept = 1000;  // how many dangling references a closure keeps (the count is complete)
};

struct VerifyReport {
  Status integrity;     // OK when the archive is intact; otherwise names the damaged entry
  ReadSummary summary;  // valid when intact
  std::uint64_t dangling_count = 0;
  std::vector<DanglingReference> dangling;  // the first max_dangling_kept
  std::vector<std::string> warnings;

  bool intact() const { return integrity.ok(); }
};

// Reads `path` ("-" = standard input) once.
VerifyReport VerifyArchive(const std::string& path, const VerifyOptions& options);

// Reads `path` once with every integrity check, without the reference closure.
Result<ReadSummary> InspectArchive(const std::string& path, const ReaderLimits& limits);

}  // namespace kbulk::formats
