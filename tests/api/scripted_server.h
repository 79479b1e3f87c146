// A scripted HTTP server for the client's tests: listens on 127.0.0.1 on a free port, records every
// request with its arrival time, and answers what the test's handler says (including dropping the
// connection mid-response). httplib stays inside scripted_server.cc.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace kbulk::api::testing {

struct RecordedRequest {
  std::string method;
  std::string target;                          // as sent, still URL-encoded, with the query
  std::string path;                            // decoded
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;
  std::chrono::steady_clock::time_point arrived;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  bool HasHeader(const std::string& lower_name) const { return headers.count(lower_name) != 0; }
};

struct ScriptedResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  bool drop_connection = false;  // send headers announcing a body, then close: a reset mid-response
};

class ScriptedServer {
 public:
  // Called concurrently from the server's threads.
  using Handler = std::function<ScriptedResponse(const RecordedRequest&)>;

  explicit ScriptedServer(Handler handler);
  ~ScriptedServer();

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v2"; }
  std::vector<RecordedRequest> requests() const;
  // When each response was handed to the connection (same order as requests()).
  std::vector<std::chrono::steady_clock::time_point> answered() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

// A JSON string literal for `s` (quotes and backslashes escaped).
std::string Quoted(const std::string& s);

}  // namespace kbulk::api::testing
