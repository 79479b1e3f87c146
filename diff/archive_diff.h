// Semantic comparison of two kbulk archives with internal ids ignored: every object is keyed by what
// names it across environments (kind and codename, external id, or name), every id inside a record is
// replaced by that key, volatile fields (last_modified, asset urls, file references) are dropped, and the
// canonical result is hashed. Two exports of the same environment, or a source and its restored copy,
// compare equal. Memory grows with the number of objects (one key and one hash each), never with content.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "formats/archive_reader.h"

namespace kbulk::diff {

struct DiffOptions {
  std::size_t max_listed = 200;  // differences listed per category; counts are always complete
  formats::ReaderLimits limits;  // applied to both archives
};

struct DiffReport {
  std::uint64_t objects_a = 0;
  std::uint64_t objects_b = 0;
  std::uint64_t only_in_a_count = 0;
  std::uint64_t only_in_b_count = 0;
  std::uint64_t different_count = 0;
  std::vector<std::string> only_in_a;  // object keys, e.g. "variants:article_1/en/latest"
  std::vector<std::string> only_in_b;
  std::vector<std::string> different;

  bool identical() const { return only_in_a_count == 0 && only_in_b_count == 0 && different_count == 0; }
  std::string ToJson() const;
};

// Reads each archive twice (ids, then records), verifying it as it goes: a damaged archive fails with
// kCorrupt naming the archive and entry.
Result<DiffReport> DiffArchives(const std::string& path_a, const std::string& path_b, const DiffOptions& options);

}  // namespace kbulk::diff
