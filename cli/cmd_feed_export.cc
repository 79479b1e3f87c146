// `kbulk feed export` (placeholder until the feed export lands).
#include <CLI/CLI.hpp>

#include "cli/feed_commands.h"

namespace kbulk::cli {

void SetupFeedExport(CLI::App& feed) {
  feed.add_subcommand("export", "Not available yet");
}

}  // namespace kbulk::cli
