// The canary: one recognisable API key, passed by environment variable and by key file, through export,
// import (with --report), env info and env clone, at debug verbosity and with --json, plus failing
// requests whose error bodies echo the key back and a clone response that hides it in unknown shapes.
// Every stream and every file the runs leave behind (archives uncompressed, so the bytes are plain) is
// searched for it: it must appear nowhere. Files holding content are owner-only.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/support/kbulk_process.h"

using namespace kbulk::testing;

namespace {

// Long and unlike anything else in the outputs; its middle part is what a partial leak would show.
const std::string kCanary = "kbulk-canary-7d1e5c9a3f0b42e8a6c4d2b0e9f7a5c3";
const std::string kCanaryCore = "7d1e5c9a3f0b42e8";

struct Output {
  std::string name;
  std::string bytes;
};

void Collect(std::vector<Output>& outputs, const std::string& what, const ProcessResult& run) {
  outputs.push_back({what + " (stdout)", run.out});
  outputs.push_back({what + " (stderr)", run.err});
}

unsigned ModeOf(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777u;
}

// Environment ids (kbulk refuses ids that are not UUIDs) the echo server answers on.
constexpr const char* kEchoJson = "0e0e0e0e-0000-4000-8000-00000000a501";
constexpr const char* kEchoHtml = "0e0e0e0e-0000-4000-8000-00000000a502";

// A server that echoes the Authorization header (the key) in its error bodies and hides it in a clone
// response's unknown members.
class EchoServer {
 public:
  EchoServer() {
    server_.Get(std::string("/v2/projects/") + kEchoJson, [](const httplib::Request& req, httplib::Response& res) {
      const std::string auth = req.get_header_value("Authorization");
      res.status = 401;
      res.set_content(R"({"request_id":")" + auth + R"(","error_code":0,"message":"The key )" + auth +
                          R"( is not valid.","validation_errors":[{"message":"key )" + auth + R"(","path":")" + auth +
                          R"("}],"echo":")" + auth + R"("})",
                      "application/json");
    });
    server_.Get(std::string("/v2/projects/") + kEchoHtml, [](const httplib::Request& req, httplib::Response& res) {
      // Not JSON: a message shows the first 200 characters, and the key starts inside them.
      res.status = 400;
      res.set_content("<html>" + std::string(180, 'x') + req.get_header_value("Authorization") + "</html>",
                      "text/html");
    });
    server_.Post(std::string("/v2/projects/") + kEchoJson + "/clone-environment",
                 [](const httplib::Request& req, httplib::Response& res) {
                   const std::string key = req.get_header_value("Authorization").substr(7);
                   res.set_content(R"({"id":"11111111-2222-4333-8444-555555555555","management_api_key":")" + key +
                                       R"(","future_member":")" + key + R"(","nested":{"list":[")" + key +
                                       R"(",{"deep":")" + key + R"("}],"count":3},"delivery_preview_api_key":null})",
                                   "application/json");
                 });
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~EchoServer() {
    server_.stop();
    thread_.join();
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v2"; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace

TEST_CASE("The canary key appears in no log, message, archive, report or --json output", "[security][secrets][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off", "--environments", "2", "--api-key", kCanary});
  TempDir dir;
  const std::string key_file = dir / "key";
  {
    std::ofstream(key_file) << kCanary << "\n";
    std::filesystem::permissions(key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  const std::map<std::string, std::string> by_env = {{"KONTENT_API_KEY", kCanary}};
  const std::map<std::string, std::string> no_env = {{"KONTENT_API_KEY", ""}};
  auto with = [&](std::vector<std::string> args, std::size_t environment, bool key_file_too) {
    for (const auto& a : emu.ConnectionArgs(environment)) args.push_back(a);
    args.insert(args.end(), {"--rate-limit", "off"});  // as the emulator
    if (key_file_too) args.insert(args.end(), {"--api-key-file", key_file});
    return args;
  };
  std::vector<Output> outputs;

  auto exported =
      RunKbulk(with({"export", "-o", dir / "by-env.tar", "--compression", "none", "-v", "--json"}, 0, false), by_env);
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);
  Collect(outputs, "export (key by environment)", exported);

  auto by_file = RunKbulk(
      with({"export", "-o", dir / "by-file.tar", "--compression", "none", "--verbose", "--json"}, 0, true), no_env);
  INFO(by_file.err);
  REQUIRE(by_file.exit_code == 0);
  CHECK(by_file.err.find("warning: the API key file") == std::string::npos);  // 0600: no warning
  Collect(outputs, "export (key file)", by_file);

  auto imported = RunKbulk(
      with({"import", dir / "by-env.tar", "-v", "--json", "--report", dir / "report.ndjson"}, 1, true), no_env);
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  Collect(outputs, "import", imported);

  auto reexported =
      RunKbulk(with({"export", "-o", dir / "after-import.tar", "--compression", "none", "-v"}, 1, false), by_env);
  REQUIRE(reexported.exit_code == 0);
  Collect(outputs, "export after import", reexported);

  auto info = RunKbulk(with({"env", "info", "-v", "--json"}, 0, true), no_env);
  REQUIRE(info.exit_code == 0);
  Collect(outputs, "env info", info);

  auto clone = RunKbulk(with({"env", "clone", "--name", "Canary copy", "-v", "--json"}, 0, false), by_env);
  INFO(clone.err);
  REQUIRE(clone.exit_code == 0);
  CHECK(clone.out.find("<redacted") != std::string::npos);  // the emulator returns the key: redacted
  Collect(outputs, "env clone", clone);

  // A key file its group and others can read still works, with a warning (which names no key).
  const std::string shared_key = dir / "shared-key";
  std::ofstream(shared_key) << kCanary << "\n";
  std::filesystem::permissions(shared_key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                               std::filesystem::perms::group_read |
                                               std::filesystem::perms::others_read);
  auto shared = RunKbulk({"env", "info", "--api-key-file", shared_key, "--base-url", emu.base_url(), "--environment-id",
                          emu.environment_id()},
                         no_env);
  INFO(shared.err);
  CHECK(shared.exit_code == 0);
  CHECK(shared.err.find("warning: the API key file " + shared_key + " is accessible by its group or others") !=
        std::string::npos);
  CHECK(shared.err.find("mode 0644") != std::string::npos);
  Collect(outputs, "env info (shared key file)", shared);

  {
    EchoServer echo;
    auto rejected =
        RunKbulk({"env", "info", "-v", "--json", "--base-url", echo.base_url(), "--environment-id", kEchoJson}, by_env);
    CHECK(rejected.exit_code == 4);
    CHECK(rejected.err.find("HTTP 401") != std::string::npos);
    CHECK(rejected.err.find("<redacted>") != std::string::npos);  // the echoed text is shown, scrubbed
    Collect(outputs, "env info (error body echoes the key)", rejected);

    auto html = RunKbulk(
        {"env", "info", "-v", "--base-url", echo.base_url(), "--environment-id", kEchoHtml, "--api-key-file", key_file},
        no_env);
    CHECK(html.exit_code != 0);
    CHECK(html.err.find("HTTP 400") != std::string::npos);
    Collect(outputs, "env info (HTML error body echoes the key)", html);

    auto odd_clone = RunKbulk(
        {"env", "clone", "--name", "x", "--base-url", echo.base_url(), "--environment-id", kEchoJson, "-v", "--json"},
        by_env);
    INFO(odd_clone.err);
    CHECK(odd_clone.exit_code == 0);
    CHECK(odd_clone.out.find("11111111-2222-4333-8444-555555555555") != std::string::npos);  // the id is kept
    CHECK(odd_clone.out.find("\"count\":3") != std::string::npos);
    Collect(outputs, "env clone (key in unknown shapes)", odd_clone);
  }

  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().string();
    if (path == key_file || path == shared_key) continue;
    outputs.push_back({path, ReadFileBytes(path)});
  }
  REQUIRE(outputs.size() >= 20);
  for (const Output& o : outputs) {
    INFO(o.name);
    CHECK(o.bytes.find(kCanaryCore) == std::string::npos);
  }
  // The outputs are not trivially empty: the archives hold the sample environment.
  CHECK(ReadFileBytes(dir / "by-env.tar").find("kbulk.index.json") != std::string::npos);

  // Owner-only: the import's report.
  CHECK(ModeOf(dir / "report.ndjson") == 0600u);
}

TEST_CASE("Archives are created owner-only", "[security][secrets][e2e]") {
  // The archive is written through formats/output_file.cc and formats/temp_files.cc (owner-only).
  Emulator emu({"--seed", "empty", "--rate-limit", "off"});
  TempDir dir;
  std::vector<std::string> args = {"export", "-o", dir / "a.tar.zst"};
  for (const auto& a : emu.ConnectionArgs()) args.push_back(a);
  args.insert(args.end(), {"--rate-limit", "off"});
  auto run = RunKbulk(args, emu.ConnectionEnv());
  REQUIRE(run.exit_code == 0);
  CHECK(ModeOf(dir / "a.tar.zst") == 0600u);
}
