// The shared state of one export while its phases run: the client, the archive writer (serialized by a
// mutex: the writer is not thread-safe), the lookups later phases need (codenames -> ids, workflow steps),
// counters and failures. Internal to the exporter.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "api/endpoints.h"
#include "api/management_client.h"
#include "core/log.h"
#include "core/uuid.h"
#include "exporter/base_archive.h"
#include "exporter/export_options.h"
#include "exporter/export_summary.h"
#include "formats/archive_writer.h"
#include "formats/record_envelope.h"

namespace kbulk::exporter {

enum class StepClass { kOther, kPublished, kScheduled, kArchived };

// What the variant phase needs to know about an item: a few bits per item, keyed by its 16-byte id, so
// that 100k items cost a few MB (the item records themselves stream to the archive).
struct ItemFacts {
  bool changed = true;   // last_modified >= since (true without --since)
  bool written = false;  // already in content/items.ndjson
  bool wanted = false;   // a changed variant needs it (with --since)
};

struct UuidHash {
  std::size_t operator()(const Uuid& u) const {
    std::size_t h = 0;
    for (auto b : u.bytes()) h = h * 131 + b;
    return h;
  }
};

class ExportRun {
 public:
  ExportRun(api::ManagementClient& client, const ExportOptions& options, Logger& log, Progress& progress)
      : client(client), options(options), log(log), progress(progress) {}

  api::ManagementClient& client;
  const ExportOptions& options;
  Logger& log;
  Progress& progress;

  std::unique_ptr<formats::ArchiveWriter> writer;
  std::mutex writer_mutex;

  // Lookups learned from the model.
  std::map<std::string, std::string> language_ids;             // codename -> id
  std::map<std::string, std::string> type_ids;                 // codename -> id
  std::map<std::string, std::string> collection_ids;           // codename -> id
  std::unordered_map<std::string, StepClass> steps;            // step id -> class
  std::unordered_map<std::string, std::string> element_types;  // element id -> type (types and snippets)
  std::unordered_map<Uuid, ItemFacts, UuidHash> items;         // item id -> facts
  std::mutex items_mutex;

  std::mutex counts_mutex;
  std::map<std::string, std::uint64_t> counts;  // by entity kind name
  std::atomic<std::uint64_t> published_versions{0};
  std::atomic<std::uint64_t> published_requests{0};
  std::atomic<std::uint64_t> published_none{0};         // probes answered 404: never published
  std::atomic<std::uint64_t> published_reused{0};       // published versions taken from the base
  std::atomic<std::uint64_t> published_none_reused{0};  // absences taken from the base, without a probe
  std::unique_ptr<BaseArchive> base;                    // --base, when given
  std::mutex base_blobs_mutex;
  std::unordered_set<std::string> base_blobs;     // blobs to copy from the base (unchanged assets)
  std::atomic<std::uint64_t> binaries_reused{0};  // assets whose binary came from the base
  std::atomic<std::uint64_t> rendition_requests{0};
  std::atomic<std::uint64_t> binary_bytes{0};
  std::atomic<std::uint64_t> duplicate_blobs{0};
  FailureLog failures;
  std::mutex notes_mutex;
  std::vector<std::string> notes;  // what the summary should say beyond counts (refused deprecated routes)

  void Count(std::string_view kind, std::uint64_t n = 1) {
    std::lock_guard lock(counts_mutex);
    counts[std::string(kind)] += n;
  }
  // A per-object failure: recorded, and fatal at the end unless allow_partial.
  void Fail(std::string kind, std::string object, const Status& status) {
    log.Warning(kind + " " + object + ": " + status.message());
    failures.Add({std::move(kind), std::move(object), status.ToString()});
  }
  void Note(std::string note) {
    log.Info(note);
    std::lock_guard lock(notes_mutex);
    notes.push_back(std::move(note));
  }
  // Published versions settled so far: probed, or taken from the base (progress phase "published versions").
  std::uint64_t PublishedSettled() const { return published_requests + published_reused + published_none_reused; }
  bool SinceAllows(std::string_view last_modified) const {
    return options.since.empty() || last_modified.empty() || last_modified >= options.since;
  }
};

// Variants, shared by the full and the subset export.
std::string RefId(const JsonValue& object, std::string_view member);  // object[member].id or ""
std::string StepId(const JsonValue& variant);
bool NeedsPublished(const ExportRun& run, const JsonValue& variant);
Status WriteVariant(ExportRun& run, formats::NdjsonSink& sink, formats::VariantVersion version, std::string_view json);
// Writes the published version when there is one; returns its text (nullopt: none, or a recorded failure).
Result<std::optional<std::string>> FetchPublished(ExportRun& run, formats::NdjsonSink& sink, const std::string& item_id,
                                                  const std::string& language_id);
// One asset: binary (unless --no-binaries), renditions, record.
Status WriteAsset(ExportRun& run, formats::NdjsonSink& sink, const std::string& json);
// The blobs WriteAsset took from the base (unchanged assets), copied into the archive. REQUIRES: after the
// last WriteAsset, before the asset records are committed.
Status CopyBaseBlobs(ExportRun& run);

// The phases, in archive order. Each returns a fatal error or OK (per-object failures go to run.Fail).
Status ExportModel(ExportRun& run);
Status ExportAssets(ExportRun& run);
// `before_commit` runs after the listing, before the content entries are committed (the asset phase,
// running in parallel, must be done by then).
Status ExportContent(ExportRun& run, std::function<Status()> before_commit = nullptr);
// The content filters name existing types, languages and collections (a usage error otherwise).
Status CheckContentFilters(const ExportRun& run);
// `--items`: those items and what they reference up to `depth`, with their assets (replaces the two above).
Status ExportSubset(ExportRun& run);

}  // namespace kbulk::exporter
