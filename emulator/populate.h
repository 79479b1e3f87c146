// Creates the environments an emulator process serves: the first one filled by the seed, the others
// as the service starts a new environment (default language, collection and workflow only).
#pragma once

#include <string>

#include "core/status.h"
#include "emulator/server.h"

namespace kbulk::emulator {

// REQUIRES: `server` is bound (its base URL is known) and not yet running.
Status PopulateEnvironments(Server& server, const std::string& seed_spec, int environment_count);

}  // namespace kbulk::emulator
