// "Core dumps disabled while a key is held", observed from outside a real kbulk process: the test starts
// kbulk with a core-size limit raised to its hard limit and, when the test runs as root, as the user
// nobody, then reads the running process's /proc/<pid>/limits (RLIMIT_CORE) and the owner of
// /proc/<pid>/status (the kernel shows a non-dumpable process's /proc files as root's). A kbulk holding a
// key (`env info`, stalled by a local server until the test has looked) must show 0 and non-dumpable; a
// kbulk holding none (`verify -` waiting on its standard input) is the control and keeps both.
#include <fcntl.h>
#include <grp.h>
#include <httplib.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "tests/support/kbulk_process.h"

using namespace kbulk::testing;

namespace {

constexpr uid_t kNobody = 65534;

// kbulk as a child: core limit raised to the hard limit, as nobody when we are root, standard input a pipe
// the test holds open.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::string& key) {
    int in[2];
    REQUIRE(::pipe(in) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      rlimit core{};
      ::getrlimit(RLIMIT_CORE, &core);
      core.rlim_cur = core.rlim_max;
      ::setrlimit(RLIMIT_CORE, &core);
      if (::geteuid() == 0 && (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0))
        ::_exit(126);
      ::dup2(in[0], 0);
      ::close(in[0]);
      ::close(in[1]);
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      if (key.empty())
        ::unsetenv("KONTENT_API_KEY");
      else
        ::setenv("KONTENT_API_KEY", key.c_str(), 1);
      std::vector<char*> argv = {const_cast<char*>(KBULK_BINARY)};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(in[0]);
    stdin_ = in[1];
  }
  ~Child() {
    if (stdin_ >= 0) ::close(stdin_);
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
  }
  pid_t pid() const { return pid_; }
  void CloseStdin() {
    ::close(stdin_);
    stdin_ = -1;
  }
  int Wait() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0) {
    }
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  bool reaped_ = false;
};

// The soft core-size limit from /proc/<pid>/limits ("Max core file size  SOFT  HARD  bytes").
std::string CoreLimit(pid_t pid) {
  std::ifstream limits("/proc/" + std::to_string(pid) + "/limits");
  std::string line;
  while (std::getline(limits, line)) {
    if (line.rfind("Max core file size", 0) != 0) continue;
    std::istringstream fields(line.substr(18));
    std::string soft;
    fields >> soft;
    return soft;
  }
  return "?";
}

uid_t ProcOwner(pid_t pid) {
  struct stat st {};
  REQUIRE(::stat(("/proc/" + std::to_string(pid) + "/status").c_str(), &st) == 0);
  return st.st_uid;
}

// Whether the child has exec'd kbulk (its /proc/<pid>/exe is the binary), polled for up to 10 s.
bool Execed(pid_t pid) {
  for (int i = 0; i < 5000; ++i) {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/" + std::to_string(pid) + "/exe", ec);
    if (!ec && std::filesystem::equivalent(exe, KBULK_BINARY, ec)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

}  // namespace

TEST_CASE("Core dumps are disabled while a key is held (RLIMIT_CORE 0, not dumpable)", "[security][secrets][e2e]") {
  rlimit hard{};
  REQUIRE(::getrlimit(RLIMIT_CORE, &hard) == 0);
  const bool limit_observable = hard.rlim_max != 0;
  if (!limit_observable) WARN("the hard core-size limit is 0 here: only dumpability is observed");
  const uid_t run_as = ::geteuid() == 0 ? kNobody : ::geteuid();

  // The control: no key, kbulk waits on standard input.
  {
    Child control({"verify", "-"}, "");
    REQUIRE(Execed(control.pid()));
    if (limit_observable) CHECK(CoreLimit(control.pid()) != "0");
    CHECK(ProcOwner(control.pid()) == run_as);
    control.CloseStdin();
    CHECK(control.Wait() != 127);
  }

  // With a key: a server that holds the request until the test has looked at the process.
  std::mutex mu;
  std::condition_variable cv;
  bool arrived = false, release = false;
  std::string authorization;
  httplib::Server server;
  server.Get(R"(/v2/projects/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(mu);
    arrived = true;
    authorization = req.get_header_value("Authorization");
    cv.notify_all();
    cv.wait_for(lock, std::chrono::seconds(30), [&] { return release; });
    res.status = 404;
    res.set_content(R"({"request_id":"r","error_code":0,"message":"not here"})", "application/json");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread listener([&] { server.listen_after_bind(); });
  const std::string key = "kbulk-core-dump-test-key-5e2b7c9d1f3a";
  {
    Child keyed({"env", "info", "--base-url", "http://127.0.0.1:" + std::to_string(port) + "/v2", "--environment-id",
                 "0e0e0e0e-0000-4000-8000-0000000c0de0"},
                key);
    bool seen = false;
    {
      std::unique_lock<std::mutex> lock(mu);
      seen = cv.wait_for(lock, std::chrono::seconds(30), [&] { return arrived; });
    }
    CHECK(seen);
    if (seen) {
      CHECK(authorization == "Bearer " + key);  // the process holds the key now
      if (limit_observable) CHECK(CoreLimit(keyed.pid()) == "0");
      CHECK(ProcOwner(keyed.pid()) == 0);  // not dumpable: /proc shows the process as root's
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      release = true;
    }
    cv.notify_all();
    const int exit_code = keyed.Wait();
    CHECK(exit_code != 127);  // it ran (and ended on the 404) rather than failing to start
    CHECK(exit_code != -1);   // no signal
  }
  server.stop();
  listener.join();
}
