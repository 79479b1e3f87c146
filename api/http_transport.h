// HttpTransport: runs HTTP requests concurrently on one I/O thread (curl multi), at most `max_in_flight`
// on the wire, reusing connections. Requests marked `paced` leave only when the RatePacer allows; each
// request may also carry a not-before time (backoff). Critical paced requests leave before normal ones
// (FIFO within each class). Completion callbacks run on the I/O thread.
//
// Thread-safe: Submit may be called from any thread, including from a completion callback. Bodies may
// stream in both directions through the request's read/write functions (called on the I/O thread).
// curl types never leave http_transport.cc.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/management_client.h"
#include "api/retry_policy.h"
#include "core/status.h"

namespace kbulk::api {

class RatePacer;

struct TransportOptions {
  std::uint32_t max_in_flight = 4;
  // Extra CA certificates (PEM) added to the system store (not replacing it); empty = the system store.
  std::string ca_file;
  bool verify_tls = true;  // false only for loopback hosts (checked by the client)
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{120'000};  // 0 = none (streams use the idle timeout)
  std::chrono::milliseconds idle_timeout{60'000};      // aborts when fewer than 1 byte/s flows this long
  std::string user_agent = "kbulk";
};

struct HttpRequest {
  Method method = Method::kGet;
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  // Streaming upload: when `read` is set, `upload_size` bytes come from it instead of `body`.
  std::function<Result<std::size_t>(void* buffer, std::size_t capacity)> read;
  std::uint64_t upload_size = 0;
  // Streaming download: when set, a 2xx response's body goes here instead of HttpResponse::body.
  std::function<Status(const void* data, std::size_t size)> write;
  std::function<Status(std::uint64_t expected_size)> begin;  // before the first write (0 = unknown)
  std::uint64_t max_response_bytes = 64ull << 20;
  bool follow_redirects = false;      // never from https to http (nor to anything but http(s))
  bool whole_request_timeout = true;  // false for large uploads: only the idle timeout applies
  bool paced = true;
  // A request of the chain that bounds the job: it leaves before normal paced requests, and the pacer keeps
  // room for it (api/rate_pacer.h).
  bool critical = false;
  std::chrono::steady_clock::time_point not_before{};
};

struct HttpResponse {
  TransferOutcome outcome = TransferOutcome::kCompleted;
  int status = 0;
  std::string body;         // in memory unless streamed to `write` (error bodies always here)
  std::string retry_after;  // raw header value
  std::string content_type;
  std::string error;    // transport error text (curl's), or the abort reason
  Status abort_status;  // when outcome is kAborted: the sink/source/limit error
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  std::chrono::steady_clock::duration pacing_wait{0};
};

// The CA certificates (PEM) a transport trusts when `ca_file` is set: the system's bundle (curl's built-in
// default) followed by the file, so a private CA is trusted in addition to the public ones, not instead of
// them. Empty when the file cannot be read (curl then reports the bad CA file by name).
std::string CaBundleWith(const std::string& ca_file);

class HttpTransport {
 public:
  using Callback = std::function<void(HttpResponse)>;

  // `pacer` (may be null = unpaced) must outlive the transport.
  HttpTransport(TransportOptions options, std::shared_ptr<RatePacer> pacer);
  // Stops the I/O thread; requests still queued or on the wire complete with kAborted.
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  void Submit(HttpRequest request, Callback done);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kbulk::api
