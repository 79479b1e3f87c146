// What `kbulk import` does and how: the archive, integrity mode, plan-only, model updates, write bound.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace kbulk::importer {

struct ImportOptions {
  std::string archive = "-";  // a kbulk archive file, or "-" for standard input (spooled and verified)
  // Write while reading, without verifying the whole archive first: damage stops the import at the bad
  // entry and leaves the target partial (the error says so).
  bool stream = false;
  bool dry_run = false;                 // read the target and plan; no writes
  bool update_model = false;            // patch existing model objects to match the archive
  std::uint32_t write_concurrency = 2;  // writes in flight (each object's writes stay ordered)
  // When set, every object that fails is appended here as an NDJSON line (kind, source_id, codename,
  // error) as it happens; the file is created owner-only before the import starts.
  std::string report_path;
  std::string temp_dir;  // where blobs and standard input are spooled; empty = $TMPDIR or /tmp
  // Requests per minute the estimate assumes (the client's pacing, at most the service's 400).
  std::uint32_t requests_per_minute = 400;

  // The journal (importer/journal.h, docs/import.md "Resume and interruption"): empty = next to the
  // archive ("<archive>.kbulk-journal"); standard input keeps none unless a path is given. Without
  // `resume` or `restart` an existing journal stops the import before anything is read or written.
  std::string journal_path;
  bool resume = false;   // continue the import the journal records
  bool restart = false;  // remove an existing journal and start over
  // Set (by a signal) when the import must stop: no new record is handed to the phases, writes in flight
  // finish, the journal keeps what finished, and ImportArchive returns kCancelled. Not owned.
  const std::atomic<bool>* cancel = nullptr;
};

}  // namespace kbulk::importer
