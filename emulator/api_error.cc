// Builds the service's error bodies. Request ids are fresh UUIDs so logs can tell requests apart.
#include "emulator/api_error.h"

#include <atomic>
#include <random>

#include "core/json.h"
#include "core/uuid.h"

namespace kbulk::emulator {
namespace {

std::string NewRequestId() {
  // Unique per process and request; request ids need not be reproducible.
  static std::atomic<std::uint64_t> counter{(static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ 0x5eed};
  std::mt19937_64 rng(counter.fetch_add(1) * 0x9e3779b97f4a7c15ULL);
  return Uuid::Random(rng).ToString();
}

}  // namespace

ApiResponse ErrorResponse(int status, int error_code, std::string message,
                          const std::vector<ValidationError>& validation_errors) {
  JsonWriter w;
  w.StartObject();
  w.Key("request_id").String(NewRequestId());
  w.Key("error_code").Int(error_code);
  w.Key("message").String(message);
  if (!validation_errors.empty()) {
    w.Key("validation_errors").StartArray();
    for (const ValidationError& e : validation_errors) {
      w.StartObject().Key("message").String(e.message);
      if (!e.path.empty()) w.Key("path").String(e.path);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return ApiResponse::Json(status, w.str());
}

ApiResponse InvalidBody(const std::vector<ValidationError>& validation_errors) {
  return ErrorResponse(400, kErrInvalidBody,
                       "The provided request body is invalid. See the 'validation_errors' attribute for more "
                       "information and specify a valid JSON object.",
                       validation_errors);
}

ApiResponse InvalidBody(std::string single_message, std::string path) {
  return InvalidBody(std::vector<ValidationError>{{std::move(single_message), std::move(path)}});
}

ApiResponse NotFoundError(int error_code, std::string message) {
  return ErrorResponse(404, error_code, std::move(message));
}

ApiResponse Unauthorized() {
  ApiResponse r = ErrorResponse(401, 7,
                                "Unauthorized. Missing or invalid API key. Check the Authorization header of your "
                                "request: it must be 'Bearer <YOUR_API_KEY>'.");
  r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

ApiResponse Forbidden(std::string message) {
  return ErrorResponse(403, 7, std::move(message));
}

ApiResponse RateLimited(int retry_after_seconds) {
  ApiResponse r = ErrorResponse(429, kErrRateLimited, "API rate limit exceeded. Please retry your request later.");
  r.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return r;
}

}  // namespace kbulk::emulator
