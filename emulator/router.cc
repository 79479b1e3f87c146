// Template matching: literal segments must match; among matches, the most literal template wins.
#include "emulator/router.h"

namespace kbulk::emulator {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsParameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{';
}

}  // namespace

std::string UrlDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::vector<std::string> SplitApiPath(std::string_view path) {
  std::vector<std::string> raw;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) raw.push_back(UrlDecode(path.substr(start, slash - start)));
    start = slash + 1;
  }
  std::vector<std::string> segments;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if ((raw[i] == "codename" || raw[i] == "external-id" || raw[i] == "email") && i + 1 < raw.size() &&
        !segments.empty()) {
      segments.push_back(raw[i] + "/" + raw[i + 1]);
      ++i;
    } else {
      segments.push_back(raw[i]);
    }
  }
  return segments;
}

void Router::Add(std::string method, std::string path_template, RouteHandler handler) {
  Route route;
  route.method = std::move(method);
  route.segments = SplitApiPath(path_template);
  for (const std::string& s : route.segments)
    if (!IsParameter(s)) ++route.literal_count;
  route.path_template = std::move(path_template);
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

std::optional<RouteMatch> Router::Find(std::string_view method, std::string_view path, bool* other_method) const {
  std::vector<std::string> segments = SplitApiPath(path);
  const Route* best = nullptr;
  *other_method = false;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i)
      ok = IsParameter(route.segments[i]) || route.segments[i] == segments[i];
    if (!ok) continue;
    if (route.method != method) {
      *other_method = true;
      continue;
    }
    if (best == nullptr || route.literal_count > best->literal_count) best = &route;
  }
  if (best == nullptr) return std::nullopt;
  RouteMatch match;
  match.route = best;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& s = best->segments[i];
    if (IsParameter(s)) match.params[s.substr(1, s.size() - 2)] = segments[i];
  }
  *other_method = false;
  return match;
}

}  // namespace kbulk::emulator
