// What a client's requests cost: counts per method + route template + status, bytes, retries, 429s and
// time spent waiting on pacing. Snapshots are plain values; the client updates its own under a lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace kbulk::api {

struct RequestStats {
  // "GET /types/{id}/variants" -> status -> count (status 0 = no response: connection failure, timeout).
  std::map<std::string, std::map<int, std::uint64_t>> requests;
  std::uint64_t api_requests = 0;           // attempts sent to the API (retries included)
  std::uint64_t retries = 0;                // attempts beyond the first
  std::uint64_t rate_limited = 0;           // 429 responses received
  std::uint64_t downloads = 0;              // binary downloads completed
  std::uint64_t bytes_in = 0;               // response bodies and binaries received
  std::uint64_t bytes_out = 0;              // request bodies and uploads sent
  std::chrono::nanoseconds pacing_wait{0};  // summed over all requests
  std::chrono::nanoseconds retry_wait{0};

  // {"api_requests":N,"retries":N,...,"requests":{"GET /items":{"200":N}}}
  std::string ToJson() const;
};

// Accumulates RequestStats from any thread; Snapshot() copies them out.
class RequestStatsRecorder {
 public:
  // One attempt at the API: `key` is "METHOD /route/{template}", status 0 = no response.
  void RecordAttempt(const std::string& key, int status, std::uint64_t bytes_out, std::uint64_t bytes_in, bool is_retry,
                     std::chrono::nanoseconds pacing_wait);
  void RecordRetryWait(std::chrono::nanoseconds waited);
  // One attempt at a binary outside the API (download from an asset URL).
  void RecordDownload(int status, std::uint64_t bytes_in, bool completed, bool is_retry);

  RequestStats Snapshot() const;

 private:
  mutable std::mutex mutex_;
  RequestStats stats_;
};

}  // namespace kbulk::api
