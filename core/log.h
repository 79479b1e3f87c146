// Logging and progress interfaces. Modules never print: they report here and only cli/ renders.
// Implementations must be thread-safe: the client and pipelines call them from worker threads.
#pragma once

#include <cstdint>
#include <string_view>

namespace kbulk {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

class Logger {
 public:
  virtual ~Logger() = default;
  virtual void Log(LogLevel level, std::string_view message) = 0;

  void Debug(std::string_view m) { Log(LogLevel::kDebug, m); }
  void Info(std::string_view m) { Log(LogLevel::kInfo, m); }
  void Warning(std::string_view m) { Log(LogLevel::kWarning, m); }
  void Error(std::string_view m) { Log(LogLevel::kError, m); }
};

// Discards everything; the default when a caller passes no logger.
class NullLogger final : public Logger {
 public:
  void Log(LogLevel, std::string_view) override {}
  static NullLogger& Instance();
};

// Phases of a pipeline ("languages", "assets", "variants", ...) with counts and bytes.
class Progress {
 public:
  virtual ~Progress() = default;
  // `total` is 0 when unknown.
  virtual void PhaseStarted(std::string_view phase, std::uint64_t total) = 0;
  virtual void Advanced(std::string_view phase, std::uint64_t done, std::uint64_t bytes) = 0;
  virtual void PhaseFinished(std::string_view phase, std::uint64_t done, std::uint64_t bytes) = 0;
};

class NullProgress final : public Progress {
 public:
  void PhaseStarted(std::string_view, std::uint64_t) override {}
  void Advanced(std::string_view, std::uint64_t, std::uint64_t) override {}
  void PhaseFinished(std::string_view, std::uint64_t, std::uint64_t) override {}
  static NullProgress& Instance();
};

}  // namespace kbulk
