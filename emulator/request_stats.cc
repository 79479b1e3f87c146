// Counts kept under one mutex; the JSON is built on demand.
#include "emulator/request_stats.h"

#include "core/json.h"

namespace kbulk::emulator {

void RequestStats::Record(std::string_view method, std::string_view route_template, int status, bool api_route) {
  std::lock_guard<std::mutex> lock(mu_);
  if (api_route) {
    if (method == "GET" || method == "HEAD")
      ++reads_;
    else
      ++writes_;
  }
  if (status == 429) ++rate_limited_;
  std::string key(method);
  key += ' ';
  key += route_template;
  ++requests_[key][status];
}

std::string RequestStats::ToJson() const {
  std::lock_guard<std::mutex> lock(mu_);
  JsonWriter w;
  w.StartObject();
  w.Key("reads").Uint(reads_).Key("writes").Uint(writes_).Key("rate_limited").Uint(rate_limited_);
  w.Key("faults_injected").Uint(faults_);
  w.Key("requests").StartObject();
  for (const auto& [route, by_status] : requests_) {
    w.Key(route).StartObject();
    for (const auto& [status, n] : by_status) w.Key(std::to_string(status)).Uint(n);
    w.EndObject();
  }
  w.EndObject().EndObject();
  return w.str();
}

void RequestStats::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  reads_ = writes_ = rate_limited_ = faults_ = 0;
  requests_.clear();
}

}  // namespace kbulk::emulator
