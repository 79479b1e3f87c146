// The emulator's own view of an HTTP exchange, so route handlers never see cpp-httplib: a matched
// request (method, route template, path parameters, query, headers, body) and the response to send.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kbulk::emulator {

struct ApiRequest {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // as received, without the query string
  std::map<std::string, std::string> params;   // path parameters by template name, URL-decoded
  std::map<std::string, std::string> query;    // query parameters
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  std::string base_url;  // "http://127.0.0.1:PORT" as the client reached us

  std::string_view Param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? std::string_view() : std::string_view(it->second);
  }
  std::string_view Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string_view() : std::string_view(it->second);
  }
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;

  static ApiResponse Json(int status, std::string body) {
    ApiResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static ApiResponse NoContent() {
    ApiResponse r;
    r.status = 204;
    r.content_type.clear();
    return r;
  }
};

}  // namespace kbulk::emulator
