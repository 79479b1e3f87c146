// Matches request paths against route templates such as
// "/v2/projects/{environment_id}/items/{item_identifier}/variants/{language_identifier}".
// Identifier segments may be written "codename/x", "external-id/x" or "email/x" (two path segments); the router
// joins them so one template parameter receives "codename/x". The template is also the stats key.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/api_types.h"

namespace kbulk::emulator {

class Environment;
class Store;
struct ServerOptions;

// What a handler may touch. The server holds the store lock while a handler runs.
struct RouteContext {
  Store& store;
  Environment* environment;  // the environment named by {environment_id}; never null for API routes
  const ServerOptions& options;
};

using RouteHandler = std::function<ApiResponse(const ApiRequest&, RouteContext&)>;

struct Route {
  std::string method;
  std::string path_template;
  std::vector<std::string> segments;  // "{name}" for parameters
  int literal_count = 0;
  RouteHandler handler;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
};

class Router {
 public:
  void Add(std::string method, std::string path_template, RouteHandler handler);
  // The best route for `method` and `path`; `other_method` tells whether the path exists for another
  // method (a 405 rather than a 404).
  std::optional<RouteMatch> Find(std::string_view method, std::string_view path, bool* other_method) const;

 private:
  std::vector<Route> routes_;
};

// "/a/b%20c/codename/x" -> {"a", "b c", "codename/x"}.
std::vector<std::string> SplitApiPath(std::string_view path);
std::string UrlDecode(std::string_view text);

}  // namespace kbulk::emulator
