// Path segment encoding and the Request record shared by every endpoint family.
#include "api/endpoints/path.h"

namespace kbulk::api::endpoints {

std::string EncodeSegment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(segment.size());
  for (char ch : segment) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Segment(const Reference& reference) {
  const std::string encoded = EncodeSegment(reference.value());
  switch (reference.kind()) {
    case Reference::Kind::kId: return Reference::ById(encoded).ToPathSegment();
    case Reference::Kind::kCodename: return Reference::ByCodename(encoded).ToPathSegment();
    case Reference::Kind::kExternalId: return Reference::ByExternalId(encoded).ToPathSegment();
  }
  return encoded;
}

Request MakeRequest(Method method, std::string path, std::string route, std::string object, std::string_view body) {
  Request r;
  r.method = method;
  r.path = std::move(path);
  r.route = std::move(route);
  r.object = std::move(object);
  r.body = std::string(body);
  return r;
}

ListRequest MakeList(std::string path, std::string route, std::string object, std::string array_key) {
  return {MakeRequest(Method::kGet, std::move(path), std::move(route), std::move(object)), std::move(array_key)};
}

std::string Describe(std::string_view kind, const Reference& reference) {
  return std::string(kind) + " " + reference.ToString();
}

}  // namespace kbulk::api::endpoints
