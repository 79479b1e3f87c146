// `kbulk verify` and `kbulk inspect` for data-ops backups: what can be checked offline in a zip that has no
// checksums of its own: every entry's data (zip CRC, sizes), JSON well-formed element by element, every
// asset's binary present, and, with a RecordCheck (content::ReferenceClosure), every reference content
// makes resolved inside the backup. The summary's index lists every entry with its size, record count and
// SHA-256 (computed while reading), and totals per kind.
#pragma once

#include <string>

#include "formats/archive_verifier.h"

namespace kbulk::formats {

VerifyReport VerifyDataOpsBackup(const std::string& path, const VerifyOptions& options);
Result<ReadSummary> InspectDataOpsBackup(const std::string& path, const ReaderLimits& limits);

// `kbulk inspect`'s text for a data-ops backup: format, data-ops version, time, source environment, sizes,
// counts and bytes per kind, and what a data-ops backup does not hold that a kbulk archive would.
std::string DescribeDataOpsBackup(const std::string& path, const ReadSummary& summary);

}  // namespace kbulk::formats
