// Golden tests of the errors a newcomer meets first (issue #15, "Errors that say what to do"): each run's
// exit code and standard error, normalised, must match tests/cli_golden/errors/NAME.txt, and every message
// must end with a "kbulk: hint:" line or say itself what to do.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "importer/journal.h"
#include "tests/cli_golden/golden.h"
#include "tests/hostile/hostile_archives.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk::testing;

namespace {

constexpr const char* kSomeEnvironment = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

// Environment variables that must not leak in from the shell running the tests.
std::map<std::string, std::string> CleanEnv(std::map<std::string, std::string> env = {}) {
  for (const char* name : {"KONTENT_API_KEY", "KONTENT_ENVIRONMENT_ID", "KONTENT_MANAGEMENT_URL"}) {
    env.emplace(name, "");
  }
  return env;
}

// Ports, temporary paths, request ids, timings and the TLS library's own words vary from run to run.
std::string Normalise(std::string text, const TempDir& dir, const Emulator* emu) {
  text = ReplaceAll(text, dir.path(), "TMP");
  if (emu != nullptr) text = ReplaceAll(text, emu->environment_id(), "EMULATOR_ENVIRONMENT_ID");
  text = ReplaceAll(text, KBULK_BINARY, "kbulk");
  const std::pair<const char*, const char*> rules[] = {
      {R"(127\.0\.0\.1:[0-9]+)", "127.0.0.1:PORT"},
      {R"(127\.0\.0\.1 port [0-9]+)", "127.0.0.1 port PORT"},
      {R"(request_id [0-9a-fA-F-]+)", "request_id REQUEST_ID"},
      {R"(after [0-9]+ ms)", "after N ms"},
      {R"(TLS: [^\n]*)", "TLS: <TLS library detail>"},
      {R"(\.tmp\.[0-9]+\.[0-9]+)", ".tmp.PID.N"},
  };
  for (const auto& [pattern, replacement] : rules) text = std::regex_replace(text, std::regex(pattern), replacement);
  return text;
}

std::string CommandLine(const std::vector<std::string>& args) {
  std::string line = "$ kbulk";
  for (const auto& a : args) line += " " + a;
  return line;
}

// Compares one failure with errors/NAME.txt: the command, the exit code, standard error.
void ExpectGolden(const std::string& name, const std::vector<std::string>& args, const ProcessResult& run,
                  const TempDir& dir, int expected_exit, const Emulator* emu = nullptr) {
  INFO(name << ": " << run.err);
  CHECK(run.exit_code == expected_exit);
  CHECK(run.err.rfind("kbulk", 0) == 0);  // the first line names the program
  // Every message says what to do next: in a hint line, or in its own words.
  CHECK((run.err.find("kbulk: hint: ") != std::string::npos || run.err.find(": pass ") != std::string::npos ||
         run.err.find(": set ") != std::string::npos || run.err.find("resume ") != std::string::npos));
  const std::string text =
      Normalise(CommandLine(args) + "\nexit " + std::to_string(run.exit_code) + "\n" + run.err, dir, emu);
  const std::string problem = CompareGolden(GoldenDir("errors"), name + ".txt", text);
  INFO(problem);
  CHECK(problem.empty());
}

ProcessResult Run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                  const std::string& stdout_file = "") {
  return RunKbulk(args, CleanEnv(env), "", stdout_file);
}

// A loopback port nothing listens on: bound, never listened, closed.
int ClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

}  // namespace

TEST_CASE("errors before any request: no key, no environment, nothing listening", "[cli][golden]") {
  TempDir dir;
  const std::string closed = "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/v2";
  const std::vector<std::string> export_args = {"export", "-q", "-o", dir / "x.tar.zst", "--rate-limit", "off"};

  auto args = With(export_args, {"--base-url", closed, "--environment-id", kSomeEnvironment});
  ExpectGolden("missing_key", args, Run(args, {}), dir, 2);

  args = With(export_args, {"--base-url", closed});
  ExpectGolden("missing_environment_id", args, Run(args, {{"KONTENT_API_KEY", "some-key"}}), dir, 2);

  // --retries 0: the default (7 retries with growing pauses) takes most of a minute to give up.
  args = With(export_args, {"--base-url", closed, "--environment-id", kSomeEnvironment, "--retries", "0"});
  ExpectGolden("unreachable_host", args, Run(args, {{"KONTENT_API_KEY", "some-key"}}), dir, 4);
  CHECK_FALSE(std::filesystem::exists(dir / "x.tar.zst"));
}

