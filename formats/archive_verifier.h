// `kbulk verify` and `kbulk inspect` as library calls: one offline pass over an archive that checks its
// structure, manifest, every entry's checksum and record count against the trailer, and the reference
// closure of its content.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/archive_reader.h"
#include "formats/reference_closure.h"

namespace kbulk::formats {

struct VerifyOptions {
  ReaderLimits limits;
  RichTextReferenceExtractor rich_text;  // optional: references inside rich text HTML
  std::size_t max_dangling_kept = 1000;
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
