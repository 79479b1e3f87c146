// `kbulk feed`: a content type's variants as CSV / JSON / NDJSON and back (docs/feeds.md).
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/feed_commands.h"

namespace kbulk::cli {
namespace {

const Registration registration({"feed", "Export a content type's items as CSV/JSON/NDJSON, or import such a feed", 50,
                                 [](CLI::App& app) {
                                   app.require_subcommand(1);
                                   SetupFeedExport(app);
                                   SetupFeedImport(app);
                                 }});

}  // namespace
}  // namespace kbulk::cli
