// What to do next after a command stopped: the advice of the "kbulk: hint:" line printed under an error.
// The wording names kbulk's flags and environment variables, so it lives here and not in the libraries,
// whose messages say what went wrong and with which object.
#pragma once

#include <string>

#include "cli/render_log.h"
#include "core/status.h"

namespace kbulk::cli {

// The advice for a failure of a known kind (a refused key, an unknown environment, an unreachable host, a
// TLS failure, a full disk, an archive from a newer kbulk, the service failing after retries), or an empty
// string when the message alone says it.
std::string NextStep(const Status& status);

// "kbulk: error: COMMAND: MESSAGE" and, when NextStep has advice, "kbulk: hint: ADVICE" under it.
void ReportFailure(StderrLogger& log, std::string_view command, const Status& status);

}  // namespace kbulk::cli
