// Shared setup for client tests: a client pointed at a ScriptedServer with fast retries, no pacing
// unless a test asks for it, and a Logger that keeps every line.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "api/management_client.h"
#include "core/log.h"
#include "tests/api/scripted_server.h"

namespace kbulk::api::testing {

inline constexpr const char* kTestKey = "ew0KICAiYWxnIjogIkhTMjU2Ig0K.secret-key-7f3a9c";
inline constexpr const char* kTestEnvironment = "7b5e3c2a-1111-4222-8333-944455556666";

class CapturingLogger final : public Logger {
 public:
  void Log(LogLevel, std::string_view message) override {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(message);
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

inline ClientOptions TestOptions(const ScriptedServer& server, Logger* logger = nullptr) {
  ClientOptions o;
  o.base_url = server.base_url();
  o.environment_id = kTestEnvironment;
  o.api_key = kTestKey;
  o.pacing.enabled = false;
  o.retry.base_delay = std::chrono::milliseconds(5);
  o.retry.max_delay = std::chrono::milliseconds(40);
  o.retry.max_attempts = 5;
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.request_timeout = std::chrono::milliseconds(10000);
  o.logger = logger;
  return o;
}

inline std::unique_ptr<ManagementClient> MakeClient(ClientOptions options) {
  auto client = ManagementClient::Create(std::move(options));
  if (!client.ok()) throw std::runtime_error(client.status().ToString());
  return std::move(client).value();
}

// "/v2/projects/<environment>" - what every API path starts with on the server.
inline std::string ApiPrefix() {
  return std::string("/v2/projects/") + kTestEnvironment;
}

}  // namespace kbulk::api::testing
