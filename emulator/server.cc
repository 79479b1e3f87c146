// cpp-httplib wiring: every request goes through Dispatch, which routes /v2 requests through auth, rate
// limit, faults and latency to a handler, and serves binaries and the control surface directly.
#include "emulator/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "core/json.h"
#include "emulator/api_error.h"
#include "emulator/routes.h"

namespace kbulk::emulator {

struct Server::Impl {
  httplib::Server http;
  Router router;
  std::mutex store_mu;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<FaultInjector> faults;
  std::unique_ptr<FaultInjector> binary_faults;  // its own sequence: downloads run in parallel
  std::thread thread;
  socket_t listen_socket = INVALID_SOCKET;  // for Bind(): see set_socket_options below
};

namespace {

void SendApiResponse(const ApiResponse& r, httplib::Response& res) {
  res.status = r.status;
  for (const auto& [name, value] : r.headers) res.set_header(name, value);
  if (r.status != 204) res.set_content(r.body, r.content_type.empty() ? "application/json" : r.content_type);
}

// The body is cut: nothing at all (reset) or the first half (truncate); the connection then closes.
void SendBroken(const ApiResponse& r, httplib::Response& res, bool truncate) {
  res.status = r.status;
  auto body = std::make_shared<std::string>(r.body);
  std::size_t cut = truncate ? body->size() / 2 : 0;
  res.set_content_provider(body->size(), r.content_type.empty() ? "application/json" : r.content_type,
                           [body, cut](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                             if (offset < cut) sink.write(body->data() + offset, cut - offset);
                             return false;
                           });
}

ApiRequest ToApiRequest(const httplib::Request& req, const std::string& base_url) {
  ApiRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.query.emplace(k, v);
  for (const auto& [k, v] : req.headers) {
    std::string lower = k;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace(std::move(lower), v);
  }
  r.body = req.body;
  r.base_url = base_url;
  return r;
}

// "Bearer <key>" with the scheme in any case (RFC 7235; the official SDK sends "bearer").
bool BearerMatches(std::string_view header, std::string_view key) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return false;
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return !key.empty() && token == key;
}

// A refusal sent before the request's body is read: the whole response, then the connection is closed
// (the content provider fails after writing it), so the unread body is never parsed as a next request.
void SendAndClose(const ApiResponse& r, httplib::Response& res) {
  res.status = r.status;
  res.set_header("Connection", "close");
  auto body = std::make_shared<std::string>(r.body);
  res.set_content_provider(body->size(), "application/json",
                           [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                             if (offset < body->size()) sink.write(body->data() + offset, body->size() - offset);
                             return false;
                           });
}

bool CarriesBody(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  if (req.has_header("Content-Length")) return req.get_header_value("Content-Length") != "0";
  // httplib would read a body of unknown length until the client closes the connection.
  return req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
}

void SleepMs(int ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace

Server::Server(ServerOptions options)
    : options_(std::move(options)), store_(options_.id_seed), impl_(std::make_unique<Impl>()) {
  impl_->limiter = std::make_unique<RateLimiter>(options_.rate_limit, options_.clock);
  impl_->faults = std::make_unique<FaultInjector>(options_.faults);
  FaultSpec binary_spec = options_.faults;
  binary_spec.seed ^= 0xb1a2b3c4d5e6f708ULL;
  impl_->binary_faults = std::make_unique<FaultInjector>(binary_spec);
  Router& router = impl_->router;
  AddEnvironmentRoutes(router);
  AddLanguageRoutes(router);
  AddCollectionRoutes(router);
  AddSpaceRoutes(router);
  AddTaxonomyRoutes(router);
  AddTypeRoutes(router);
  AddItemRoutes(router);
  AddVariantRoutes(router);
  AddWorkflowActionRoutes(router);
  AddWorkflowRoutes(router);
  AddAssetRoutes(router);
  AddFolderRoutes(router);
  AddMiscRoutes(router);
  AddValidationRoutes(router);
  AddWebSpotlightRoutes(router);

  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    const std::string base = base_url();
    if (req.path.rfind("/v2/", 0) == 0) {
      ApiRequest request = ToApiRequest(req, base);
      bool other_method = false;
      auto match = impl_->router.Find(request.method, request.path, &other_method);
      if (!match) {
        ApiResponse r = other_method
                            ? ErrorResponse(405, 0, "The requested HTTP method is not supported for " + request.path)
                            : ErrorResponse(404, 0, "The requested resource " + request.path + " was not found.");
        stats_.Record(request.method, "(unmatched)", r.status, false);
        SendApiResponse(r, res);
        return;
      }
      const std::string& route_template = match->route->path_template;
      request.params = std::move(match->params);
      auto finish = [&](const ApiResponse& r) {
        stats_.Record(request.method, route_template, r.status, true);
        SendApiResponse(r, res);
      };
      if (!BearerMatches(request.Header("authorization"), options_.api_key)) return finish(Unauthorized());
      const std::string env_id(request.Param("environment_id"));
      {
        std::lock_guard<std::mutex> lock(impl_->store_mu);
        if (store_.Find(env_id) == nullptr)
          return finish(ErrorResponse(
              403, 7, "The API key does not give access to environment '" + env_id + "': it does not exist."));
      }
      if (auto retry = impl_->limiter->Admit(env_id)) return finish(RateLimited(*retry));
      Fault fault = impl_->faults->Next(request.method);
      if (fault != Fault::kNone) stats_.RecordFault();
      if (fault == Fault::kRateLimited) return finish(RateLimited(1));
      if (fault == Fault::kInternalError)
        return finish(ErrorResponse(500, 0, "Internal server error (injected fault)."));
      if (fault == Fault::kUnavailable) {
        ApiResponse unavailable = ErrorResponse(503, 0, "Service unavailable (injected fault).");
        if (options_.faults.retry_after_503 > 0)
          unavailable.headers.emplace_back("Retry-After", std::to_string(options_.faults.retry_after_503));
        return finish(unavailable);
      }
      SleepMs(options_.latency_ms + (fault == Fault::kSlow ? options_.faults.slow_ms : 0));
      ApiResponse r;
      {
        std::lock_guard<std::mutex> lock(impl_->store_mu);
        Environment* env = store_.Find(env_id);
        if (env == nullptr) {
          r = ErrorResponse(403, 7, "The environment '" + env_id + "' does not exist.");
        } else {
          RouteContext context{store_, env, options_};
          r = match->route->handler(request, context);
        }
      }
      // Executed (a write took effect), answered 500 all the same.
      if (fault == Fault::kAppliedError) r = ErrorResponse(500, 0, "Internal server error (injected fault).");
      stats_.Record(request.method, route_template, r.status, true);
      if (fault == Fault::kReset || fault == Fault::kTruncate) return SendBroken(r, res, fault == Fault::kTruncate);
      SendApiResponse(r, res);
      return;
    }
    if (req.path.rfind("/assets/", 0) == 0 && req.method == "GET") {
      std::vector<std::string> parts = SplitApiPath(req.path);
      std::shared_ptr<const std::string> bytes;
      std::string content_type;
      if (parts.size() >= 3) {
        std::lock_guard<std::mutex> lock(impl_->store_mu);
        if (Environment* env = store_.Find(parts[1])) {
          auto it = env->binaries.find(parts[2]);
          if (it != env->binaries.end()) {
            bytes = it->second.bytes;
            content_type = it->second.content_type;
          }
        }
      }
      const std::string route = "/assets/{environment_id}/{file_id}/{file_name}";
      if (parts.size() >= 3 && impl_->binary_faults->BinaryLost(parts[2])) bytes.reset();
      if (!bytes) {
        stats_.Record("GET", route, 404, false);
        res.status = 404;
        res.set_content("Not found", "text/plain");
        return;
      }
      // The CDN fails too: the same fault kinds, from a sequence of their own.
      Fault fault = impl_->binary_faults->Next();
      if (fault != Fault::kNone) stats_.RecordFault();
      int status = fault == Fault::kRateLimited                                      ? 429
                   : fault == Fault::kInternalError || fault == Fault::kAppliedError ? 500
                   : fault == Fault::kUnavailable                                    ? 503
                                                                                     : 200;
      stats_.Record("GET", route, status, false);
      if (status != 200) {
        res.status = status;
        if (status == 429) res.set_header("Retry-After", "1");
        res.set_content("Injected fault", "text/plain");
        return;
      }
      if (fault == Fault::kSlow) SleepMs(options_.faults.slow_ms);
      const std::size_t cut = fault == Fault::kReset      ? 0
                              : fault == Fault::kTruncate ? bytes->size() / 2
                                                          : bytes->size();
      res.status = 200;
      res.set_content_provider(bytes->size(), content_type.empty() ? "application/octet-stream" : content_type,
                               [bytes, cut](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 if (offset >= cut) return false;  // an injected reset or truncation
                                 std::size_t n = std::min<std::size_t>({length, std::size_t{1} << 20, cut - offset});
                                 sink.write(bytes->data() + offset, n);
                                 return true;
                               });
      return;
    }
    if (req.path == "/_emulator/stats" && req.method == "GET") {
      res.set_content(stats_.ToJson(), "application/json");
      return;
    }
    if (req.path == "/_emulator/faults" && req.method == "GET") {  // faults injected by kind, API and CDN
      res.set_content("{\"paused\":" + std::string(impl_->faults->paused() ? "true" : "false") + ",\"api\":" +
                          impl_->faults->InjectedJson() + ",\"binaries\":" + impl_->binary_faults->InjectedJson() + "}",
                      "application/json");
      return;
    }
    if ((req.path == "/_emulator/faults/pause" || req.path == "/_emulator/faults/resume") && req.method == "POST") {
      impl_->faults->SetPaused(req.path == "/_emulator/faults/pause");
      impl_->binary_faults->SetPaused(impl_->faults->paused());
      res.status = 204;
      return;
    }
    if (req.path == "/_emulator/stats/reset" && req.method == "POST") {
      stats_.Reset();
      res.status = 204;
      return;
    }
    res.status = 404;
    res.set_content(R"({"message":"not found"})", "application/json");
  };
  // Before any body byte is read: a body sent to the API with the wrong key, one announced above the limit
  // and one of unknown length are refused and the connection closed, so neither costs the emulator more
  // than the request's headers.
  const std::size_t max_body = options_.max_body_bytes;
  auto refuse_early = [this, max_body](const httplib::Request& req, httplib::Response& res) {
    if (!CarriesBody(req)) return httplib::Server::HandlerResponse::Unhandled;
    const bool api = req.path.rfind("/v2/", 0) == 0;
    std::string route = "(unmatched)";
    if (api) {
      bool other_method = false;
      if (auto match = impl_->router.Find(req.method, req.path, &other_method)) route = match->route->path_template;
    }
    ApiResponse refusal;
    if (api && !BearerMatches(req.get_header_value("Authorization"), options_.api_key)) {
      refusal = Unauthorized();
    } else if (req.is_multipart_form_data()) {  // no route takes form data
      refusal = ErrorResponse(415, 0, "Multipart form data is not accepted.");
    } else if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
      refusal = ErrorResponse(411, 0, "A request body needs a Content-Length (or chunked transfer encoding).");
    } else if (req.has_header("Content-Length") &&
               (req.get_header_value<std::uint64_t>("Content-Length") > max_body ||
                req.get_header_value("Content-Length").find_first_not_of("0123456789") != std::string::npos)) {
      refusal =
          ErrorResponse(413, 0, "The request body is larger than the limit of " + std::to_string(max_body) + " bytes.");
    } else {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    if (api) stats_.Record(req.method, route, refusal.status, route != "(unmatched)");
    SendAndClose(refusal, res);
    return httplib::Server::HandlerResponse::Handled;
  };
  // Bodies (chunked ones too, whose size is not announced) are read here, stopping at the limit.
  auto dispatch_with_body = [dispatch, max_body](const httplib::Request& req, httplib::Response& res,
                                                 const httplib::ContentReader& reader) {
    std::string body;
    bool over = false;
    const bool read = reader([&](const char* data, std::size_t size) {
      if (body.size() + size > max_body) {
        over = true;
        return false;
      }
      body.append(data, size);
      return true;
    });
    if (over || !read) {
      SendAndClose(
          over ? ErrorResponse(413, 0,
                               "The request body is larger than the limit of " + std::to_string(max_body) + " bytes.")
               : ErrorResponse(400, 0, "The request body could not be read."),
          res);
      return;
    }
    httplib::Request with_body = req;
    with_body.body = std::move(body);
    dispatch(with_body, res);
  };
  httplib::Server& http = impl_->http;
  http.set_pre_routing_handler(refuse_early);
  http.Get(".*", dispatch);
  http.Post(".*", dispatch_with_body);
  http.Put(".*", dispatch_with_body);
  http.Patch(".*", dispatch_with_body);
  http.Delete(".*", dispatch_with_body);
  http.set_payload_max_length(max_body);
  http.set_keep_alive_max_count(1000);
  http.set_tcp_nodelay(true);  // headers and body go out in separate writes: Nagle + delayed ACK would add 40 ms
  // cpp-httplib's stop() waits for idle keep-alive connections to time out: keep that wait short.
  http.set_keep_alive_timeout(1);
  // Debian's cpp-httplib is a compiled library that listens with a backlog of 5: a client opening its 8
  // download connections at once overflows it, and the dropped SYN is retried only after 1 s (the export
  // "lost wake-up" of benchmarks/README.md). Bind() listens again with a real backlog on this socket.
  http.set_socket_options([impl = impl_.get()](socket_t sock) {
    httplib::default_socket_options(sock);
    impl->listen_socket = sock;
  });
  const int threads = options_.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
}

Server::~Server() {
  Stop();
}

std::string Server::base_url() const {
  return "http://" + options_.host + ":" + std::to_string(port_);
}

Status Server::Bind() {
  if (options_.port == 0) {
    port_ = impl_->http.bind_to_any_port(options_.host);
    if (port_ <= 0) return IoError("emulator: cannot listen on " + options_.host + " (any port)");
  } else {
    if (!impl_->http.bind_to_port(options_.host, options_.port))
      return IoError("emulator: cannot listen on " + options_.host + ":" + std::to_string(options_.port));
    port_ = options_.port;
  }
  if (impl_->listen_socket != INVALID_SOCKET) ::listen(impl_->listen_socket, 1024);  // Linux updates the backlog
  return Status::Ok();
}

Status Server::Run() {
  if (port_ == 0) KBULK_RETURN_IF_ERROR(Bind());
  impl_->thread = std::thread([this] { impl_->http.listen_after_bind(); });
  return Status::Ok();
}

void Server::Stop() {
  if (!impl_) return;
  impl_->http.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string ReadyJson(Server& server) {
  JsonWriter w;
  w.StartObject();
  w.Key("base_url").String(server.base_url() + "/v2");
  w.Key("api_key").String(server.options().api_key);
  w.Key("environments").StartArray();
  for (const Environment* env : server.store().All())
    w.StartObject().Key("id").String(env->id).Key("name").String(env->name).EndObject();
  w.EndArray().EndObject();
  return w.str();
}

Status WriteReadyFile(const std::string& path, Server& server) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return IoError("ready file " + tmp + ": cannot create");
  std::string text = ReadyJson(server) + "\n";
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) return IoError("ready file " + path + ": cannot write");
  return Status::Ok();
}

}  // namespace kbulk::emulator
