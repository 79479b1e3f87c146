// curl multi on one I/O thread: a queue of requests (paced ones FIFO, critical before normal), started while fewer than
// max_in_flight are active, their not-before time has come and the pacer allows; completions are
// classified (completed / not sent / interrupted / aborted) and handed to their callbacks.
#include "api/http_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "api/rate_pacer.h"

namespace kbulk::api {
namespace {

using Clock = std::chrono::steady_clock;

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  HttpRequest request;
  HttpTransport::Callback done;
  HttpResponse response;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  bool decided = false;  // whether the body goes to the sink is decided at the first byte
  bool to_sink = false;
  bool blocked = false;  // waiting for the pacer since blocked_since
  Clock::time_point blocked_since{};
  char error[CURL_ERROR_SIZE] = {};
  std::shared_ptr<RatePacer> critical_pacer;  // set while this critical request is open for the pacer

  ~Transfer() {
    if (critical_pacer) critical_pacer->CriticalClosed(Clock::now());
    if (easy != nullptr) curl_easy_cleanup(easy);
    if (headers != nullptr) curl_slist_free_all(headers);
  }
};

bool Begins(std::string_view line, std::string_view name) {
  if (line.size() < name.size() + 1 || line[name.size()] != ':') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

std::string HeaderValue(std::string_view line, std::size_t name_size) {
  std::string_view v = line.substr(name_size + 1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
  return std::string(v);
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {  // a new response (after a redirect or 100-continue)
    t->response.retry_after.clear();
    t->response.content_type.clear();
  } else if (Begins(line, "retry-after")) {
    t->response.retry_after = HeaderValue(line, 11);
  } else if (Begins(line, "content-type")) {
    t->response.content_type = HeaderValue(line, 12);
  }
  return size * count;
}

size_t OnWrite(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  t->response.bytes_in += n;
  if (!t->decided) {
    t->decided = true;
    long code = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
    t->to_sink = t->request.write && code >= 200 && code < 300;
    if (t->to_sink) {
      curl_off_t length = -1;
      curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
      if (length > 0 && static_cast<std::uint64_t>(length) > t->request.max_response_bytes) {
        t->response.abort_status = Status(StatusCode::kCorrupt, "the server announced " + std::to_string(length) +
                                                                    " bytes, above the limit of " +
                                                                    std::to_string(t->request.max_response_bytes));
        return 0;
      }
      if (t->request.begin) {
        Status s = t->request.begin(length > 0 ? static_cast<std::uint64_t>(length) : 0);
        if (!s.ok()) {
          t->response.abort_status = s;
          return 0;
        }
      }
    }
  }
  if (t->response.bytes_in > t->request.max_response_bytes) {
    t->response.abort_status =
        Status(StatusCode::kCorrupt,
               "response larger than the limit of " + std::to_string(t->request.max_response_bytes) + " bytes");
    return 0;
  }
  if (t->to_sink) {
    Status s = t->request.write(data, n);
    if (!s.ok()) {
      t->response.abort_status = s;
      return 0;
    }
  } else {
    t->response.body.append(data, n);
  }
  return n;
}

size_t OnRead(char* buffer, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  Result<std::size_t> got = t->request.read(buffer, size * count);
  if (!got.ok()) {
    t->response.abort_status = got.status();
    return CURL_READFUNC_ABORT;
  }
  return std::min(*got, size * count);
}

const char* CurlMethod(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
  }
  return "GET";
}

bool IsTlsFailure(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR || code == CURLE_SSL_CERTPROBLEM ||
         code == CURLE_SSL_CIPHER || code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_ISSUER_ERROR ||
         code == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

std::string CaBundleWith(const std::string& ca_file) {
  std::string extra = ReadWholeFile(ca_file);
  if (extra.empty()) return {};
  std::string bundle;
  if (CURL* probe = curl_easy_init()) {
    char* system_bundle = nullptr;
    if (curl_easy_getinfo(probe, CURLINFO_CAINFO, &system_bundle) == CURLE_OK && system_bundle != nullptr) {
      bundle = ReadWholeFile(system_bundle);
    }
    curl_easy_cleanup(probe);
  }
  if (!bundle.empty() && bundle.back() != '\n') bundle += '\n';
  return bundle + extra;
}

struct HttpTransport::Impl {
  TransportOptions options;
  std::string ca_bundle;  // system CAs + options.ca_file (PEM), when ca_file is set
  std::shared_ptr<RatePacer> pacer;
  CURLM* multi = nullptr;
  std::mutex mutex;
  std::deque<std::unique_ptr<Transfer>> incoming;  // guarded by mutex
  bool stopping = false;                           // guarded by mutex
  std::deque<std::unique_ptr<Transfer>> pending;   // I/O thread only
  std::map<CURL*, std::unique_ptr<Transfer>> active;
  std::thread thread;

  void Run();
  // Starts what may leave at `now`: critical requests first, then the rest, each class in order; lowers
  // `wake` to the earliest time something still pending may leave.
  void StartReady(Clock::time_point now, Clock::time_point& wake);
  void Start(std::unique_ptr<Transfer> t);
  std::unique_ptr<Transfer> Finish(CURL* easy, CURLcode code);
  void AbortAll();
};

HttpTransport::HttpTransport(TransportOptions options, std::shared_ptr<RatePacer> pacer)
    : impl_(std::make_unique<Impl>()) {
  InitCurlOnce();
  impl_->options = std::move(options);
  if (!impl_->options.ca_file.empty()) impl_->ca_bundle = CaBundleWith(impl_->options.ca_file);
  impl_->options.max_in_flight = std::max<std::uint32_t>(1, impl_->options.max_in_flight);
  impl_->pacer = std::move(pacer);
  impl_->multi = curl_multi_init();
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(impl_->options.max_in_flight));
  curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS, static_cast<long>(impl_->options.max_in_flight) + 4);
  impl_->thread = std::thread([impl = impl_.get()] { impl->Run(); });
}

HttpTransport::~HttpTransport() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  curl_multi_wakeup(impl_->multi);
  impl_->thread.join();
  curl_multi_cleanup(impl_->multi);
}

