#include "tests/resume/resume_support.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "core/json.h"

namespace kbulk::testing {

KbulkChild::KbulkChild(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                       const std::string& dir)
    : out_path_(dir + "/child.out"), err_path_(dir + "/child.err") {
  std::vector<std::string> argv = {KBULK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> raw;
    for (const auto& a : argv) raw.push_back(const_cast<char*>(a.c_str()));
    raw.push_back(nullptr);
    execv(raw[0], raw.data());
    _exit(127);
  }
}

KbulkChild::~KbulkChild() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    Wait();
  }
}

void KbulkChild::Signal(int signal) const {
  if (!reaped_) ::kill(pid_, signal);
}

bool KbulkChild::Running() {
  if (reaped_) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    reaped_ = true;
    status_ = status;
    return false;
  }
  return true;
}

int KbulkChild::Wait() {
  if (!reaped_) {
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0) {
    }
    reaped_ = true;
    status_ = status;
  }
  if (WIFEXITED(status_)) return WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) return -WTERMSIG(status_);
  return -1000;
}

std::string KbulkChild::err() const {
  return ReadFileBytes(err_path_);
}
std::string KbulkChild::out() const {
  return ReadFileBytes(out_path_);
}

bool WaitFor(KbulkChild& child, const std::function<bool()>& ready) {
  while (child.Running()) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

std::vector<std::string> ImportArgs(const Emulator& emu, std::size_t env, const std::string& archive,
                                    const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"import", archive, "--rate-limit", "off", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  for (const auto& a : emu.ConnectionArgs(env)) args.push_back(a);
  return args;
}

std::map<std::string, long> ExportCounts(const Emulator& emu, std::size_t env, const std::string& archive) {
  std::vector<std::string> args = {"export", "-o", archive, "--rate-limit", "off", "--json"};
  for (const auto& a : emu.ConnectionArgs(env)) args.push_back(a);
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto doc = ParseJson(run.out);
  REQUIRE(doc.ok());
  std::map<std::string, long> counts;
  const JsonValue* c = Member(*doc, "counts");
  REQUIRE(c != nullptr);
  for (const auto& m : c->GetObject()) counts[m.name.GetString()] = static_cast<long>(m.value.GetInt64());
  return counts;
}

std::uint64_t RequestCount(const Emulator& emu, const std::vector<std::string>& needles) {
  auto doc = ParseJson(emu.Get("/_emulator/stats"));
  if (!doc.ok()) return 0;
  const JsonValue* requests = Member(*doc, "requests");
  if (requests == nullptr || !requests->IsObject()) return 0;
  std::uint64_t n = 0;
  for (const auto& route : requests->GetObject()) {
    std::string key = route.name.GetString();
    bool all = std::all_of(needles.begin(), needles.end(),
                           [&](const std::string& needle) { return key.find(needle) != std::string::npos; });
    if (!all || !route.value.IsObject()) continue;
    for (const auto& status : route.value.GetObject())
      if (status.value.IsUint64()) n += status.value.GetUint64();
  }
  return n;
}

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace kbulk::testing
