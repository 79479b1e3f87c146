// Log lines on stderr.
#include "cli/render_log.h"

#include <cstdio>
#include <string>

namespace kbulk::cli {

StderrLogger::StderrLogger(const CommonOptions& options)
    : threshold_(options.verbose ? LogLevel::kDebug
                 : options.quiet ? LogLevel::kError
                                 : LogLevel::kInfo) {}

void StderrLogger::Log(LogLevel level, std::string_view message) {
  if (level < threshold_) return;
  const char* prefix = "";
  switch (level) {
    case LogLevel::kDebug: prefix = "debug: "; break;
    case LogLevel::kInfo: prefix = ""; break;
    case LogLevel::kWarning: prefix = "warning: "; break;
    case LogLevel::kError: prefix = "error: "; break;
  }
  std::string line = "kbulk: ";
  line += prefix;
  line += message;
  line += '\n';
  std::lock_guard lock(mutex_);
  std::fputs(line.c_str(), stderr);
}

void StderrLogger::Hint(std::string_view advice) {
  std::string line = "kbulk: hint: ";
  line += advice;
  line += '\n';
  std::lock_guard lock(mutex_);
  std::fputs(line.c_str(), stderr);
}

}  // namespace kbulk::cli
