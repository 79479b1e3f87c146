// `kbulk feed import`: a CSV / JSON / NDJSON feed of one content type back into an environment
// (docs/feeds.md "Import"). Rows are read one at a time; each is matched to its item by codename or
// external id, every cell decoded by the cell codec and checked against the target's model, compared with
// the target's current value (read once through list routes), and only what differs is written: the item
// (name, collection) and the variant's changed elements. A published variant gets a new version first and
// is published again only with `publish`; scheduled and archived variants are reported, never changed.
// A bad row is reported (row, column, reason) and the rest continue; `all_or_nothing` checks every row
// first and writes nothing when one is bad (the API has no transactions: validation first, not atomic).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "api/management_client.h"
#include "core/log.h"
#include "core/status.h"
#include "feeds/row_reader.h"

namespace kbulk::feeds {

struct FeedImportOptions {
  std::string path = "-";  // the feed, or "-" for standard input
  FeedFormat format = FeedFormat::kCsv;
  std::string type;      // content type codename
  std::string language;  // only rows of this language; the language of rows without a language cell
  enum class Key { kCodename, kExternalId } key = Key::kCodename;
  bool create_missing = false;  // create items and variants the target lacks
  bool publish = false;         // publish again a published variant that was updated
  bool dry_run = false;         // read, check and compare; write nothing
  bool all_or_nothing = false;  // check every row first; write nothing when one is bad
  std::string rejected_path;    // the bad rows, in the input's format and header ("" = none)
  // Bytes of the target's items, assets and variants kept in memory before they spill to temporary files
  // (feed_import_target.h): memory stays bounded however large the target.
  std::size_t target_memory_budget = std::size_t{8} << 20;
};

struct RowProblem {
  std::uint64_t row = 0;
  std::string column;  // "" = the row as a whole
  std::string reason;
};

struct FeedImportSummary {
  std::uint64_t rows_read = 0;
  std::uint64_t written = 0;    // rows that wrote (or, in a dry run, would write)
  std::uint64_t unchanged = 0;  // rows equal to the target
  std::uint64_t rejected = 0;   // bad rows, and rows whose writes failed
  std::uint64_t skipped = 0;    // rows of another language, and scheduled or archived variants
  std::uint64_t created_items = 0, created_variants = 0, new_versions = 0, published = 0;
  std::uint64_t moved = 0;   // variants moved to the workflow step their row names
  std::uint64_t writes = 0;  // write requests sent
  bool dry_run = false;
  bool nothing_written = false;      // --all-or-nothing found bad rows
  std::vector<RowProblem> problems;  // the first 1000
  std::vector<std::string> notes;    // skipped variants, refused publishes (the first 1000)
  api::RequestStats requests;
  std::uint64_t target_spills = 0;  // runs the target's indexes wrote to temporary files (not in ToJson)

  std::string ToJson() const;
};

// Fails for what stops the whole import: an unreadable or malformed file, an unknown column, an unknown
// type, authentication and network failures. Bad rows are not failures: they are in the summary.
Result<FeedImportSummary> ImportFeed(api::ManagementClient& client, const FeedImportOptions& options, Logger& log,
                                     Progress& progress);

}  // namespace kbulk::feeds
