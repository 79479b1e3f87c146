// Glue between the transport's streaming hooks and the client's sink/source interfaces.
#include "api/binary_transfer.h"

#include <algorithm>

namespace kbulk::api {

Status HashingSink::Write(const void* data, std::size_t size) {
  hash_.Update(data, size);
  size_ += size;
  return sink_.Write(data, size);
}

Status HashingSink::Restart() {
  hash_.Finish();  // discards the partial hash (the hasher resets)
  size_ = 0;
  return sink_.Reset();
}

void StreamResponseTo(HttpRequest& request, HashingSink& sink) {
  request.begin = [&sink](std::uint64_t expected) { return sink.Begin(expected); };
  request.write = [&sink](const void* data, std::size_t size) { return sink.Write(data, size); };
}

void StreamRequestFrom(HttpRequest& request, std::uint64_t size, const ManagementClient::ReadFn& read) {
  request.upload_size = size;
  // Each attempt works on its own copy of the request, so `sent` starts at 0 for every attempt.
  request.read = [&read, size, sent = std::uint64_t{0}](void* buffer,
                                                        std::size_t capacity) mutable -> Result<std::size_t> {
    const std::uint64_t left = size - sent;
    if (left == 0) return std::size_t{0};
    KBULK_ASSIGN_OR_RETURN(std::size_t got,
                           read(buffer, static_cast<std::size_t>(std::min<std::uint64_t>(capacity, left))));
    if (got == 0) {
      return Status(StatusCode::kIo,
                    "the upload source ended after " + std::to_string(sent) + " of " + std::to_string(size) + " bytes");
    }
    sent += got;
    return got;
  };
}

}  // namespace kbulk::api
