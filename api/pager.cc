// simdjson on-demand over each page: objects are located, not materialized, so a page of 100 variants
// with large rich text costs one copy of the body.
#include "api/pager.h"

#include <simdjson.h>

#include "core/json.h"

namespace kbulk::api {
namespace {

namespace od = simdjson::ondemand;

std::string_view Trimmed(std::string_view raw) {
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t')) {
    raw.remove_suffix(1);
  }
  return raw;
}

// The raw text of any value; on-demand's raw views may carry the whitespace that followed the value.
simdjson::error_code RawOf(od::value value, std::string_view& raw) {
  od::json_type type;
  if (auto e = value.type().get(type)) return e;
  simdjson::error_code error = simdjson::SUCCESS;
  if (type == od::json_type::object) {
    od::object o;
    if (auto e = value.get_object().get(o)) return e;
    error = o.raw_json().get(raw);
  } else if (type == od::json_type::array) {
    od::array a;
    if (auto e = value.get_array().get(a)) return e;
    error = a.raw_json().get(raw);
  } else {
    raw = value.raw_json_token();
  }
  raw = Trimmed(raw);
  return error;
}

Status Damaged(std::string_view what, simdjson::error_code e) {
  return Corrupt("list page: " + std::string(what) + ": " + simdjson::error_message(e));
}

// The token of a pagination object ({"continuation_token": "..." | null, "next_page": ...}).
std::string TokenOf(std::string_view pagination_raw) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(pagination_raw.data(), pagination_raw.size(), true).get(root)) return {};
  std::string_view token;
  if (root["continuation_token"].get_string().get(token)) return {};
  return std::string(token);
}

}  // namespace

Result<ListPage> ListPage::Parse(std::string body, std::string_view array_key) {
  ListPage page;
  page.array_key_ = std::string(array_key);
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  page.body_ = std::make_unique<std::string>(std::move(body));
  const std::string& text = *page.body_;
  od::parser parser;
  od::document doc;
  if (auto e = parser.iterate(simdjson::padded_string_view(text.data(), text.size(), text.capacity())).get(doc)) {
    return Damaged("not JSON", e);
  }
  auto collect = [&](od::array array) -> Status {
    for (auto element : array) {
      od::value v;
      std::string_view raw;
      if (auto e = element.get(v)) return Damaged("element of '" + page.array_key_ + "'", e);
      if (auto e = RawOf(v, raw)) return Damaged("element of '" + page.array_key_ + "'", e);
      page.objects_.push_back(raw);
    }
    return Status::Ok();
  };
  if (array_key.empty()) {
    od::array array;
    if (auto e = doc.get_array().get(array)) return Damaged("expected an array body", e);
    KBULK_RETURN_IF_ERROR(collect(array));
    return page;
  }
  od::object object;
  if (auto e = doc.get_object().get(object)) return Damaged("expected an object body", e);
  bool found = false;
  for (auto field : object) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return Damaged("member name", e);
    std::string name(key);
    od::value value;
    if (auto e = field.value().get(value)) return Damaged("member '" + name + "'", e);
    if (name == array_key) {
      od::array array;
      if (auto e = value.get_array().get(array)) return Damaged("member '" + name + "' is not an array", e);
      KBULK_RETURN_IF_ERROR(collect(array));
      found = true;
      continue;
    }
    std::string_view raw;
    if (auto e = RawOf(value, raw)) return Damaged("member '" + name + "'", e);
    if (name == "pagination") page.continuation_ = TokenOf(raw);
    page.other_.emplace_back(std::move(name), raw);
  }
  if (!found) return Corrupt("list page: no '" + page.array_key_ + "' array in the response");
  return page;
}

std::string ListPage::ToJson() const {
  JsonWriter w;
  auto write_objects = [&] {
    w.StartArray();
    for (std::string_view o : objects_) w.Raw(o);
    w.EndArray();
  };
  if (array_key_.empty()) {
    write_objects();
    return w.str();
  }
  w.StartObject();
  w.Key(array_key_);
  write_objects();
  for (const auto& [key, raw] : other_) w.Key(key).Raw(raw);
  w.EndObject();
  return w.str();
}

std::string ContinuationTokenOf(std::string_view body) {
  if (body.find("\"continuation_token\"") == std::string_view::npos) return {};
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size(), true).get(root)) return {};
  std::string_view token;
  if (root["pagination"]["continuation_token"].get_string().get(token)) return {};
  return std::string(token);
}

Status ValidateContinuationToken(std::string_view token) {
  if (token.empty()) return Corrupt("the continuation token is empty");
  if (token.size() > kMaxContinuationTokenBytes)
    return Corrupt("the continuation token is " + std::to_string(token.size()) + " bytes long (at most " +
                   std::to_string(kMaxContinuationTokenBytes) + ")");
  for (std::size_t i = 0; i < token.size(); ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (c < 0x20 || c > 0x7e)
      return Corrupt("the continuation token holds byte 0x" + std::string(1, "0123456789abcdef"[c >> 4]) +
                     std::string(1, "0123456789abcdef"[c & 15]) + " at offset " + std::to_string(i) +
                     " (only printable ASCII may go into the x-continuation header)");
  }
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, std::string>>> ParseObjectMembers(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto e = parser.parse(body.data(), body.size(), true).get(root)) return Damaged("not JSON", e);
  simdjson::dom::object object;
  if (auto e = root.get_object().get(object)) return Damaged("expected an object body", e);
  std::vector<std::pair<std::string, std::string>> members;
  for (auto field : object) members.emplace_back(std::string(field.key), simdjson::minify(field.value));
  return members;
}

std::string WriteObjectMembers(const std::vector<std::pair<std::string, std::string>>& members) {
  JsonWriter w;
  w.StartObject();
  for (const auto& [key, raw] : members) w.Key(key).Raw(raw);
  w.EndObject();
  return w.str();
}

Pager::Pager(ManagementClient& client, Request first, std::string array_key)
    : client_(client), request_(std::move(first)), array_key_(std::move(array_key)) {}

Result<std::optional<std::string_view>> Pager::Next() {
  while (!page_ || index_ >= page_->objects().size()) {
    if (last_page_) return std::optional<std::string_view>();
    KBULK_ASSIGN_OR_RETURN(Response response, client_.Send(request_));
    auto parsed = ListPage::Parse(std::move(response.body), array_key_);
    if (!parsed.ok())
      return parsed.status().WithContext(std::string(MethodName(request_.method)) + " " + request_.route);
    page_.emplace(std::move(parsed).value());
    index_ = 0;
    ++pages_;
    if (page_->continuation().empty()) {
      last_page_ = true;
    } else if (page_->continuation() == request_.continuation) {
      return Corrupt(std::string(MethodName(request_.method)) + " " + request_.route +
                     ": the server returned the same continuation token twice");
    } else {
      // Never into a header unchecked: the token is whatever the server (or a proxy) sent.
      if (Status valid = ValidateContinuationToken(page_->continuation()); !valid.ok())
        return valid.WithContext(std::string(MethodName(request_.method)) + " " + request_.route);
      request_.continuation = page_->continuation();
    }
  }
  return std::optional<std::string_view>(page_->objects()[index_++]);
}

}  // namespace kbulk::api
