// Reads a whole (small, test-sized) archive into memory for assertions: records by entry, blobs by hash.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kbulk::testing {

struct ArchiveContent {
  std::map<std::string, std::vector<std::string>> records;  // entry path -> records
  std::map<std::string, std::string> blobs;                 // sha256 -> bytes
  std::vector<std::string> entries;                         // every entry path in order

  // Records of an entry whose text contains every one of `needles`.
  std::vector<std::string> Find(const std::string& entry, const std::vector<std::string>& needles) const;
  std::size_t Count(const std::string& entry) const;
};

// REQUIREs that the archive reads cleanly.
ArchiveContent ReadArchive(const std::string& path);

}  // namespace kbulk::testing
