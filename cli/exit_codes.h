// kbulk's exit codes, documented in docs/cli.md. Scripts rely on them: change only with the docs.
#pragma once

#include "core/status.h"

namespace kbulk::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitNegative = 1;  // the check ran and said no: diff found differences,
                                         // rich text invalid, verify found dangling references
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitPartial = 3;   // finished, but some objects failed (listed in the report)
inline constexpr int kExitFatal = 4;     // stopped: auth, network, service or local I/O failure
inline constexpr int kExitCorrupt = 5;   // the archive is damaged or unsafe
inline constexpr int kExitInterrupted = 130;

// The one mapping from the status a command stopped on to its exit code. A bad value on the command line
// (an unknown codename in a filter, an existing journal without --resume/--restart) is 2; a damaged
// archive or feed 5; an interruption 130; everything else that stops a command (auth, network, service,
// local I/O, a model conflict) 4.
inline int ExitCodeFor(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists: return kExitUsage;
    case StatusCode::kCorrupt: return kExitCorrupt;
    case StatusCode::kCancelled: return kExitInterrupted;
    default: return kExitFatal;
  }
}
inline int ExitCodeFor(const Status& status) {
  return ExitCodeFor(status.code());
}

}  // namespace kbulk::cli
