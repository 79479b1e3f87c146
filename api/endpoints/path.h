// Building blocks of every typed request: URL-encoded path segments from References and the Request
// record (path, route template for accounting, object description for messages).
#pragma once

#include <string>
#include <string_view>

#include "api/management_client.h"
#include "core/reference.h"

namespace kbulk::api::endpoints {

// URL-encodes one path segment (RFC 3986 unreserved characters stay; everything else %XX).
std::string EncodeSegment(std::string_view segment);

// "<id>", "codename/<codename>" or "external-id/<external id>", the value URL-encoded.
std::string Segment(const Reference& reference);

// A list route and the key of its array in the response body.
struct ListRequest {
  Request request;
  std::string array_key;  // empty when the body is the array itself (e.g. workflows, webhooks)
};

Request MakeRequest(Method method, std::string path, std::string route, std::string object, std::string_view body = {});
ListRequest MakeList(std::string path, std::string route, std::string object, std::string array_key);

// "item codename:about_us" - how messages name an object.
std::string Describe(std::string_view kind, const Reference& reference);

}  // namespace kbulk::api::endpoints
