// The outcome of an export: what was written per kind, what failed, what it cost.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "api/request_stats.h"

namespace kbulk::exporter {

struct ExportFailure {
  std::string kind;    // "asset", "variant", "item", ...
  std::string object;  // codename / id / "item 'x' language 'en'"
  std::string reason;
};

struct ExportSummary {
  std::string output;
  std::map<std::string, std::uint64_t> counts;  // by entity kind name ("items", "variants", "blobs", ...)
  std::uint64_t published_versions = 0;         // published versions under a newer latest version
  std::uint64_t published_requests = 0;         // requests spent looking for them (probes)
  std::uint64_t published_none = 0;             // probes that found none (404)
  std::uint64_t published_reused = 0;           // published versions taken from --base without a probe
  std::uint64_t published_none_reused = 0;      // absences taken from --base without a probe
  std::uint64_t binaries_reused = 0;            // assets whose binary was copied from --base, not downloaded
  std::string base;                             // the base's identity (JSON), empty without --base
  std::uint64_t rendition_requests = 0;
  std::uint64_t binary_bytes = 0;     // bytes downloaded
  std::uint64_t archive_bytes = 0;    // bytes of the archive written
  std::uint64_t duplicate_blobs = 0;  // binaries shared by several assets, stored once
  std::vector<ExportFailure> failures;
  std::vector<std::string> notes;  // e.g. a deprecated route the environment refused, recorded as absent
  api::RequestStats requests;
  std::chrono::milliseconds duration{0};

  std::string ToJson() const;
};

// Thread-safe collector for per-object failures; the first `limit` are kept, all are counted.
class FailureLog {
 public:
  explicit FailureLog(std::size_t limit = 1000) : limit_(limit) {}
  void Add(ExportFailure failure);
  std::uint64_t count() const;
  std::vector<ExportFailure> Take();

 private:
  mutable std::mutex mutex_;
  std::size_t limit_;
  std::uint64_t count_ = 0;
  std::vector<ExportFailure> failures_;
};

}  // namespace kbulk::exporter
