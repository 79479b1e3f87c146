// `kbulk feed export` and `kbulk feed import`: cli/cmd_feed.cc registers `feed`; each subcommand lives in
// its own file.
#pragma once

namespace CLI {
class App;
}

namespace kbulk::cli {

void SetupFeedExport(CLI::App& feed);  // adds the `export` subcommand to `feed` (cli/cmd_feed_export.cc)
void SetupFeedImport(CLI::App& feed);  // adds the `import` subcommand to `feed` (cli/cmd_feed_import.cc)

}  // namespace kbulk::cli
