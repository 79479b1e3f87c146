// The canary, continued: the files and outputs the first canary test cannot see. An import interrupted
// part-way (a real SIGINT while the emulator's latency keeps it busy) leaves its journal: the journal is
// grepped and must be owner-only, and the resumed import's outputs too. Then the feeds: `kbulk feed
// export` (file and standard output, --json), `kbulk feed import` with a bad row (--rejected file and
// --json), and the offline readers' --json (verify, inspect, diff) and an import's --dry-run --json. Every
// stream and file is searched for the key; every file that holds content is owner-only.
#include <signal.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/resume/resume_support.h"

using namespace kbulk::testing;

namespace {

const std::string kCanary = "kbulk-canary-0c4f8e2a6b1d4f7e9a3c5e7b1d9f2a4c";
const std::string kCanaryCore = "0c4f8e2a6b1d4f7e";

struct Output {
  std::string name;
  std::string bytes;
};

unsigned ModeOf(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777u;
}

void Collect(std::vector<Output>& outputs, const std::string& what, const ProcessResult& run) {
  outputs.push_back({what + " (stdout)", run.out});
  outputs.push_back({what + " (stderr)", run.err});
}

// Rows of the sample seed's `article` type: two good edits, three bad rows (a number, a term, an item).
const char* kFeed =
    "codename,language,title,reading_time,topics,related\r\n"
    "brewing_basics,de-DE,Gut,4,brewing,\r\n"
    "espresso_recipe,en-US,Bad number,\"12,5\",brewing,\r\n"
    "on_roasts,en-US,Bad term,7,\"roasting,no_such_term\",brewing_basics\r\n"
    "tea_overview,en-US,Tea overview,3.5,brewing,nobody\r\n";

}  // namespace

TEST_CASE("The canary key appears in no journal, feed, rejected rows or --json output, all owner-only",
          "[security][secrets][e2e]") {
  // Latency keeps the import long enough to be interrupted between its model and its content.
  Emulator emu(
      {"--seed", "sample", "--rate-limit", "off", "--environments", "2", "--api-key", kCanary, "--latency-ms", "15"});
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

  const std::string archive = dir / "a.tar";
  auto exported = RunKbulk(with({"export", "-o", archive, "--compression", "none", "--json"}, 0, false), by_env);
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);
  Collect(outputs, "export", exported);

  // The import, interrupted once its model is written: the journal stays, owner-only.
  const std::string journal = archive + ".kbulk-journal";
  std::filesystem::create_directories(dir / "child");
  {
    KbulkChild child(with({"import", archive, "-v", "--json", "--report", dir / "report.ndjson"}, 1, true), no_env,
                     dir / "child");
    REQUIRE(WaitFor(child, [&] {
      return std::filesystem::exists(journal) && ReadFileBytes(journal).find("\"model\"") != std::string::npos;
    }));
    child.Signal(SIGINT);
    CHECK(child.Wait() == 130);
    INFO(child.err());
    CHECK(child.err().find("--resume") != std::string::npos);
    outputs.push_back({"interrupted import (stdout)", child.out()});
    outputs.push_back({"interrupted import (stderr)", child.err()});
  }
  REQUIRE(std::filesystem::exists(journal));
  CHECK(ModeOf(journal) == 0600u);
  const std::string journal_text = ReadFileBytes(journal);
  CHECK(journal_text.find(emu.environment_id(1)) != std::string::npos);  // the target, not the key
  outputs.push_back({"journal of the interrupted import", journal_text});
  if (std::filesystem::exists(dir / "report.ndjson")) CHECK(ModeOf(dir / "report.ndjson") == 0600u);

  auto resumed = RunKbulk(
      with({"import", archive, "--resume", "-v", "--json", "--report", dir / "report-resumed.ndjson"}, 1, true),
      no_env);
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(journal));
  Collect(outputs, "resumed import", resumed);
  CHECK(ModeOf(dir / "report-resumed.ndjson") == 0600u);

  auto dry = RunKbulk(with({"import", archive, "--dry-run", "--json", "-v"}, 1, false), by_env);
  INFO(dry.err);
  REQUIRE(dry.exit_code == 0);
  Collect(outputs, "import --dry-run", dry);

  // Feeds from the API: to a file and to standard output, with --json summaries.
  const std::string feed = dir / "article.csv";
  auto feed_file = RunKbulk(with({"feed", "export", "--type", "article", "-o", feed, "--json", "-v"}, 0, true), no_env);
  INFO(feed_file.err);
  REQUIRE(feed_file.exit_code == 0);
  Collect(outputs, "feed export to a file", feed_file);
  CHECK(ModeOf(feed) == 0600u);
  CHECK(ReadFileBytes(feed).find("brewing_basics") != std::string::npos);

  auto feed_out =
      RunKbulk(with({"feed", "export", "--type", "article", "--format", "ndjson", "--json"}, 0, false), by_env);
  INFO(feed_out.err);
  REQUIRE(feed_out.exit_code == 0);
  CHECK(feed_out.out.find("brewing_basics") != std::string::npos);
  Collect(outputs, "feed export to stdout", feed_out);

  // A feed import with bad rows: the rejected rows file and the --json problems.
  const std::string input = dir / "edits.csv", rejected = dir / "rejected.csv";
  std::ofstream(input) << kFeed;
  auto feed_in = RunKbulk(
      with({"feed", "import", input, "--type", "article", "--rejected", rejected, "--json", "-v"}, 0, true), no_env);
  INFO(feed_in.err);
  CHECK(feed_in.exit_code == 3);
  Collect(outputs, "feed import", feed_in);
  REQUIRE(std::filesystem::exists(rejected));
  CHECK(ReadFileBytes(rejected).find("no_such_term") != std::string::npos);
  CHECK(ModeOf(rejected) == 0600u);

  // The offline readers' --json (no key involved, but they print what the archive holds).
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"verify", archive, "--json"}, std::vector<std::string>{"inspect", archive, "--json"},
        std::vector<std::string>{"diff", archive, archive, "--json"}}) {
    auto run = RunKbulk(args, by_env);
    INFO(args[0] << ": " << run.err);
    CHECK(run.exit_code == 0);
    CHECK_FALSE(run.out.empty());
    Collect(outputs, args[0] + " --json", run);
  }

  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    if (!entry.is_regular_file() || entry.path().string() == key_file) continue;
    outputs.push_back({entry.path().string(), ReadFileBytes(entry.path().string())});
  }
  REQUIRE(outputs.size() >= 24);
  for (const Output& o : outputs) {
    INFO(o.name);
    CHECK(o.bytes.find(kCanaryCore) == std::string::npos);
  }
}
