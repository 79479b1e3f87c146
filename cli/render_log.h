// Renders log lines on stderr for the CLI: "kbulk: warning: ..." with a level threshold from
// --verbose/--quiet. Thread-safe.
#pragma once

#include <mutex>

#include "cli/command.h"
#include "core/log.h"

namespace kbulk::cli {

class StderrLogger final : public Logger {
 public:
  explicit StderrLogger(const CommonOptions& options);
  void Log(LogLevel level, std::string_view message) override;
  // "kbulk: hint: ..." under an error: what to do next. Shown whenever errors are (--quiet too).
  void Hint(std::string_view advice);

 private:
  LogLevel threshold_;
  std::mutex mutex_;
};

}  // namespace kbulk::cli
