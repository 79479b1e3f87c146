// Progress lines on stderr.
#include "cli/render_progress.h"

#include <unistd.h>

#include <cstdio>

namespace kbulk::cli {

std::string FormatBytes(std::uint64_t bytes) {
  static const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", value, kUnits[unit]);
  return buf;
}

std::string FormatDuration(double seconds) {
  auto total = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (total >= 3600) {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", total / 3600, (total / 60) % 60);
  } else if (total >= 60) {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", total / 60, total % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lds", total);
  }
  return buf;
}

StderrProgress::StderrProgress(const CommonOptions& options)
    : enabled_(!options.quiet && !options.json), terminal_(isatty(STDERR_FILENO) == 1) {}

std::string StderrProgress::Line(std::string_view name, const Phase& phase, bool finished) const {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - phase.started).count();
  std::string line = "kbulk: ";
  line += name;
  line += ": ";
  line += std::to_string(phase.done);
  if (phase.total > 0) line.append("/").append(std::to_string(phase.total));
  if (phase.bytes > 0) line.append(", ").append(FormatBytes(phase.bytes));
  if (elapsed > 0.05) {
    char rate[48];
    std::snprintf(rate, sizeof rate, ", %.1f/s", static_cast<double>(phase.done) / elapsed);
    line += rate;
  }
  if (finished) {
    line.append(", done in ").append(FormatDuration(elapsed));
  } else if (phase.total > phase.done && phase.done > 0 && elapsed > 0.5) {
    double eta = elapsed / static_cast<double>(phase.done) * static_cast<double>(phase.total - phase.done);
    line.append(", ETA ").append(FormatDuration(eta));
  }
  return line;
}

void StderrProgress::Draw(std::string_view name, Phase& phase, bool finished) {
  auto now = std::chrono::steady_clock::now();
  auto interval = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (!finished && now - phase.last_drawn < interval) return;
  phase.last_drawn = now;
  std::string line = Line(name, phase, finished);
  if (terminal_) {
    std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), finished ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
}

void StderrProgress::PhaseStarted(std::string_view name, std::uint64_t total) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  Phase& phase = phases_[std::string(name)];
  phase = Phase{};
  phase.total = total;
  phase.started = std::chrono::steady_clock::now();
  phase.last_drawn = phase.started;
}

void StderrProgress::Advanced(std::string_view name, std::uint64_t done, std::uint64_t bytes) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  auto it = phases_.find(name);
  if (it == phases_.end()) return;
  it->second.done = done;
  it->second.bytes = bytes;
  Draw(name, it->second, false);
}

void StderrProgress::PhaseFinished(std::string_view name, std::uint64_t done, std::uint64_t bytes) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  auto it = phases_.find(name);
  if (it == phases_.end()) return;
  it->second.done = done;
  it->second.bytes = bytes;
  Draw(name, it->second, true);
}

}  // namespace kbulk::cli
