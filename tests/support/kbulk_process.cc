// Child processes for end-to-end tests.
#include "tests/support/kbulk_process.h"

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/json.h"

namespace kbulk::testing {
namespace {

int WaitExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ProcessResult RunArgv(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                      const std::string& stdin_file, const std::string& stdout_file) {
  TempDir dir;
  std::string out_path = stdout_file.empty() ? dir / "out" : stdout_file;
  std::string err_path = dir / "err";
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    int in = open(stdin_file.empty() ? "/dev/null" : stdin_file.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  ProcessResult result;
  result.exit_code = WaitExit(pid);
  if (stdout_file.empty()) result.out = ReadFileBytes(out_path);
  result.err = ReadFileBytes(err_path);
  return result;
}

}  // namespace

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kbulk-e2e-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ProcessResult RunKbulk(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                       const std::string& stdin_file, const std::string& stdout_file) {
  std::vector<std::string> argv = {KBULK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunArgv(argv, env, stdin_file, stdout_file);
}

ProcessResult RunShell(const std::string& command) {
  return RunArgv({"/bin/sh", "-c", command}, {}, "", "");
}

Emulator::Emulator(const std::vector<std::string>& extra_args) {
  std::string ready = dir_ / "ready.json";
  std::vector<std::string> argv = {KBULK_BINARY,   "emulator", "--listen", "127.0.0.1:0",
                                   "--ready-file", ready,      "--quiet"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  std::string log = dir_ / "emulator.log";
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int err = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(err, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  // The ready file is written atomically, so it is complete once it exists. Large seeds take seconds.
  for (int i = 0; access(ready.c_str(), F_OK) != 0; ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("kbulk emulator exited early: " + ReadFileBytes(log));
    }
    if (i > 1200) throw std::runtime_error("kbulk emulator not ready after 60 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  auto doc = ParseJson(ReadFileBytes(ready));
  if (!doc.ok()) throw std::runtime_error("bad ready file: " + doc.status().message());
  base_url_ = std::string(StringMember(*doc, "base_url").value_or(""));
  api_key_ = std::string(StringMember(*doc, "api_key").value_or(""));
  origin_ = base_url_.substr(0, base_url_.rfind("/v2"));
  for (const auto& env : (*doc)["environments"].GetArray()) environments_.push_back(env["id"].GetString());
}

Emulator::~Emulator() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    WaitExit(pid_);
  }
}

std::vector<std::string> Emulator::ConnectionArgs(std::size_t i) const {
  return {"--base-url", base_url_, "--environment-id", environment_id(i)};
}

std::string Emulator::Get(const std::string& path) const {
  httplib::Client client(origin_);
  auto res = client.Get(path.c_str());
  if (!res) throw std::runtime_error("GET " + path + " failed");
  return res->body;
}

std::string Emulator::Post(const std::string& path) const {
  httplib::Client client(origin_);
  auto res = client.Post(path.c_str());
  if (!res) throw std::runtime_error("POST " + path + " failed");
  return res->body;
}

}  // namespace kbulk::testing
