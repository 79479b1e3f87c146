// Error bodies parsed with simdjson (they are small and may be malformed: an HTML page from a proxy),
// turned into Status messages a user can act on.
#include "api/api_error.h"

#include <simdjson.h>

#include "core/json.h"

namespace kbulk::api {
namespace {

StatusCode CodeFor(Method method, int status) {
  switch (status) {
    case 400: return StatusCode::kInvalidArgument;
    case 401: return StatusCode::kUnauthenticated;
    case 403: return StatusCode::kPermissionDenied;
    case 404: return StatusCode::kNotFound;
    case 409: return method == Method::kPost ? StatusCode::kAlreadyExists : StatusCode::kConflict;
    case 429: return StatusCode::kRateLimited;
    default: break;
  }
  if (status >= 500) return StatusCode::kUnavailable;
  return StatusCode::kInvalidArgument;  // other 4xx: the request itself is wrong
}

std::string Unescaped(simdjson::dom::element e) {
  std::string_view s;
  if (e.get_string().get(s) == simdjson::SUCCESS) return std::string(s);
  return simdjson::minify(e);
}

}  // namespace

std::optional<ApiErrorBody> ApiErrorBody::Parse(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size(), true).get(root) != simdjson::SUCCESS) return std::nullopt;
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
  ApiErrorBody out;
  for (auto field : object) {
    const std::string_view key = field.key;
    if (key == "request_id") {
      out.request_id = Unescaped(field.value);
    } else if (key == "error_code" && field.value.is_int64()) {
      out.error_code = field.value.get_int64().value();
    } else if (key == "message") {
      out.message = Unescaped(field.value);
    } else if (key == "validation_errors" && field.value.is_array()) {
      for (simdjson::dom::element e : field.value.get_array()) {
        ValidationError v;
        v.raw = simdjson::minify(e);
        if (e.is_object()) {
          std::string_view text;
          if (e["message"].get_string().get(text) == simdjson::SUCCESS) v.message = std::string(text);
          if (e["path"].get_string().get(text) == simdjson::SUCCESS) v.path = std::string(text);
        } else {
          v.message = Unescaped(e);
        }
        out.validation_errors.push_back(std::move(v));
      }
    } else {
      out.other.emplace_back(std::string(key), simdjson::minify(field.value));
    }
  }
  return out;
}

std::string ApiErrorBody::ToJson() const {
  JsonWriter w;
  w.StartObject();
  w.Key("request_id").String(request_id);
  if (error_code) w.Key("error_code").Int(*error_code);
  w.Key("message").String(message);
  if (!validation_errors.empty()) {
    w.Key("validation_errors").StartArray();
    for (const ValidationError& v : validation_errors) w.Raw(v.raw);
    w.EndArray();
  }
  for (const auto& [key, raw] : other) w.Key(key).Raw(raw);
  w.EndObject();
  return w.str();
}

std::string DescribeRequest(const Request& request) {
  std::string out(MethodName(request.method));
  out += ' ';
  out += request.route.empty() ? request.path : request.route;
  if (out.back() == ' ') out += "/projects/{environment_id}";
  if (!request.object.empty()) out += " (" + request.object + ")";
  return out;
}

Status StatusFromResponse(const Request& request, int status, std::string_view body) {
  std::string message = DescribeRequest(request) + ": HTTP " + std::to_string(status);
  if (auto error = ApiErrorBody::Parse(body)) {
    if (!error->message.empty()) message += ": " + error->message;
    for (const ValidationError& v : error->validation_errors) {
      message += "\n  - " + v.message;
      if (!v.path.empty()) message += " (at " + v.path + ")";
    }
    if (!error->request_id.empty()) message += " [request_id " + error->request_id + "]";
  } else if (!body.empty()) {
    constexpr std::size_t kShown = 200;
    message += ": " + std::string(body.substr(0, kShown)) + (body.size() > kShown ? "..." : "");
  }
  return {CodeFor(request.method, status), std::move(message)};
}

std::string ScrubSecret(std::string text, std::string_view secret) {
  constexpr std::size_t kMinimum = 8;
  constexpr std::string_view kMark = "<redacted>";
  if (secret.size() < kMinimum) return text;
  for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMark.size())) {
    text.replace(at, secret.size(), kMark);
  }
  return text;
}

Status StatusFromTransportFailure(const Request& request, std::string_view what) {
  return {StatusCode::kUnavailable, DescribeRequest(request) + ": no response: " + std::string(what)};
}

}  // namespace kbulk::api
