// Builds data-ops zips for tests: a fixture's entries, some changed, removed or cut short.
#pragma once

#include <map>
#include <string>

namespace kbulk::testing {

// Writes `files` (entry path -> content) as a zip at `path` (deflated, like data-ops writes them).
void WriteZip(const std::map<std::string, std::string>& files, const std::string& path);

// Copies the first `bytes` bytes of `from` to `to`.
void WriteTruncated(const std::string& from, const std::string& to, std::size_t bytes);

}  // namespace kbulk::testing
