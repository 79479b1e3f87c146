// The libcurl ManagementClient: requests become HttpRequests on two transports (API requests paced on
// the environment's RatePacer; binaries from asset URLs unpaced, without the API key), each attempt is
// accounted, and failed attempts are re-submitted with a not-before time as RetryPolicy decides.
#include "api/management_client.h"

#include <algorithm>
#include <future>

#include "api/api_error.h"
#include "api/binary_transfer.h"
#include "api/endpoints/assets.h"
#include "api/endpoints/path.h"
#include "api/http_transport.h"
#include "api/pager.h"
#include "api/rate_pacer.h"
#include "api/retry_policy.h"
#include "api/url_host.h"

namespace kbulk::api {

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
  }
  return "GET";
}

Result<std::string> ManagementClient::UploadFile(std::string_view file_name, std::string_view content_type,
                                                 BinarySource& source) {
  const ReadFn read = [&source](void* buffer, std::size_t capacity) { return source.Read(buffer, capacity); };
  return UploadFile(file_name, content_type, source.size(), read, [&source] { return source.Rewind(); });
}

namespace {

using Clock = std::chrono::steady_clock;

// One logical request across its attempts.
struct Call {
  Request request;        // for messages and accounting
  std::string stats_key;  // "GET /items/{id}"
  HttpRequest http;       // the template each attempt copies
  HttpTransport* transport = nullptr;
  bool idempotent = false;
  bool is_download = false;
  int attempt = 0;
  std::function<Status()> before_retry;      // rewinds a source, resets a sink
  std::function<void(HttpResponse)> finish;  // after the last attempt
};

bool IsIdempotent(Method m) {
  return m == Method::kGet || m == Method::kPut || m == Method::kDelete;
}

class CurlManagementClient final : public ManagementClient {
 public:
  explicit CurlManagementClient(ClientOptions options)
      : options_(std::move(options)),
        logger_(options_.logger != nullptr ? *options_.logger : NullLogger::Instance()),
        pacer_(options_.pacer ? options_.pacer : RatePacer::FromOptions(options_.pacing)),
        retry_(options_.retry),
        api_(TransportFor(options_, options_.max_in_flight, options_.request_timeout, !options_.insecure_loopback),
             pacer_),
        // The CDN is never a loopback host in production: --insecure never applies to it.
        binaries_(TransportFor(options_, options_.max_downloads_in_flight, std::chrono::milliseconds(0), true),
                  nullptr) {
    prefix_ = options_.base_url + "/projects/" + endpoints::EncodeSegment(options_.environment_id);
    authorization_ = "Authorization: Bearer " + options_.api_key;
  }

  using ManagementClient::UploadFile;

  Result<Response> Send(const Request& request) override {
    // Shared with the callback, so the promise outlives set_value even when this thread wakes first.
    auto promise = std::make_shared<std::promise<Result<Response>>>();
    auto future = promise->get_future();
    SendAsync(request, [promise](Result<Response> r) { promise->set_value(std::move(r)); });
    return future.get();
  }

  void SendAsync(const Request& request, ResponseCallback done) override {
    auto call = ApiCall(request);
    call->http.body = request.body;
    if (!request.body.empty()) call->http.headers.push_back("Content-Type: application/json");
    call->finish = [this, call_request = request, done = std::move(done)](HttpResponse r) {
      done(ToResult(call_request, std::move(r)));
    };
    Attempt(std::move(call));
  }

  Status ListAll(const Request& first, std::string_view array_key, const ObjectCallback& each) override {
    Pager pager(*this, first, std::string(array_key));
    for (;;) {
      KBULK_ASSIGN_OR_RETURN(std::optional<std::string_view> object, pager.Next());
      if (!object) return Status::Ok();
      KBULK_RETURN_IF_ERROR(each(*object));
    }
  }

