// Binaries on the wire: a download's bytes pass through HashingSink (SHA-256 and size as they stream)
// into the caller's BinarySink; an upload's bytes come from a BinarySource. Neither ever holds a whole
// binary in memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "api/http_transport.h"
#include "api/management_client.h"
#include "core/sha256.h"

namespace kbulk::api {

// Where an upload's bytes come from. Called on the client's I/O thread.
class BinarySource {
 public:
  virtual ~BinarySource() = default;
  virtual std::uint64_t size() const = 0;
  // Fills up to `capacity` bytes; 0 at the end.
  virtual Result<std::size_t> Read(void* buffer, std::size_t capacity) = 0;
  // Back to the first byte, before a retry.
  virtual Status Rewind() = 0;
};

// Counts and hashes bytes on their way to `sink`. Not thread-safe (one transfer at a time).
class HashingSink {
 public:
  explicit HashingSink(BinarySink& sink) : sink_(sink) {}

  Status Begin(std::uint64_t expected_size) { return sink_.Begin(expected_size); }
  Status Write(const void* data, std::size_t size);
  // Forgets everything delivered so far (the sink is Reset) so a retry can start over.
  Status Restart();

  std::uint64_t size() const { return size_; }
  std::string FinishHex() { return hash_.FinishHex(); }

 private:
  BinarySink& sink_;
  Sha256 hash_;
  std::uint64_t size_ = 0;
};

// A Content-Type header value that cannot inject anything: `content_type` (from an archive or a feed)
// without control characters (CR, LF, NUL, ...) and non-ASCII bytes, trimmed; when nothing usable is
// left, or it is not "type/subtype[; parameters]", "application/octet-stream".
std::string SanitizedContentType(std::string_view content_type);

// Makes a 2xx response body of `request` stream into `sink` (which must outlive the transfer).
void StreamResponseTo(HttpRequest& request, HashingSink& sink);

// Makes `request`'s body stream from `read` (`size` bytes; the function must outlive the transfer).
void StreamRequestFrom(HttpRequest& request, std::uint64_t size, const ManagementClient::ReadFn& read);

}  // namespace kbulk::api
