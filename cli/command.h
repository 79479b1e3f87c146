// The command table: each cli/cmd_*.cc registers one top-level command with a static Registration.
// Commands only parse arguments, call a module and render its results; no pipeline logic lives here.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace kbulk::cli {

struct Command {
  std::string name;
  std::string summary;
  int order;                             // position in --help
  std::function<void(CLI::App&)> setup;  // adds options and sets the callback on the subcommand
};

std::vector<Command>& CommandTable();

struct Registration {
  explicit Registration(Command command) { CommandTable().push_back(std::move(command)); }
};

// Options every command accepts.
struct CommonOptions {
  bool verbose = false;
  bool quiet = false;
  bool json = false;
};
void AddCommonOptions(CLI::App& app, CommonOptions& options);

// A command's body: returns the exit code (cli/exit_codes.h). SetRun makes it the callback of `app`; main
// returns what it returned (RanExitCode). Commands keep their options in a struct owned by the callback.
void SetRun(CLI::App& app, std::function<int()> run);
int RanExitCode();  // kExitOk when no command ran

}  // namespace kbulk::cli
