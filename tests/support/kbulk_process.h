// End-to-end test support: run the built `kbulk` program and capture its output, and start `kbulk
// emulator` on a free loopback port (port 0, 127.0.0.1 only) for the length of a test.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace kbulk::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs KBULK_BINARY with `args`; `env` adds or overrides environment variables; `stdin_file` (optional)
// becomes standard input; `stdout_file` (optional) receives standard output instead of `out`.
ProcessResult RunKbulk(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                       const std::string& stdin_file = "", const std::string& stdout_file = "");

// Runs a shell command line (for pipelines such as `kbulk export -o - | kbulk verify -`).
ProcessResult RunShell(const std::string& command);

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// `kbulk emulator` as a child process; stopped with SIGTERM when destroyed.
class Emulator {
 public:
  explicit Emulator(const std::vector<std::string>& extra_args);
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  const std::string& base_url() const { return base_url_; }  // http://127.0.0.1:PORT/v2
  const std::string& origin() const { return origin_; }      // http://127.0.0.1:PORT
  const std::string& api_key() const { return api_key_; }
  const std::string& environment_id(std::size_t i = 0) const { return environments_.at(i); }

  // Connection arguments and environment for a kbulk command against environment `i`.
  std::vector<std::string> ConnectionArgs(std::size_t i = 0) const;
  std::map<std::string, std::string> ConnectionEnv() const { return {{"KONTENT_API_KEY", api_key_}}; }

  // GET/POST on the emulator's control surface (outside /v2), e.g. "/_emulator/stats".
  std::string Get(const std::string& path) const;
  std::string Post(const std::string& path) const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::string base_url_, origin_, api_key_;
  std::vector<std::string> environments_;
};

std::string ReadFileBytes(const std::string& path);

}  // namespace kbulk::testing
