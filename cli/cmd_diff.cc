// `kbulk diff A B`: semantic comparison of two archives (ids ignored); exit 1 when they differ.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/printable.h"
#include "cli/reader_limit_flags.h"
#include "diff/archive_diff.h"

namespace kbulk::cli {
namespace {

struct DiffCommand {
  CommonOptions options;
  std::string path_a, path_b;
  std::size_t max_listed = 50;
  formats::ReaderLimits limits;
};

int Run(const DiffCommand& command) {
  const CommonOptions& options = command.options;
  diff::DiffOptions diff_options;
  diff_options.max_listed = command.max_listed;
  diff_options.limits = command.limits;
  auto report = diff::DiffArchives(command.path_a, command.path_b, diff_options);
  if (!report.ok()) {
    std::cerr << "kbulk diff: " << Printable(report.status().ToString()) << "\n";
    return report.status().code() == StatusCode::kCorrupt ? kExitCorrupt : kExitFatal;
  }
  if (options.json) {
    std::cout << report->ToJson() << "\n";
  } else if (!options.quiet) {
    if (report->identical()) {
      std::cout << "identical: " << report->objects_a << " objects\n";
    } else {
      auto print = [](std::string_view label, const std::vector<std::string>& keys, std::uint64_t count) {
        for (const auto& k : keys) std::cout << label << Printable(k) << "\n";
        if (count > keys.size()) std::cout << label << "... and " << (count - keys.size()) << " more\n";
      };
      print("only in A: ", report->only_in_a, report->only_in_a_count);
      print("only in B: ", report->only_in_b, report->only_in_b_count);
      print("different: ", report->different, report->different_count);
      std::cout << "different: " << report->only_in_a_count << " only in A, " << report->only_in_b_count
                << " only in B, " << report->different_count << " changed\n";
    }
  }
  return report->identical() ? kExitOk : kExitNegative;
}

void Setup(CLI::App& app) {
  auto command = std::make_shared<DiffCommand>();
  AddCommonOptions(app, command->options);
  app.add_option("A", command->path_a, "First archive")->required();
  app.add_option("B", command->path_b, "Second archive")->required();
  app.add_option("--max-listed", command->max_listed, "Differences listed per category (counts are always complete)");
  AddReaderLimitFlags(app, command->limits);
  SetRun(app, [command] { return Run(*command); });
}

const Registration registration({"diff", "Compare two archives object by object, ids ignored (exit 1 if different)", 40,
                                 Setup});

}  // namespace
}  // namespace kbulk::cli
