// Renders pipeline progress on stderr: on a terminal one self-updating line per phase with count,
// bytes, rate and ETA; otherwise plain log lines at phase start/end and every few seconds.
// Thread-safe; silent with --quiet or --json.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "cli/command.h"
#include "core/log.h"

namespace kbulk::cli {

class StderrProgress final : public Progress {
 public:
  explicit StderrProgress(const CommonOptions& options);
  void PhaseStarted(std::string_view phase, std::uint64_t total) override;
  void Advanced(std::string_view phase, std::uint64_t done, std::uint64_t bytes) override;
  void PhaseFinished(std::string_view phase, std::uint64_t done, std::uint64_t bytes) override;

 private:
  struct Phase {
    std::uint64_t total = 0;
    std::uint64_t done = 0;
    std::uint64_t bytes = 0;
    std::chrono::steady_clock::time_point started;
    std::chrono::steady_clock::time_point last_drawn;
  };
  std::string Line(std::string_view name, const Phase& phase, bool finished) const;
  void Draw(std::string_view name, Phase& phase, bool finished);

  bool enabled_;
  bool terminal_;
  std::mutex mutex_;
  std::map<std::string, Phase, std::less<>> phases_;
};

// "1.5 MiB", "312 B"
std::string FormatBytes(std::uint64_t bytes);
// "1m05s", "12s"
std::string FormatDuration(double seconds);

}  // namespace kbulk::cli
