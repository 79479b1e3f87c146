// `kbulk feed import` (placeholder until the feed import lands).
#include <CLI/CLI.hpp>

#include "cli/feed_commands.h"

namespace kbulk::cli {

void SetupFeedImport(CLI::App& feed) {
  feed.add_subcommand("import", "Not available yet");
}

}  // namespace kbulk::cli
