#include "importer/dataops_source.h"

#include "formats/dataops_reader.h"

namespace kbulk::importer {

Result<formats::ReadSummary> ReadImportSource(const std::string& path, const formats::ReaderOptions& options,
                                              formats::ArchiveVisitor& visitor) {
  if (formats::IsDataOpsBackup(path)) return formats::DataOpsReader(options).Read(path, visitor);
  return formats::ArchiveReader(options).Read(path, visitor);
}

}  // namespace kbulk::importer