TEST_CASE("errors from the API and the disk: refused key, unknown environment, TLS, full disk", "[cli][golden]") {
  TempDir dir;
  Emulator emu({"--seed", "empty", "--rate-limit", "off"});
  const std::map<std::string, std::string> key = {{"KONTENT_API_KEY", emu.api_key()}};
  const std::vector<std::string> info = {"env", "info", "-q", "--rate-limit", "off", "--base-url", emu.base_url()};

  auto args = With(info, {"--environment-id", emu.environment_id()});
  ExpectGolden("wrong_key_401", args, Run(args, {{"KONTENT_API_KEY", "not-the-key"}}), dir, 4, &emu);

  args = With(info, {"--environment-id", kSomeEnvironment});
  ExpectGolden("unknown_environment_403", args, Run(args, key), dir, 4, &emu);

  args = With(info, {"--environment-id", "not-a-uuid"});
  ExpectGolden("environment_id_not_uuid", args, Run(args, key), dir, 2, &emu);

  std::string https = emu.base_url();
  https.replace(0, 4, "https");
  args = {"env", "info", "-q", "--rate-limit", "off", "--base-url", https, "--environment-id", emu.environment_id()};
  ExpectGolden("tls_failure", args, Run(args, key), dir, 4, &emu);

  const std::vector<std::string> to_stdout = {"export",
                                              "-q",
                                              "-o",
                                              "-",
                                              "--rate-limit",
                                              "off",
                                              "--base-url",
                                              emu.base_url(),
                                              "--environment-id",
                                              emu.environment_id()};
  ExpectGolden("disk_full_stdout", to_stdout, Run(to_stdout, key, "/dev/full"), dir, 4, &emu);

  // A file-size limit of 1 KiB: the write fails (SIGXFSZ is ignored), and no archive or temporary file stays.
  const std::string out_dir = dir / "out";
  std::filesystem::create_directories(out_dir);
  args = {"export",       "-q",  "-o",         out_dir + "/x.tar", "--compression",    "none",
          "--rate-limit", "off", "--base-url", emu.base_url(),     "--environment-id", emu.environment_id()};
  std::string shell = "ulimit -f 1; KONTENT_API_KEY=" + emu.api_key() + " exec " + KBULK_BINARY;
  for (const auto& a : args) shell += " '" + a + "'";
  ExpectGolden("file_size_limit", args, RunShell(shell), dir, 4, &emu);
  CHECK(std::filesystem::is_empty(out_dir));
}

TEST_CASE("errors from files: an archive of a newer format, a journal of another import", "[cli][golden]") {
  TempDir dir;
  const std::string newer = dir / "newer.tar.zst";
  std::string manifest = kbulk::hostile::Manifest();
  const std::string version = "\"format_version\":\"";
  const std::size_t at = manifest.find(version);
  REQUIRE(at != std::string::npos);
  manifest.replace(at + version.size(), manifest.find('"', at + version.size()) - at - version.size(), "2.0");
  kbulk::hostile::WriteArchive(newer, {{"kbulk.json", manifest}});
  std::vector<std::string> args = {"verify", newer};
  ExpectGolden("newer_format_verify", args, Run(args, {}), dir, 5);

  Emulator emu({"--seed", "empty", "--rate-limit", "off"});
  const std::map<std::string, std::string> key = {{"KONTENT_API_KEY", emu.api_key()}};
  const std::vector<std::string> target = {"--rate-limit",      "off", "--base-url", emu.base_url(), "--environment-id",
                                           emu.environment_id()};
  args = With({"import", "-q", newer}, target);
  // 4 here, 5 from verify: the importer stops on its status code (unsupported), verify reports the archive.
  ExpectGolden("newer_format_import", args, Run(args, key), dir, 4, &emu);

  // An archive of the (empty) environment, and a journal that an import into another environment left.
  const std::string archive = dir / "a.tar.zst";
  auto exported = Run(With({"export", "-q", "-o", archive}, target), key);
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);
  {
    auto journal = kbulk::importer::ImportJournal::Open(
        archive + ".kbulk-journal", kbulk::importer::ImportJournal::Mode::kNew, {kSomeEnvironment, emu.base_url()});
    REQUIRE(journal.ok());
    REQUIRE((*journal)->BindArchive(kbulk::hostile::Manifest(), archive).ok());
  }
  args = With({"import", "-q", "--resume", archive}, target);
  ExpectGolden("journal_of_another_import", args, Run(args, key), dir, 4, &emu);
}
