// The few facts about a URL the client needs to decide what is safe: its scheme and host, and whether
// that host is the local machine (where plain HTTP and --insecure are acceptable).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace kbulk::api {

struct UrlParts {
  std::string scheme;  // lower case: "https", "http"
  std::string host;    // lower case, without brackets for IPv6
};

// Fails with kInvalidArgument when `url` is not an absolute http(s) URL.
Result<UrlParts> ParseUrl(std::string_view url);

// localhost, 127.0.0.0/8, ::1.
bool IsLoopbackHost(std::string_view host);

}  // namespace kbulk::api