  Result<DownloadResult> Download(const std::string& url, BinarySink& sink,
                                  std::optional<std::uint64_t> expected_size) override {
    Request described;
    described.method = Method::kGet;
    described.route = "{asset binary}";
    described.object = url;
    auto parsed = ParseUrl(url);
    if (!parsed.ok()) return parsed.status().WithContext("download");
    HashingSink hashing(sink);
    auto call = std::make_shared<Call>();
    call->request = described;
    call->transport = &binaries_;
    call->idempotent = true;
    call->is_download = true;
    call->http.method = Method::kGet;
    call->http.url = url;  // never with the API key: binaries come from a CDN
    call->http.follow_redirects = true;
    call->http.paced = false;
    call->http.max_response_bytes = options_.max_binary_size;
    if (expected_size) call->http.max_response_bytes = std::min(*expected_size, options_.max_binary_size);
    StreamResponseTo(call->http, hashing);
    call->before_retry = [&hashing] { return hashing.Restart(); };
    auto promise = std::make_shared<std::promise<HttpResponse>>();
    auto future = promise->get_future();
    call->finish = [promise](HttpResponse r) { promise->set_value(std::move(r)); };
    Attempt(call);
    HttpResponse response = future.get();
    DownloadResult out;
    out.content_type = response.content_type;
    Result<Response> result = ToResult(described, std::move(response));
    if (!result.ok()) return result.status();
    if (expected_size && hashing.size() != *expected_size) {
      return Status(StatusCode::kCorrupt, DescribeRequest(described) + ": received " + std::to_string(hashing.size()) +
                                              " bytes, the asset's size is " + std::to_string(*expected_size));
    }
    out.size = hashing.size();
    out.sha256 = hashing.FinishHex();
    return out;
  }

  Result<std::string> UploadFile(std::string_view file_name, std::string_view content_type, std::uint64_t size,
                                 const ReadFn& read, const std::function<Status()>& rewind) override {
    const Request request = endpoints::UploadFile(file_name);
    auto call = ApiCall(request);
    // A repeated upload at worst leaves an unreferenced file, which the service discards; the id that
    // gets referenced is the one returned. So uploads are retried like idempotent requests.
    call->idempotent = true;
    call->http.headers.push_back("Content-Type: " + SanitizedContentType(content_type));
    StreamRequestFrom(call->http, size, read);
    call->http.whole_request_timeout = false;  // 100 MB on a slow link; stalls still hit the idle timeout
    call->before_retry = rewind;
    auto promise = std::make_shared<std::promise<HttpResponse>>();
    auto future = promise->get_future();
    call->finish = [promise](HttpResponse r) { promise->set_value(std::move(r)); };
    Attempt(call);
    KBULK_ASSIGN_OR_RETURN(Response response, ToResult(request, future.get()));
    return std::move(response.body);
  }

  RequestStats Stats() const override {
    RequestStats stats = recorder_.Snapshot();
    return stats;
  }

  const ClientOptions& options() const override { return options_; }

 private:
  static TransportOptions TransportFor(const ClientOptions& o, std::uint32_t in_flight,
                                       std::chrono::milliseconds request_timeout, bool verify_tls) {
    TransportOptions t;
    t.max_in_flight = in_flight;
    t.ca_file = o.ca_file;
    t.verify_tls = verify_tls;
    t.connect_timeout = o.connect_timeout;
    t.request_timeout = request_timeout;
    t.idle_timeout = o.transfer_idle_timeout;
    t.user_agent = o.user_agent;
    return t;
  }

  std::shared_ptr<Call> ApiCall(const Request& request) {
    auto call = std::make_shared<Call>();
    call->request = request;
    call->stats_key = std::string(MethodName(request.method)) + " " + (request.route.empty() ? "/" : request.route);
    call->transport = &api_;
    call->idempotent = request.idempotent.value_or(IsIdempotent(request.method));
    call->http.method = request.method;
    call->http.url = prefix_ + request.path;
    call->http.headers.push_back(authorization_);
    call->http.headers.push_back("Accept: application/json");
    if (!request.continuation.empty()) call->http.headers.push_back("x-continuation: " + request.continuation);
    call->http.paced = true;
    call->http.critical = request.critical;
    return call;
  }

  // Server-supplied text (error bodies, validation messages) may echo what it was sent, the key included:
  // every message is scrubbed of it before anyone sees it.
  Result<Response> ToResult(const Request& request, HttpResponse r) const {
    Result<Response> result = Translate(request, std::move(r));
    if (result.ok()) return result;
    const std::string scrubbed = ScrubSecret(result.status().message(), options_.api_key);
    if (scrubbed == result.status().message()) return result;
    return Status(result.status().code(), scrubbed);
  }

