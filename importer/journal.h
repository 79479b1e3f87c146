// ImportJournal: what `kbulk import --resume` continues from (docs/import.md, "Resume and interruption").
// An NDJSON file, owner-only (0600), next to the archive by default (`<archive>.kbulk-journal`):
//
//   {"kbulk_journal":1,"archive":{"manifest_sha256":"...","path":"..."},"target":{"environment_id":"...",
//    "base_url":"..."}}                                           the header: which archive into which target
//   {"step":"model"}  {"step":"blobs"}  {"step":"assets"} ...      each step once all its writes finished
//
// Lines are appended with one write() each and fsynced, so a kill -9 loses at most the line in flight (a
// torn last line is ignored). The header names the archive (the SHA-256 of its manifest, which holds its
// creation time and source) and the target (environment id and API base URL); a journal of another archive
// or target is refused. It never holds the API key. Not thread-safe: the import's driver thread uses it.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kbulk::importer {

struct JournalTarget {
  std::string environment_id;
  std::string base_url;
};

class ImportJournal {
 public:
  enum class Mode {
    kNew,      // an existing journal stops the import (the message says --resume or --restart)
    kResume,   // an existing journal is continued (none: a fresh start)
    kRestart,  // an existing journal is removed first
  };

  // "<archive>.kbulk-journal"; empty for standard input ("-"), which needs --journal FILE.
  static std::string DefaultPath(const std::string& archive);

  // Opens `path` as `mode` says. An existing journal is parsed (depth-limited, at most 16 MiB) and its
  // target compared with `target` (kConflict naming both when they differ).
  static Result<std::unique_ptr<ImportJournal>> Open(const std::string& path, Mode mode, const JournalTarget& target);
  ~ImportJournal();
  ImportJournal(const ImportJournal&) = delete;
  ImportJournal& operator=(const ImportJournal&) = delete;

  // At the archive's manifest, before any write: a resumed journal must name the same archive
  // (kConflict otherwise); a new one is created (kIo when it cannot be) with its header.
  Status BindArchive(std::string_view manifest_json, const std::string& archive_path);
  // Appends {"step": step} and fsyncs it.
  Status Finished(std::string_view step);
  bool WasFinished(std::string_view step) const { return finished_.count(std::string(step)) != 0; }

  bool resumed() const { return resumed_; }
  const std::set<std::string>& finished_steps() const { return finished_; }
  const std::string& path() const { return path_; }
  // The import ended with every object written: the journal is removed.
  Status Complete();

 private:
  ImportJournal(std::string path, JournalTarget target) : path_(std::move(path)), target_(std::move(target)) {}
  Status Parse(std::string_view text);
  Status Append(std::string_view line);
  Status OpenForAppend();

  std::string path_;
  JournalTarget target_;
  int fd_ = -1;
  bool resumed_ = false;
  bool has_header_ = false;
  std::string archive_sha256_;  // from a resumed journal's header
  std::string archive_path_;
  std::set<std::string> finished_;
};

}  // namespace kbulk::importer
