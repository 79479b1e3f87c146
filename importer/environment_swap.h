// Restoring into a fresh environment (`kbulk import --new-environment NAME [--mark-production]`): the
// target environment is cloned without content (its model, roles and settings only: environments API,
// clone with copy_data_options), the clone's cloning state is polled until it is "done", the import goes
// into the clone, and only a clean import (and clean validation) swaps it in as production. The old
// production environment is never written. See docs/import.md "Restoring into a new environment".
#pragma once

#include <chrono>
#include <string>

#include "api/management_client.h"
#include "core/log.h"
#include "core/status.h"

namespace kbulk::importer {

struct CloneRequest {
  std::string name;                   // the new environment's name (1-200 characters)
  bool with_version_history = false;  // never content: the import brings it
};

// POST /clone-environment on `source`'s environment, without items and assets. Returns the new
// environment's id. The clone answers with the same API key the request used (spec), so a client for the
// clone needs only the id.
Result<std::string> StartClone(api::ManagementClient& source, const CloneRequest& request);

struct CloneWait {
  std::chrono::seconds timeout{3600};
  std::chrono::milliseconds first_interval{500};  // doubled after each poll, up to max_interval
  std::chrono::milliseconds max_interval{10'000};
};

// Polls GET /environment-cloning-state on `clone` until "done". Reports each poll as progress
// ("cloning", polls). A "failed" state, or "in_progress" past the timeout, is an error naming the state.
Status WaitForClone(api::ManagementClient& clone, const CloneWait& wait, Logger& log, Progress& progress);

// PUT /mark-environment-as-production on `clone`'s environment with {"enable_webhooks": ...}.
Status MarkProduction(api::ManagementClient& clone, bool enable_webhooks);

// "environment '<name>' (id <id>)": how messages name the clone.
std::string DescribeClone(const std::string& name, const std::string& id);

}  // namespace kbulk::importer
