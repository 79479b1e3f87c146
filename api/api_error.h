// The API's error body ({request_id, error_code, message, validation_errors[{message, path, ...}]}) and
// its translation into a kbulk Status whose message names the method, the route and the object:
// 400 -> kInvalidArgument, 401 -> kUnauthenticated, 403 -> kPermissionDenied, 404 -> kNotFound,
// 409 -> kAlreadyExists for creates (POST) else kConflict, 429 -> kRateLimited, 5xx -> kUnavailable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/management_client.h"
#include "core/status.h"

namespace kbulk::api {

struct ValidationError {
  std::string message;
  std::string path;  // JSON path of the offending value, when given
  std::string raw;   // the whole object as the API sent it (element, property and any other info)
};

struct ApiErrorBody {
  std::string request_id;
  std::optional<std::int64_t> error_code;
  std::string message;
  std::vector<ValidationError> validation_errors;
  std::vector<std::pair<std::string, std::string>> other;  // members kbulk does not model: key -> raw JSON

  // nullopt when `body` is not a JSON object (an HTML error page, an empty body).
  static std::optional<ApiErrorBody> Parse(std::string_view body);
  // The body written back as JSON (every member it was parsed from).
  std::string ToJson() const;
};

// The Status for a non-2xx response to `request`.
Status StatusFromResponse(const Request& request, int status, std::string_view body);

// The Status for an attempt that got no response: `what` is the transport's error text.
Status StatusFromTransportFailure(const Request& request, std::string_view what);

// `text` with every occurrence of `secret` replaced by "<redacted>". Secrets shorter than 8 characters are
// not searched for (they would match ordinary words); API keys are far longer.
std::string ScrubSecret(std::string text, std::string_view secret);

// "GET /items/{id} (item codename:about_us)" - how messages name a request.
std::string DescribeRequest(const Request& request);

}  // namespace kbulk::api
