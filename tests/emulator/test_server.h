// An emulator started in-process on 127.0.0.1 and a free port, seeded through the store's SeedSink
// with a small model, and a blocking client for it. httplib stays inside test_server.cc.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/json.h"
#include "emulator/server.h"

namespace kbulk::emulator::testing {

struct Reply {
  int status = 0;  // 0 when the connection failed or the body was cut
  std::string body;
  std::map<std::string, std::string> headers;
  JsonDocument Json() const;
};

// A small model put through EnvironmentSeedSink: language de-DE, taxonomy group "topics" (term "news"),
// snippet "seo" (text element seo__title), content type "article" with one element of every kind
// (title text max 60, body rich_text, related modular_content, pick single choice a/b, tags taxonomy,
// image asset, count number, date date_time, slug url_slug, widget custom, the seo snippet), type "author",
// a workflow "review" is not added: the default workflow serves everything.
void SeedModel(Environment& env);

class TestServer {
 public:
  explicit TestServer(ServerOptions options = {}, bool seed_model = true);
  ~TestServer();

  Reply Call(const std::string& method, const std::string& path, const std::string& body = "",
             const std::map<std::string, std::string>& headers = {}, bool with_auth = true);
  // Path relative to the environment: Api("GET", "/items") -> /v2/projects/<env>/items.
  Reply Api(const std::string& method, const std::string& path, const std::string& body = "");
  Reply Get(const std::string& url_path) { return Call("GET", url_path, "", {}, false); }

  Server& server() { return *server_; }
  const std::string& env_id() const { return env_id_; }
  std::string api_base() const { return "/v2/projects/" + env_id_; }

 private:
  std::unique_ptr<Server> server_;
  std::string env_id_;
};

}  // namespace kbulk::emulator::testing
