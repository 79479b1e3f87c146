// The reader-limit flags verify, inspect and diff share (docs/archive-format.md, "Reader limits"): each
// raises (or lowers) one formats::ReaderLimits bound. Header-only: each command includes it after CLI11.
#pragma once

#include <CLI/CLI.hpp>

#include "formats/archive_reader.h"

namespace kbulk::cli {

inline void AddReaderLimitFlags(CLI::App& app, formats::ReaderLimits& limits) {
  app.add_option("--max-entry-size", limits.max_entry_size, "Largest entry accepted, in bytes")->capture_default_str();
  app.add_option("--max-total-size", limits.max_total_size, "Largest uncompressed archive accepted, in bytes")
      ->capture_default_str();
  app.add_option("--max-record-size", limits.max_record_size, "Largest NDJSON record or JSON document, in bytes")
      ->capture_default_str();
  app.add_option("--max-index-size", limits.max_index_size, "Largest trailer index (kbulk.index.json), in bytes")
      ->capture_default_str();
  app.add_option("--max-entries", limits.max_entries, "Most entries accepted in one archive")->capture_default_str();
  app.add_option("--max-entry-name", limits.max_entry_name, "Longest entry name accepted, in bytes")
      ->capture_default_str();
  app.add_option("--max-name-bytes", limits.max_name_bytes, "Most bytes of all entry names together")
      ->capture_default_str();
}

}  // namespace kbulk::cli
