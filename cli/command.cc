// The command table and the options shared by every command.
#include "cli/command.h"

#include <CLI/CLI.hpp>

namespace kbulk::cli {

std::vector<Command>& CommandTable() {
  static std::vector<Command> table;
  return table;
}

void AddCommonOptions(CLI::App& app, CommonOptions& options) {
  app.add_flag("-v,--verbose", options.verbose, "Print more detail (debug log lines) on stderr");
  app.add_flag("-q,--quiet", options.quiet, "Print only errors on stderr");
  app.add_flag("--json", options.json, "Print a machine-readable summary on stdout");
}

namespace {
int ran_exit_code = 0;
}  // namespace

void SetRun(CLI::App& app, std::function<int()> run) {
  app.callback([run = std::move(run)] { ran_exit_code = run(); });
}

int RanExitCode() {
  return ran_exit_code;
}

}  // namespace kbulk::cli
