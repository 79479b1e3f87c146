// Listing the API's paged collections: a page parser that keeps each object as its raw JSON text, and a
// Pager that follows `pagination.continuation_token` (sent back as the `x-continuation` header) page by
// page, holding one page at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/management_client.h"
#include "core/status.h"

namespace kbulk::api {

// One page of a list response. `objects` view into the page's own copy of the body.
class ListPage {
 public:
  // `array_key` names the list in the body object ("items", "variants", ...); empty = the body is the
  // array itself (workflows, webhooks, an item's variants). Fails with kCorrupt naming the key.
  static Result<ListPage> Parse(std::string body, std::string_view array_key);

  const std::vector<std::string_view>& objects() const { return objects_; }
  // The next page's token; empty on the last page (token absent or null).
  const std::string& continuation() const { return continuation_; }
  // Top-level members other than the list (pagination included), as raw JSON, in body order.
  const std::vector<std::pair<std::string, std::string_view>>& other_members() const { return other_; }

  // The page written back as JSON: nothing the body had is lost.
  std::string ToJson() const;

 private:
  std::unique_ptr<std::string> body_;  // stable address for the views
  std::string array_key_;
  std::vector<std::string_view> objects_;
  std::string continuation_;
  std::vector<std::pair<std::string, std::string_view>> other_;
};

// The `pagination.continuation_token` of a response body; empty when absent, null or not JSON.
std::string ContinuationTokenOf(std::string_view body);

// The longest continuation token sent back (real tokens are a few hundred bytes).
inline constexpr std::size_t kMaxContinuationTokenBytes = 16 * 1024;

// Whether a server-supplied token may go into the `x-continuation` request header as it is: 1 to
// kMaxContinuationTokenBytes bytes of printable ASCII (0x20-0x7E), so a hostile or damaged page cannot
// end the header (CR, LF), smuggle another one, or carry NUL and other control bytes. Fails with kCorrupt.
Status ValidateContinuationToken(std::string_view token);

// A JSON object body (a single API object, or a document like collections {"collections", "last_modified"})
// as its members' raw JSON, in body order. Fails with kCorrupt when the body is not an object.
Result<std::vector<std::pair<std::string, std::string>>> ParseObjectMembers(std::string_view body);
std::string WriteObjectMembers(const std::vector<std::pair<std::string, std::string>>& members);

// Streams the objects of a list route. Not thread-safe; one Pager per listing.
class Pager {
 public:
  // `client` must outlive the pager.
  Pager(ManagementClient& client, Request first, std::string array_key);

  // The next object (valid until the next call), or nullopt after the last page.
  Result<std::optional<std::string_view>> Next();
  int pages_fetched() const { return pages_; }

 private:
  ManagementClient& client_;
  Request request_;
  std::string array_key_;
  std::optional<ListPage> page_;
  std::size_t index_ = 0;
  bool last_page_ = false;
  int pages_ = 0;
};

}  // namespace kbulk::api
