// Golden tests for every `--help`: the commands are discovered from the program's own help (the
// "Subcommands:" lists that CLI11 builds from the command table), so a new command or subcommand without a
// golden file fails here, and a golden file of a command that no longer exists fails too.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "tests/cli_golden/golden.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk::testing;

namespace {

// The help of `path` (command words), run with a narrow and a wide terminal: CLI11 formats to a fixed
// column width and never reads $COLUMNS, which this checks.
std::string Help(const std::vector<std::string>& path) {
  std::vector<std::string> args = path;
  args.push_back("--help");
  ProcessResult narrow = RunKbulk(args, {{"COLUMNS", "20"}, {"LINES", "5"}});
  ProcessResult wide = RunKbulk(args, {{"COLUMNS", "500"}, {"LINES", "200"}});
  INFO("kbulk " << [&] {
    std::string s;
    for (const auto& w : path) s += w + " ";
    return s;
  }() << "--help");
  INFO(narrow.err);
  REQUIRE(narrow.exit_code == 0);
  REQUIRE(wide.exit_code == 0);
  REQUIRE(narrow.err.empty());
  CHECK(narrow.out == wide.out);
  return narrow.out;
}

// The words listed under "Subcommands:" in a help text.
std::vector<std::string> Subcommands(const std::string& help) {
  std::vector<std::string> words;
  std::istringstream lines(help);
  std::string line;
  bool in_list = false;
  while (std::getline(lines, line)) {
    if (line == "Subcommands:") {
      in_list = true;
    } else if (in_list && line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ') {
      words.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (in_list && !line.empty() && line[0] != ' ') {
      in_list = false;
    }
  }
  return words;
}

// "kbulk.txt", "kbulk-env-clone.txt", ...
std::string GoldenName(const std::vector<std::string>& path) {
  std::string name = "kbulk";
  for (const auto& word : path) name += "-" + word;
  return name + ".txt";
}

struct HelpText {
  std::vector<std::string> path;
  std::string text;
};

void Walk(const std::vector<std::string>& path, std::vector<HelpText>& out) {
  out.push_back({path, Help(path)});
  for (const auto& word : Subcommands(out.back().text)) {
    std::vector<std::string> next = path;
    next.push_back(word);
    Walk(next, out);
  }
}

}  // namespace

TEST_CASE("every kbulk --help matches its golden file", "[cli][golden]") {
  std::vector<HelpText> commands;
  Walk({}, commands);
  // The top level and each of its commands at least: a broken discovery must not pass with nothing checked.
  REQUIRE(commands.size() >= 1 + Subcommands(commands.front().text).size());
  REQUIRE(commands.size() > 10);
  const std::string dir = GoldenDir("help");
  std::set<std::string> expected;
  for (const auto& command : commands) {
    const std::string name = GoldenName(command.path);
    expected.insert(name);
    const std::string problem = CompareGolden(dir, name, command.text);
    INFO(problem);
    CHECK(problem.empty());
  }
  for (const auto& name : GoldenFiles(dir, ".txt")) {
    INFO("tests/cli_golden/help/" << name << " belongs to no command that `kbulk --help` lists: remove it");
    CHECK(expected.count(name) == 1);
  }
}

TEST_CASE("subcommand discovery reads CLI11's Subcommands list", "[cli][golden]") {
  const std::string help =
      "Usage: kbulk env [OPTIONS] SUBCOMMAND\n\nOptions:\n  -h,--help  Print\n\nSubcommands:\n"
      "  info                        Print the id\n  clone-status                Print the state\n"
      "                              a continued description line\n\nNotes after the list\n";
  CHECK(Subcommands(help) == std::vector<std::string>{"info", "clone-status"});
  CHECK(Subcommands("Usage: kbulk verify [OPTIONS] FILE\n\nOptions:\n  -h,--help  Print\n").empty());
  CHECK(GoldenName({}) == "kbulk.txt");
  CHECK(GoldenName({"feed", "import"}) == "kbulk-feed-import.txt");
}
