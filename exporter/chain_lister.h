// A pagination chain listed with its next page already on the way: as soon as a page arrives, its
// continuation token is sent back for the next one, and only then are the page's objects handed out. A
// chain of a thousand pages then costs a thousand round trips, not a thousand round trips plus the time
// the exporter spends on each page. At most two pages are held (the one handed out, the one in flight).
#pragma once

#include <string_view>

#include "api/management_client.h"
#include "core/status.h"

namespace kbulk::exporter {

// Lists `first` and its continuations, calling `each` for every object in order. `critical` marks the
// chain that bounds the export (its requests go first and the pacer keeps room for them). Errors name the
// route; an error from `each` stops the listing and is returned.
Status ListChain(api::ManagementClient& client, api::Request first, std::string_view array_key, bool critical,
                 const api::ObjectCallback& each);

}  // namespace kbulk::exporter
