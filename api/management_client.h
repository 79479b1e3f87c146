// ManagementClient: one environment of the Management API v2 over libcurl. Every request is paced on
// both rate windows (shared by all threads using this client), retried as RetryOptions says, accounted in
// RequestStats, and turned into a Status naming method, route and object when it fails.
//
// Thread-safe: any number of threads may call any method concurrently; at most max_in_flight requests are
// on the wire at once (curl multi on one I/O thread, connections reused). Objects are returned as their
// raw JSON text so no field the API adds is ever lost.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/client_options.h"
#include "api/request_stats.h"
#include "core/reference.h"
#include "core/status.h"

namespace kbulk::api {

enum class Method { kGet, kPost, kPut, kPatch, kDelete };
std::string_view MethodName(Method method);

struct Request {
  Method method = Method::kGet;
  std::string path;          // below /projects/{environment_id}, e.g. "/types/abc/variants"; "" = environment
  std::string route;         // the route template for accounting and messages, e.g. "/types/{id}/variants"
  std::string object;        // what the request is about, for messages, e.g. "content type 'article'"
  std::string body;          // JSON; empty = none
  std::string continuation;  // x-continuation header; empty = none
  // Overrides the method's default (GET/PUT/DELETE idempotent): workflow actions are PUTs that must not be
  // retried after an ambiguous failure (reset, timeout, 5xx); their callers read the state instead.
  std::optional<bool> idempotent;
  // A page of the chain that bounds the job: paced before normal requests, with room kept for it (rate_pacer.h).
  bool critical = false;
};

struct Response {
  int status = 0;
  std::string body;
  std::string continuation;  // the next page's token from the body's pagination (empty = last page)
};

// Receives each object of a list, as raw JSON text valid only during the call. Returning an error stops
// the listing and is returned by it.
using ObjectCallback = std::function<Status(std::string_view object_json)>;

// Receives a binary as it streams; the size is known when the server sent Content-Length (else 0).
class BinarySink {
 public:
  virtual ~BinarySink() = default;
  virtual Status Begin(std::uint64_t expected_size) {
    (void)expected_size;
    return Status::Ok();
  }
  virtual Status Write(const void* data, std::size_t size) = 0;
  // Called before a retry restarts the download from the beginning.
  virtual Status Reset() = 0;
};

struct DownloadResult {
  std::uint64_t size = 0;
  std::string sha256;  // hex of the bytes delivered to the sink
  std::string content_type;
};

class BinarySource;  // api/binary_transfer.h

class ManagementClient {
 public:
  // Fails when options are unusable (no environment id or key, insecure on a non-loopback host, ...).
  static Result<std::unique_ptr<ManagementClient>> Create(ClientOptions options);
  virtual ~ManagementClient() = default;

  // One request, paced and retried. Non-2xx after retries is an error Status (404 -> kNotFound, ...).
  virtual Result<Response> Send(const Request& request) = 0;

  // Starts `request` (paced and retried like Send) and returns at once; `done` runs on the client's I/O
  // thread when it has finished. `done` must be quick and must not call Send (it would wait on itself).
  // Requests still pending when the client is destroyed complete with kCancelled.
  using ResponseCallback = std::function<void(Result<Response>)>;
  virtual void SendAsync(const Request& request, ResponseCallback done) = 0;

  // Follows continuation tokens page by page; hands every element of the body's `array_key` array
  // ("variants", "items", "assets", "types", ...) to `each`. Holds one page at a time.
  virtual Status ListAll(const Request& first, std::string_view array_key, const ObjectCallback& each) = 0;

  // Downloads an absolute http(s) URL (an asset's `url`) into `sink`, hashing as it streams. Not paced
  // (binaries come from a CDN, outside the API's rate limit); retried from the start on failure. The API
  // key is never sent with it, TLS is always verified (--insecure is for the API host only) and a
  // redirect never goes from https to http. With `expected_size` (the asset's `size`), a binary of any
  // other size fails with kCorrupt.
  virtual Result<DownloadResult> Download(const std::string& url, BinarySink& sink,
                                          std::optional<std::uint64_t> expected_size = std::nullopt) = 0;

  // POST /files/{file_name}: streams `size` bytes from `read` (returns bytes read, 0 at the end) and
  // returns the response body ({"id": ..., "type": "internal"}).
  using ReadFn = std::function<Result<std::size_t>(void* buffer, std::size_t capacity)>;
  virtual Result<std::string> UploadFile(std::string_view file_name, std::string_view content_type, std::uint64_t size,
                                         const ReadFn& read, const std::function<Status()>& rewind) = 0;
  // The same, from a BinarySource.
  Result<std::string> UploadFile(std::string_view file_name, std::string_view content_type, BinarySource& source);

  virtual RequestStats Stats() const = 0;
  virtual const ClientOptions& options() const = 0;
};

}  // namespace kbulk::api
