// Request accounting for the control surface (GET /_emulator/stats): reads, writes, 429s and counts
// per "<METHOD> <route template>" and status. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace kbulk::emulator {

class RequestStats {
 public:
  // `api_route` is true when the request reached an API route (it then counts as a read or a write).
  void Record(std::string_view method, std::string_view route_template, int status, bool api_route);
  void RecordFault() {
    std::lock_guard<std::mutex> lock(mu_);
    ++faults_;
  }
  std::string ToJson() const;
  void Reset();

 private:
  mutable std::mutex mu_;
  std::uint64_t reads_ = 0, writes_ = 0, rate_limited_ = 0, faults_ = 0;
  std::map<std::string, std::map<int, std::uint64_t>> requests_;
};

}  // namespace kbulk::emulator
