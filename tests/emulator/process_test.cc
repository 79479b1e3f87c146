// The real `kbulk emulator` process: ready file, a request, clean stop on SIGTERM.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/json.h"

using namespace kbulk;

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

namespace {

// Starts `kbulk emulator` with a ready file; returns its pid and fills `doc` from the ready file.
pid_t StartEmulator(const std::string& ready, JsonDocument& doc) {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    execl(KBULK_BINARY, KBULK_BINARY, "emulator", "--listen", "127.0.0.1:0", "--seed", "empty", "--environments", "2",
          "--api-key", "secret-key", "--ready-file", ready.c_str(), "--quiet", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait for the ready file (written atomically, so it is complete once it exists).
  for (int i = 0; i < 600 && access(ready.c_str(), F_OK) != 0; ++i) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) FAIL("kbulk emulator exited early with status " << status);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  auto parsed = ParseJson(ReadFile(ready));
  REQUIRE(parsed.ok());
  doc = std::move(parsed).value();
  return pid;
}

}  // namespace

TEST_CASE("kbulk emulator stops cleanly on SIGINT", "[emulator][process]") {
  char dir_template[] = "/tmp/kbulk-emulator-test-XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string ready = std::string(dir_template) + "/ready.json";
  JsonDocument doc;
  pid_t pid = StartEmulator(ready, doc);
  REQUIRE(kill(pid, SIGINT) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::remove(ready.c_str());
  rmdir(dir_template);
}

TEST_CASE("kbulk emulator writes its ready file, serves, and stops cleanly on SIGTERM", "[emulator][process]") {
  char dir_template[] = "/tmp/kbulk-emulator-test-XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string ready = std::string(dir_template) + "/ready.json";
  JsonDocument parsed;
  pid_t pid = StartEmulator(ready, parsed);
  JsonDocument* doc = &parsed;
  std::string base_url = doc->operator[]("base_url").GetString();
  CHECK(std::string(doc->operator[]("api_key").GetString()) == "secret-key");
  REQUIRE(doc->operator[]("environments").Size() == 2);
  std::string env_id = doc->operator[]("environments")[0]["id"].GetString();
  REQUIRE(base_url.rfind("http://127.0.0.1:", 0) == 0);
  REQUIRE(base_url.size() > 3);
  CHECK(base_url.substr(base_url.size() - 3) == "/v2");
  int port = std::stoi(base_url.substr(17, base_url.size() - 20));

  httplib::Client client("127.0.0.1", port);
  auto info = client.Get("/v2/projects/" + env_id, {{"Authorization", "Bearer secret-key"}});
  REQUIRE(info);
  CHECK(info->status == 200);
  auto second_env =
      client.Get("/v2/projects/" + std::string(doc->operator[]("environments")[1]["id"].GetString()) + "/languages",
                 {{"Authorization", "Bearer secret-key"}});
  REQUIRE(second_env);
  CHECK(second_env->status == 200);

  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::remove(ready.c_str());
  rmdir(dir_template);
}
