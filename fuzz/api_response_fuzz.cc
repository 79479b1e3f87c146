// libFuzzer target: what the API client parses from a server, which may be hostile or damaged: list pages
// (ListPage::Parse, continuation tokens), object bodies, error bodies (ApiErrorBody, StatusFromResponse)
// and Retry-After. The first byte picks the parser. Pages and error bodies that parse are written back
// and must parse to the same objects.
#include <chrono>
#include <cstdint>
#include <string>

#include "api/api_error.h"
#include "api/pager.h"
#include "api/retry_policy.h"
#include "fuzz_input.h"

using namespace kbulk;
using namespace kbulk::api;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::AsView(data, size);
  std::uint8_t selector = fuzz::TakeByte(input);
  std::string body(input);
  switch (selector % 5) {
    case 0:
    case 1: {
      auto page = ListPage::Parse(body, selector % 5 == 0 ? "items" : "");
      if (page.ok()) {
        auto again = ListPage::Parse(page->ToJson(), selector % 5 == 0 ? "items" : "");
        fuzz::Require(again.ok(), "a written page parses");
        fuzz::Require(again->objects() == page->objects(), "a written page holds the same objects");
        fuzz::Require(again->continuation() == page->continuation(), "the continuation token survives");
        if (!page->continuation().empty()) (void)ValidateContinuationToken(page->continuation());
      }
      (void)ContinuationTokenOf(body);
      break;
    }
    case 2: {
      auto members = ParseObjectMembers(body);
      if (members.ok()) {
        auto again = ParseObjectMembers(WriteObjectMembers(*members));
        fuzz::Require(again.ok() && *again == *members, "written members parse to the same members");
      }
      break;
    }
    case 3: {
      auto error = ApiErrorBody::Parse(body);
      if (error) {
        auto again = ApiErrorBody::Parse(error->ToJson());
        fuzz::Require(again.has_value(), "a written error body parses");
        fuzz::Require(again->message == error->message && again->request_id == error->request_id,
                      "message and request id survive");
        fuzz::Require(again->validation_errors.size() == error->validation_errors.size(), "validation errors survive");
      }
      Request request;
      request.method = Method::kPut;
      request.path = "/items/codename/x";
      for (int status : {400, 404, 409, 429, 503}) (void)StatusFromResponse(request, status, body);
      break;
    }
    default: {
      auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'764'460'800));
      auto delay = ParseRetryAfter(body, now);
      if (delay) fuzz::Require(delay->count() >= 0, "Retry-After is never negative");
      break;
    }
  }
  return 0;
}
