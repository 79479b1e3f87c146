// Feed export: one content type's variants from a kbulk archive as a CSV / JSON / NDJSON feed
// (docs/feeds.md). One streaming pass over the archive: the model is kept in memory, asset and item names in
// a lookup that spills to a temporary file beyond a memory budget (archive_names.h), so memory does not grow
// with the archive; variants are never held together. Rows follow the order
// of the variants' latest versions in the archive (kbulk export writes them as the API lists a type's
// variants). With `published`, the variants are spooled to an anonymous temporary file and their order
// and places kept in SpillingIndexes, so the rows keep that order within bounded memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/log.h"
#include "core/status.h"
#include "feeds/feed_writer.h"
#include "feeds/spilling_index.h"

namespace kbulk::feeds {

struct FeedExportOptions {
  std::string type;                    // content type codename
  std::vector<std::string> languages;  // language codenames; empty = all
  std::vector<std::string> columns;    // --columns; empty = all
  bool published = false;              // the published versions instead of the latest
  // Bytes of per-item / per-asset names kept in memory; beyond it they spill to a temporary file
  // (feeds/archive_names.h).
  std::size_t names_memory_budget = SpillingIndex::kDefaultBudget;
  WriterOptions writer;
};

struct FeedExportSummary {
  std::string type;
  std::string format;
  std::uint64_t columns = 0;
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  std::uint64_t skipped_unpublished = 0;  // `published`: variants with no published version
};

// Reads `archives` in turn ("-" = standard input) as one: names from all of them, rows from their
// variants; writes the feed to `out` (owned by the caller; `out_name` names it in messages). Fails
// (kNotFound) when the type or a language is not in the archives' model. (A live export reads two
// archives: the model, assets and every item, then the type's variants.)
Result<FeedExportSummary> ExportFeedFromArchives(const std::vector<std::string>& archives,
                                                 const FeedExportOptions& options, std::FILE* out,
                                                 const std::string& out_name, Progress& progress);

}  // namespace kbulk::feeds
