// httplib::Server on 127.0.0.1:0 with one catch-all route per method.
#include "tests/api/scripted_server.h"

#include <httplib.h>

#include <stdexcept>
#include <thread>

namespace kbulk::api::testing {

struct ScriptedServer::Impl {
  httplib::Server server;
  std::thread thread;
  Handler handler;
  mutable std::mutex mutex;
  std::vector<RecordedRequest> requests;
  std::vector<std::chrono::steady_clock::time_point> answered;
};

ScriptedServer::ScriptedServer(Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  auto serve = [impl = impl_.get()](const httplib::Request& req, httplib::Response& res) {
    RecordedRequest r;
    r.arrived = std::chrono::steady_clock::now();
    r.method = req.method;
    r.target = req.target;
    r.path = req.path;
    r.body = req.body;
    for (const auto& [name, value] : req.headers) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[lower] = value;
    }
    ScriptedResponse out = impl->handler(r);
    res.status = out.status;
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    if (out.drop_connection) {
      res.set_content_provider(1000, out.content_type, [](size_t, size_t, httplib::DataSink&) { return false; });
    } else if (!out.body.empty() || out.status != 204) {
      res.set_content(out.body, out.content_type);
    }
    std::lock_guard lock(impl->mutex);
    impl->requests.push_back(std::move(r));
    impl->answered.push_back(std::chrono::steady_clock::now());
  };
  impl_->server.Get(".*", serve);
  impl_->server.Post(".*", serve);
  impl_->server.Put(".*", serve);
  impl_->server.Patch(".*", serve);
  impl_->server.Delete(".*", serve);
  impl_->server.set_keep_alive_timeout(1);
  port_ = impl_->server.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
  impl_->thread = std::thread([impl = impl_.get()] { impl->server.listen_after_bind(); });
  while (!impl_->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

ScriptedServer::~ScriptedServer() {
  impl_->server.stop();
  impl_->thread.join();
}

std::vector<RecordedRequest> ScriptedServer::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

std::vector<std::chrono::steady_clock::time_point> ScriptedServer::answered() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->answered;
}

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace kbulk::api::testing
