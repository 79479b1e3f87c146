// The trailer index (kbulk.index.json): every entry's path, size, record count and SHA-256, totals per
// entity kind, and one SHA-256 digest over all of it (see docs/archive-format.md, "Trailer index").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kbulk::formats {

struct IndexEntry {
  std::string path;
  std::uint64_t size = 0;
  std::uint64_t records = 0;  // NDJSON lines; 1 for a JSON document; 0 for a blob
  std::string sha256;         // lowercase hex of the entry's bytes

  friend bool operator==(const IndexEntry&, const IndexEntry&) = default;
};

struct KindTotal {
  std::uint64_t records = 0;  // objects of the kind (blobs: number of blobs)
  std::uint64_t bytes = 0;    // bytes of the entries holding them

  friend bool operator==(const KindTotal&, const KindTotal&) = default;
};

// What an incremental export (`kbulk export --base`) took from its base instead of the API. The base's
// identity is in the manifest; these counts are known only at the end, so they live in the trailer.
struct BaseReuse {
  std::uint64_t published_versions = 0;  // published versions taken from the base without a probe
  std::uint64_t published_absences = 0;  // "no published version" taken from the base without a probe
  std::uint64_t binaries = 0;            // asset binaries copied from the base, not downloaded
  std::uint64_t requests_saved = 0;      // API requests the base made unnecessary

  friend bool operator==(const BaseReuse&, const BaseReuse&) = default;
};

struct ArchiveIndex {
  std::vector<IndexEntry> entries;          // in archive order, without the index itself
  std::map<std::string, KindTotal> totals;  // by entity kind name ("items", "blobs", ...)
  std::string digest;                       // as stored; see ComputeDigest()
  // Objects a partial export (--allow-partial) could not read, each a compact JSON object {"kind","object",
  // "reason"}. They live in the trailer because only the end of a single streaming pass knows them.
  std::vector<std::string> missing_json;
  // Present only in an incremental export's trailer; archives without it (full exports, older writers)
  // are read with nullopt.
  std::optional<BaseReuse> reuse;

  // Adds an entry and its contribution to the totals of `kind_name` (empty: none).
  void Add(IndexEntry entry, std::string_view kind_name);

  // SHA-256 (hex) over the canonical text of entries and totals; stable across JSON formatting.
  std::string ComputeDigest() const;

  // Serializes with `digest` = ComputeDigest().
  std::string ToJson() const;
  static Result<ArchiveIndex> Parse(std::string_view json);
};

}  // namespace kbulk::formats