void HttpTransport::Submit(HttpRequest request, Callback done) {
  auto t = std::make_unique<Transfer>();
  t->request = std::move(request);
  t->done = std::move(done);
  if (t->request.critical && t->request.paced && impl_->pacer) {
    // Open from now until the transfer is destroyed, after its callback (which may queue the chain's
    // next page): the pacer keeps room for the chain in between.
    t->critical_pacer = impl_->pacer;
    t->critical_pacer->CriticalOpened();
  }
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->stopping) {
      impl_->incoming.push_back(std::move(t));
    }
  }
  if (t) {  // stopping: complete at once
    t->response.outcome = TransferOutcome::kAborted;
    t->response.abort_status = Status(StatusCode::kCancelled, "the HTTP transport is shutting down");
    t->done(std::move(t->response));
    return;
  }
  curl_multi_wakeup(impl_->multi);
}

void HttpTransport::Impl::Start(std::unique_ptr<Transfer> t) {
  CURL* e = curl_easy_init();
  t->easy = e;
  const HttpRequest& r = t->request;
  curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  // A redirect may never downgrade: from an https URL only to https (a CDN or proxy answering an https
  // download with a plain-http Location would otherwise expose and let anyone alter the bytes).
  const bool https = r.url.size() >= 8 && std::equal(r.url.begin(), r.url.begin() + 8, "https://", [](char a, char b) {
                       return std::tolower(static_cast<unsigned char>(a)) == b;
                     });
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  if (options.request_timeout.count() > 0 && r.whole_request_timeout) {
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options.request_timeout.count()));
  }
  const long idle_seconds = std::max<long>(1, static_cast<long>(options.idle_timeout.count() / 1000));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, idle_seconds);
  if (!ca_bundle.empty()) {
    curl_blob blob{ca_bundle.data(), ca_bundle.size(), CURL_BLOB_NOCOPY};
    curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
  } else if (!options.ca_file.empty()) {
    curl_easy_setopt(e, CURLOPT_CAINFO, options.ca_file.c_str());
  }
  if (!options.verify_tls) {
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (r.follow_redirects) {
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
  }
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnWrite);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  for (const std::string& h : r.headers) t->headers = curl_slist_append(t->headers, h.c_str());
  t->headers = curl_slist_append(t->headers, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  if (r.method == Method::kGet) {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  } else if (r.method == Method::kDelete && r.body.empty() && !r.read) {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "DELETE");
  } else {
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    if (r.read) {
      curl_easy_setopt(e, CURLOPT_READFUNCTION, OnRead);
      curl_easy_setopt(e, CURLOPT_READDATA, t.get());
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.upload_size));
    } else {
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    }
    if (r.method != Method::kPost) curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, CurlMethod(r.method));
  }
  curl_multi_add_handle(multi, e);
  active.emplace(e, std::move(t));
}

