// What an import planned, did, and could not do. Shared by the importer's phases (model, assets,
// content, workflow): each reports here and none keeps its own copy. Thread-safe.
//
// - Plan entries: one per object the import looked at, with the action it takes (create / update /
//   unchanged / conflict / skip). Counted per kind and action; conflicts are kept in full, other entries
//   only up to a limit (dry-run prints them).
// - Failures: objects that failed after retries (kind, source id, codename, error). `--report FILE`
//   writes them as NDJSON; any failure makes the import exit 3.
// - Notes: things reported but not failures (a forward reference to an object the archive lacks, a
//   workflow step whose role is missing in the target, a webhook given a new secret, a past schedule
//   applied now, a publish refused for incomplete required elements).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kbulk::importer {

enum class PlanAction { kCreate, kUpdate, kUnchanged, kConflict, kSkip };
std::string_view PlanActionName(PlanAction action);  // "create", "update", "unchanged", "conflict", "skip"

struct PlanEntry {
  std::string kind;    // entity kind name: "content_types", "languages", "items", "variants", ...
  std::string object;  // codename, or "item 'x' language 'en-US'"
  PlanAction action = PlanAction::kUnchanged;
  std::string
      detail;  // what differs, or why it conflicts ("element 'title' is number in the target, text in the archive")
};

struct ImportFailure {
  std::string kind;       // "asset", "item", "variant", "content_type", "workflow", ...
  std::string source_id;  // the object's id in the archive ("" when it has none)
  std::string codename;   // codename, or "item_codename/language_codename" for variants
  std::string error;
};

struct ImportNote {
  std::string kind;
  std::string object;
  std::string message;
};

class ImportReport {
 public:
  explicit ImportReport(std::size_t keep = 1000) : keep_(keep) {}
  ~ImportReport();
  ImportReport(const ImportReport&) = delete;
  ImportReport& operator=(const ImportReport&) = delete;

  // From now on every failure is also appended to `path` as one NDJSON line as it happens (owner-only
  // file, created empty at once), so the file lists every failure however many, even when the import
  // later stops. Failures reported before the call are written first.
  Status StreamFailuresTo(const std::string& path);

  void Plan(PlanEntry entry);
  void Fail(ImportFailure failure);
  void Note(ImportNote note);
  // Requests a phase expects to make (what --dry-run estimates); `phase` is "model", "assets", "content", ...
  void AddPlannedRequests(std::string_view phase, std::uint64_t n);
  // Writes that really went out (create/update/workflow actions), per kind.
  void CountWrite(std::string_view kind, std::uint64_t n = 1);

  std::map<std::string, std::map<std::string, std::uint64_t>> plan_counts() const;  // kind -> action -> n
  std::vector<PlanEntry> conflicts() const;
  std::vector<PlanEntry> plan_entries() const;  // the first `keep` entries that are not "unchanged"
  std::uint64_t failure_count() const;
  std::vector<ImportFailure> failures() const;  // the first `keep`
  std::vector<ImportNote> notes() const;        // the first `keep`
  std::uint64_t note_count() const;
  std::map<std::string, std::uint64_t> planned_requests() const;
  std::uint64_t planned_request_total() const;
  std::map<std::string, std::uint64_t> writes() const;

  // The failures kept (the first `keep`) as NDJSON lines {"kind","source_id","codename","error"};
  // owner-only file (0600). StreamFailuresTo lists every one.
  Status WriteFailures(const std::string& path) const;
  // The first error appending to the StreamFailuresTo file (OK when none).
  Status failure_log_status() const;
  // {"plan": {kind: {action: n}}, "changes": [first `keep` entries not unchanged], "conflicts": [...], "failures":
  // [...], "failure_count", "notes": [...],
  //  "note_count", "planned_requests": {...}, "writes": {...}}
  std::string ToJson() const;

 private:
  mutable std::mutex mutex_;
  std::size_t keep_;
  std::map<std::string, std::map<std::string, std::uint64_t>> plan_counts_;
  std::vector<PlanEntry> conflicts_;
  std::vector<PlanEntry> entries_;
  std::uint64_t failure_count_ = 0;
  std::vector<ImportFailure> failures_;
  std::uint64_t note_count_ = 0;
  std::vector<ImportNote> notes_;
  std::map<std::string, std::uint64_t> planned_requests_;
  std::map<std::string, std::uint64_t> writes_;
  int failure_fd_ = -1;
  Status failure_log_status_;  // the first error writing the failure log
};

}  // namespace kbulk::importer
