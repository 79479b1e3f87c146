// Glue between the transport's streaming hooks and the client's sink/source interfaces.
#include "api/binary_transfer.h"

#include <algorithm>
#include <cctype>

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

std::string SanitizedContentType(std::string_view content_type) {
  constexpr std::string_view kFallback = "application/octet-stream";
  constexpr std::size_t kMaxLength = 255;
  std::string out;
  for (char c : content_type) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) out += c;  // printable ASCII only: no CR/LF/NUL/DEL, no UTF-8
  }
  const std::size_t start = out.find_first_not_of(' ');
  if (start == std::string::npos) return std::string(kFallback);
  out.erase(0, start);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  // type "/" subtype: RFC 9110 tokens, before any parameters.
  const std::string_view media = std::string_view(out).substr(0, out.find(';'));
  const std::size_t slash = media.find('/');
  const auto is_token = [](std::string_view t) {
    if (t.empty()) return false;
    for (char c : t) {
      if (!std::isalnum(static_cast<unsigned char>(c)) &&
          std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
        return false;
    }
    return true;
  };
  std::string_view type = media.substr(0, slash == std::string_view::npos ? media.size() : slash);
  std::string_view subtype = slash == std::string_view::npos ? std::string_view() : media.substr(slash + 1);
  while (!subtype.empty() && subtype.back() == ' ') subtype.remove_suffix(1);
  if (slash == std::string_view::npos || !is_token(type) || !is_token(subtype) || out.size() > kMaxLength) {
    return std::string(kFallback);
  }
  return out;
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