  Result<Response> Translate(const Request& request, HttpResponse r) const {
    if (r.status < 200 || r.status >= 300) r.body = ScrubSecret(std::move(r.body), options_.api_key);
    switch (r.outcome) {
      case TransferOutcome::kAborted:
        return Status(r.abort_status.ok() ? StatusCode::kInternal : r.abort_status.code(),
                      DescribeRequest(request) + ": " + (r.abort_status.ok() ? r.error : r.abort_status.message()));
      case TransferOutcome::kNotSent:
      case TransferOutcome::kInterrupted: return StatusFromTransportFailure(request, r.error);
      case TransferOutcome::kCompleted: break;
    }
    if (r.status < 200 || r.status >= 300) return StatusFromResponse(request, r.status, r.body);
    Response response;
    response.status = r.status;
    if (request.method == Method::kGet) response.continuation = ContinuationTokenOf(r.body);
    response.body = std::move(r.body);
    return response;
  }

  void Attempt(std::shared_ptr<Call> call) {
    ++call->attempt;
    HttpRequest http = call->http;
    HttpTransport* transport = call->transport;
    transport->Submit(std::move(http), [this, call = std::move(call)](HttpResponse r) mutable {
      Completed(std::move(call), std::move(r));
    });
  }

  void Completed(std::shared_ptr<Call> call, HttpResponse r) {
    const bool is_retry = call->attempt > 1;
    const int status = r.outcome == TransferOutcome::kCompleted ? r.status : 0;
    if (call->is_download) {
      const bool ok = status >= 200 && status < 300;
      recorder_.RecordDownload(status, r.bytes_in, ok, is_retry);
    } else {
      recorder_.RecordAttempt(call->stats_key, status, r.bytes_out, r.bytes_in, is_retry, r.pacing_wait);
    }
    AttemptResult attempt{r.outcome, status, std::nullopt};
    if (!r.retry_after.empty()) attempt.retry_after = ParseRetryAfter(r.retry_after, std::chrono::system_clock::now());
    const RetryDecision decision = retry_.Decide(call->idempotent, call->attempt, attempt);
    if (decision.retry) {
      Status reset = call->before_retry ? call->before_retry() : Status::Ok();
      if (reset.ok()) {
        const std::string what = status != 0 ? "HTTP " + std::to_string(status) : r.error;
        logger_.Log(status == 429 ? LogLevel::kInfo : LogLevel::kDebug,
                    DescribeRequest(call->request) + ": " + what + "; retry " + std::to_string(call->attempt) + " in " +
                        std::to_string(decision.delay.count()) + " ms");
        const Clock::time_point at = Clock::now() + decision.delay;
        if (status == 429 && !call->is_download) pacer_->BlockUntil(at);
        recorder_.RecordRetryWait(decision.delay);
        call->http.not_before = at;
        Attempt(std::move(call));
        return;
      }
      r.outcome = TransferOutcome::kAborted;
      r.abort_status = reset;
    }
    call->finish(std::move(r));
  }

  ClientOptions options_;
  Logger& logger_;
  std::shared_ptr<RatePacer> pacer_;
  RetryPolicy retry_;
  RequestStatsRecorder recorder_;
  std::string prefix_;
  std::string authorization_;
  // Declared last: destroyed first, so no callback runs on a half-destroyed client.
  HttpTransport api_;
  HttpTransport binaries_;
};

}  // namespace

Result<std::unique_ptr<ManagementClient>> ManagementClient::Create(ClientOptions options) {
  if (options.environment_id.empty()) {
    return InvalidArgument("no environment id (--environment-id or KONTENT_ENVIRONMENT_ID)");
  }
  if (options.api_key.empty()) return InvalidArgument("no Management API key (KONTENT_API_KEY or --api-key-file)");
  if (options.api_key.find_first_of("\r\n") != std::string::npos) {
    return InvalidArgument("the Management API key contains a line break");
  }
  while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
  KBULK_ASSIGN_OR_RETURN(UrlParts url, ParseUrl(options.base_url));
  const bool loopback = IsLoopbackHost(url.host);
  if (options.insecure_loopback && !loopback) {
    return InvalidArgument("--insecure is only allowed for loopback hosts, not '" + url.host + "'");
  }
  if (url.scheme != "https" && !loopback) {
    return InvalidArgument("refusing to send the API key over plain HTTP to '" + url.host + "'; use https");
  }
  if (options.max_in_flight == 0) return InvalidArgument("max in flight must be at least 1");
  return std::unique_ptr<ManagementClient>(new CurlManagementClient(std::move(options)));
}

}  // namespace kbulk::api
