// kbulk's entry point: builds the command table into CLI11 and maps outcomes to exit codes.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <iostream>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "core/version.h"

int main(int argc, char** argv) {
  // A file-size limit (RLIMIT_FSIZE) makes write() fail with EFBIG instead of killing the process, so the
  // error is reported, temporary files are removed and no half archive is left behind.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{
      "kbulk: move Kontent.ai environments in and out of archives, copy content between projects, "
      "and turn content into feeds and back."};
  app.name("kbulk");
  app.set_version_flag("--version", std::string("kbulk ") + KBULK_VERSION + " (" + KBULK_GIT_COMMIT + ")");
  app.require_subcommand(1);

  auto& table = kbulk::cli::CommandTable();
  std::sort(table.begin(), table.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  for (auto& command : table) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    command.setup(*sub);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kbulk::cli::kExitOk : kbulk::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "kbulk: internal error: " << e.what() << "\n";
    return kbulk::cli::kExitFatal;
  }
  return kbulk::cli::RanExitCode();
}