std::unique_ptr<Transfer> HttpTransport::Impl::Finish(CURL* easy, CURLcode code) {
  auto it = active.find(easy);
  std::unique_ptr<Transfer> t = std::move(it->second);
  active.erase(it);
  curl_multi_remove_handle(multi, easy);
  HttpResponse& resp = t->response;
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  resp.status = static_cast<int>(status);
  curl_off_t uploaded = 0;
  curl_easy_getinfo(easy, CURLINFO_SIZE_UPLOAD_T, &uploaded);
  resp.bytes_out = static_cast<std::uint64_t>(std::max<curl_off_t>(0, uploaded));
  long request_size = 0;
  curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_size);
  resp.error = t->error[0] != '\0' ? std::string(t->error) : std::string(curl_easy_strerror(code));
  if (!resp.abort_status.ok()) {
    resp.outcome = TransferOutcome::kAborted;
    resp.error = resp.abort_status.message();
  } else if (code == CURLE_OK) {
    resp.outcome = TransferOutcome::kCompleted;
    resp.error.clear();
    if (t->request.write && !t->decided && status >= 200 && status < 300 && t->request.begin) {
      Status s = t->request.begin(0);  // an empty binary: the sink still learns it began
      if (!s.ok()) {
        resp.outcome = TransferOutcome::kAborted;
        resp.abort_status = s;
      }
    }
  } else if (IsTlsFailure(code)) {
    resp.outcome = TransferOutcome::kAborted;
    resp.abort_status = Status(StatusCode::kUnavailable, "TLS: " + resp.error);
  } else if (code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT ||
             code == CURLE_COULDNT_RESOLVE_PROXY || request_size == 0) {
    resp.outcome = TransferOutcome::kNotSent;
  } else {
    resp.outcome = TransferOutcome::kInterrupted;
  }
  return t;
}

void HttpTransport::Impl::AbortAll() {
  std::deque<std::unique_ptr<Transfer>> victims;
  for (auto& [easy, t] : active) {
    curl_multi_remove_handle(multi, easy);
    victims.push_back(std::move(t));
  }
  active.clear();
  for (auto& t : pending) victims.push_back(std::move(t));
  pending.clear();
  {
    std::lock_guard lock(mutex);
    for (auto& t : incoming) victims.push_back(std::move(t));
    incoming.clear();
  }
  for (auto& t : victims) {
    t->response.outcome = TransferOutcome::kAborted;
    t->response.abort_status = Status(StatusCode::kCancelled, "the HTTP transport is shutting down");
    t->done(std::move(t->response));
  }
}

void HttpTransport::Impl::StartReady(Clock::time_point now, Clock::time_point& wake) {
  bool critical_blocked = false;  // the pacer refused a critical request: it refuses every paced one
  bool normal_blocked = false;    // the pacer refused a normal request: it refuses the later normal ones
  for (const bool critical_pass : {true, false}) {
    for (auto it = pending.begin(); it != pending.end() && active.size() < options.max_in_flight;) {
      Transfer& t = **it;
      const bool paced = t.request.paced && pacer;
      if ((paced && t.request.critical) != critical_pass) {
        ++it;
        continue;
      }
      if (t.request.not_before > now) {
        wake = std::min(wake, t.request.not_before);
        ++it;
        continue;
      }
      if (paced) {
        bool& blocked = t.request.critical ? critical_blocked : normal_blocked;
        std::optional<Clock::time_point> next;
        if (!blocked && !critical_blocked) {
          next = pacer->TryAcquire(now, t.request.critical ? RequestPriority::kCritical : RequestPriority::kNormal);
        }
        if (blocked || critical_blocked || next) {
          if (next) wake = std::min(wake, *next);
          blocked = true;  // paced requests of one class leave in order
          if (!t.blocked) t.blocked_since = now;
          t.blocked = true;
          ++it;
          continue;
        }
        if (t.blocked) {
          t.response.pacing_wait += now - t.blocked_since;
          pacer->AddWait(now - t.blocked_since);
        }
      }
      Start(std::move(*it));
      it = pending.erase(it);
    }
  }
}

void HttpTransport::Impl::Run() {
  for (;;) {
    {
      std::lock_guard lock(mutex);
      if (stopping) break;
      while (!incoming.empty()) {
        pending.push_back(std::move(incoming.front()));
        incoming.pop_front();
      }
    }
    const Clock::time_point now = Clock::now();
    Clock::time_point wake = now + std::chrono::seconds(1);
    StartReady(now, wake);
    int running = 0;
    curl_multi_perform(multi, &running);
    std::vector<std::unique_ptr<Transfer>> finished;
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg == CURLMSG_DONE) finished.push_back(Finish(msg->easy_handle, msg->data.result));
    }
    for (auto& t : finished) t->done(std::move(t->response));
    if (!finished.empty()) continue;  // room for more: start them now
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake - Clock::now());
    curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::clamp<std::int64_t>(wait.count(), 0, 1000)), nullptr);
  }
  AbortAll();
}

}  // namespace kbulk::api
