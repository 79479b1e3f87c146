// The reader an import uses for its source: a data-ops backup zip (formats/dataops_reader.h) or a kbulk
// archive (formats/archive_reader.h). Both hand the same visitor the same events in the same order, so the
// importer does not know which it reads.
#pragma once

#include <string>

#include "formats/archive_reader.h"

namespace kbulk::importer {

// Detects the format from the file's first bytes (zip magic); standard input is always a kbulk archive.
Result<formats::ReadSummary> ReadImportSource(const std::string& path, const formats::ReaderOptions& options,
                                              formats::ArchiveVisitor& visitor);

}  // namespace kbulk::importer
