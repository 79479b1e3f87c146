// Hostile archives for the tests, generated at test time (no fixtures): a zstd-compressed pax tar written
// with libarchive whose trailer index is computed from its entries, so the archive is valid except for
// what a test makes hostile, and a control archive without that part is intact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kbulk::hostile {

struct Entry {
  std::string path;
  std::string data;
};

// Writes `entries` (the manifest first, as given) and then kbulk.index.json: `index` when given, else the
// index computed from the entries (sizes, record counts, SHA-256, totals, digest).
void WriteArchive(const std::string& file, const std::vector<Entry>& entries,
                  const std::optional<std::string>& index = std::nullopt);

// `depth` nested arrays: "[[[...]]]".
std::string Nested(int depth);

// A manifest of the current format version with `source` (JSON text) as its source.
std::string Manifest(const std::string& source = "{}");

// One items.ndjson record: an item with the codename `codename` and an `extra` member (JSON text).
std::string ItemRecord(const std::string& codename, const std::string& extra = "null");

// The largest resident set of any child process waited for so far, in bytes.
std::uint64_t MaxChildRssBytes();

}  // namespace kbulk::hostile
