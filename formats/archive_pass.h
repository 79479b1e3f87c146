// One reading pass over a kbulk archive stream: libarchive's tar reader over our decompressing source,
// with the per-entry safety, order and integrity checks. Internal to formats/ (used by ArchiveReader).
#pragma once

#include "formats/archive_reader.h"

namespace kbulk::formats {

Result<ReadSummary> RunArchivePass(ByteSource& raw, const ReaderLimits& limits, ArchiveVisitor& visitor,
                                   const ArchiveIndex* expected);

}  // namespace kbulk::formats
