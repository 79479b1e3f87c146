// URL inspection with curl's own parser, so kbulk judges a URL exactly as curl will use it.
#include "api/url_host.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace kbulk::api {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

Result<UrlParts> ParseUrl(std::string_view url) {
  const std::string text(url);
  CURLU* handle = curl_url();
  UrlParts parts;
  bool ok = curl_url_set(handle, CURLUPART_URL, text.c_str(), 0) == CURLUE_OK;
  char* scheme = nullptr;
  char* host = nullptr;
  ok = ok && curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK;
  ok = ok && curl_url_get(handle, CURLUPART_HOST, &host, 0) == CURLUE_OK;
  if (ok) {
    parts.scheme = Lower(scheme);
    parts.host = Lower(host);
  }
  curl_free(scheme);
  curl_free(host);
  curl_url_cleanup(handle);
  if (!ok || (parts.scheme != "http" && parts.scheme != "https")) {
    return InvalidArgument("'" + text + "' is not an absolute http(s) URL");
  }
  if (parts.host.size() >= 2 && parts.host.front() == '[' && parts.host.back() == ']') {
    parts.host = parts.host.substr(1, parts.host.size() - 2);
  }
  return parts;
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  if (!host.starts_with("127.")) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

}  // namespace kbulk::api
