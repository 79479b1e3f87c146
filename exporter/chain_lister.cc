// The next page's request is sent before the current page's objects are handled; the response waits in
// a future. Tokens are checked as the Pager checks them (printable, bounded, never the same twice).
#include "exporter/chain_lister.h"

#include <future>
#include <memory>
#include <string>

#include "api/pager.h"

namespace kbulk::exporter {
namespace {

std::future<Result<api::Response>> SendAhead(api::ManagementClient& client, const api::Request& request) {
  // Shared with the callback: an abandoned chain (an error in `each`) may drop its future first.
  auto promise = std::make_shared<std::promise<Result<api::Response>>>();
  auto future = promise->get_future();
  client.SendAsync(request, [promise](Result<api::Response> r) { promise->set_value(std::move(r)); });
  return future;
}

}  // namespace

Status ListChain(api::ManagementClient& client, api::Request first, std::string_view array_key, bool critical,
                 const api::ObjectCallback& each) {
  api::Request request = std::move(first);
  request.critical = critical;
  const std::string where = std::string(api::MethodName(request.method)) + " " + request.route;
  std::future<Result<api::Response>> ahead = SendAhead(client, request);
  for (;;) {
    Result<api::Response> response = ahead.get();
    if (!response.ok()) return response.status();
    auto page = api::ListPage::Parse(std::move(response->body), array_key);
    if (!page.ok()) return page.status().WithContext(where);
    const std::string& token = page->continuation();
    const bool last = token.empty();
    if (!last) {
      if (token == request.continuation)
        return Corrupt(where + ": the server returned the same continuation token twice");
      // Never into a header unchecked: the token is whatever the server (or a proxy) sent.
      KBULK_RETURN_IF_ERROR(api::ValidateContinuationToken(token).WithContext(where));
      request.continuation = token;
      ahead = SendAhead(client, request);
    }
    for (std::string_view object : page->objects()) KBULK_RETURN_IF_ERROR(each(object));
    if (last) return Status::Ok();
  }
}

}  // namespace kbulk::exporter
