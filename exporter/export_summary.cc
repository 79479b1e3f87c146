// Export summary as JSON and the failure collector.
#include "exporter/export_summary.h"

#include "core/json.h"

namespace kbulk::exporter {

std::string ExportSummary::ToJson() const {
  JsonWriter w;
  w.StartObject();
  w.Key("output").String(output);
  w.Key("counts").StartObject();
  for (const auto& [kind, n] : counts) w.Key(kind).Uint(n);
  w.EndObject();
  w.Key("published_versions").Uint(published_versions);
  w.Key("published_requests").Uint(published_requests);
  w.Key("published_none").Uint(published_none);
  w.Key("published_reused").Uint(published_reused);
  w.Key("published_none_reused").Uint(published_none_reused);
  w.Key("requests_saved_by_base").Uint(published_reused + published_none_reused);
  w.Key("binaries_reused").Uint(binaries_reused);
  if (!base.empty()) w.Key("base").Raw(base);
  w.Key("rendition_requests").Uint(rendition_requests);
  w.Key("binary_bytes").Uint(binary_bytes);
  w.Key("archive_bytes").Uint(archive_bytes);
  w.Key("duplicate_blobs").Uint(duplicate_blobs);
  w.Key("failures").StartArray();
  for (const auto& f : failures) {
    w.StartObject().Key("kind").String(f.kind).Key("object").String(f.object).Key("reason").String(f.reason);
    w.EndObject();
  }
  w.EndArray();
  w.Key("notes").StartArray();
  for (const auto& n : notes) w.String(n);
  w.EndArray();
  w.Key("requests").Raw(requests.ToJson());
  w.Key("duration_ms").Int(duration.count());
  w.EndObject();
  return w.str();
}

void FailureLog::Add(ExportFailure failure) {
  std::lock_guard lock(mutex_);
  ++count_;
  if (failures_.size() < limit_) failures_.push_back(std::move(failure));
}

std::uint64_t FailureLog::count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

std::vector<ExportFailure> FailureLog::Take() {
  std::lock_guard lock(mutex_);
  return std::move(failures_);
}

}  // namespace kbulk::exporter
