// Request accounting: counters under one mutex (updated once per attempt, so contention is negligible)
// and their JSON rendering for summaries and benchmarks.
#include "api/request_stats.h"

#include "core/json.h"

namespace kbulk::api {

std::string RequestStats::ToJson() const {
  JsonWriter w;
  w.StartObject();
  w.Key("api_requests").Uint(api_requests);
  w.Key("retries").Uint(retries);
  w.Key("rate_limited").Uint(rate_limited);
  w.Key("downloads").Uint(downloads);
  w.Key("bytes_in").Uint(bytes_in);
  w.Key("bytes_out").Uint(bytes_out);
  w.Key("pacing_wait_ms").Uint(static_cast<std::uint64_t>(pacing_wait.count() / 1'000'000));
  w.Key("retry_wait_ms").Uint(static_cast<std::uint64_t>(retry_wait.count() / 1'000'000));
  w.Key("requests").StartObject();
  for (const auto& [route, by_status] : requests) {
    w.Key(route).StartObject();
    for (const auto& [status, count] : by_status) w.Key(std::to_string(status)).Uint(count);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return w.str();
}

void RequestStatsRecorder::RecordAttempt(const std::string& key, int status, std::uint64_t bytes_out,
                                         std::uint64_t bytes_in, bool is_retry, std::chrono::nanoseconds pacing_wait) {
  std::lock_guard lock(mutex_);
  ++stats_.requests[key][status];
  ++stats_.api_requests;
  if (is_retry) ++stats_.retries;
  if (status == 429) ++stats_.rate_limited;
  stats_.bytes_in += bytes_in;
  stats_.bytes_out += bytes_out;
  stats_.pacing_wait += pacing_wait;
}

void RequestStatsRecorder::RecordRetryWait(std::chrono::nanoseconds waited) {
  std::lock_guard lock(mutex_);
  stats_.retry_wait += waited;
}

void RequestStatsRecorder::RecordDownload(int status, std::uint64_t bytes_in, bool completed, bool is_retry) {
  std::lock_guard lock(mutex_);
  ++stats_.requests["GET {asset binary}"][status];
  if (completed) ++stats_.downloads;
  if (is_retry) ++stats_.retries;
  stats_.bytes_in += bytes_in;
}

RequestStats RequestStatsRecorder::Snapshot() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace kbulk::api
