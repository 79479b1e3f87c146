// kbulk's exit codes, documented in docs/cli.md. Scripts rely on them: change only with the docs.
#pragma once

namespace kbulk::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitNegative = 1;     // the check ran and said no: diff found differences,
                                            // rich text invalid, verify found dangling references
inline constexpr int kExitUsage = 2;        // bad command line
inline constexpr int kExitPartial = 3;      // finished, but some objects failed (listed in the report)
inline constexpr int kExitFatal = 4;        // stopped: auth, network, service or local I/O failure
inline constexpr int kExitCorrupt = 5;      // the archive is damaged or unsafe
inline constexpr int kExitInterrupted = 130;

}  // namespace kbulk::cli
