// Support for the resume and interruption tests: kbulk as a child process that a test signals at a moment
// it detects (the emulator's write counts, the journal's content), and the checks every resumed import
// must pass (a clean diff against the source, no duplicated items or assets).
#pragma once

#include <sys/types.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/support/kbulk_process.h"

namespace kbulk::testing {

class KbulkChild {
 public:
  // Starts KBULK_BINARY with `args` (standard output and error into files under `dir`).
  KbulkChild(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
             const std::string& dir);
  ~KbulkChild();  // kills (SIGKILL) and reaps a child still running
  KbulkChild(const KbulkChild&) = delete;
  KbulkChild& operator=(const KbulkChild&) = delete;

  void Signal(int signal) const;
  bool Running();
  // Waits for the exit; returns the exit code, or -signal when killed by one.
  int Wait();
  std::string err() const;
  std::string out() const;

 private:
  pid_t pid_ = -1;
  int status_ = -1;
  bool reaped_ = false;
  std::string out_path_, err_path_;
};

// Polls `ready` (every 2 ms) until it holds or `child` exits; true when it held while the child ran.
bool WaitFor(KbulkChild& child, const std::function<bool()>& ready);

// Import arguments: `kbulk import archive` into environment `env` with extra arguments.
std::vector<std::string> ImportArgs(const Emulator& emu, std::size_t env, const std::string& archive,
                                    const std::vector<std::string>& extra = {});

// Exports environment `env` into `archive`; returns the summary's counts (kind -> n).
std::map<std::string, long> ExportCounts(const Emulator& emu, std::size_t env, const std::string& archive);

// Requests in the emulator's stats whose route key contains every needle (e.g. {"PUT", "/assets/"}).
std::uint64_t RequestCount(const Emulator& emu, const std::vector<std::string>& needles);

// Files in `dir` (names only, sorted).
std::vector<std::string> FilesIn(const std::string& dir);

}  // namespace kbulk::testing
