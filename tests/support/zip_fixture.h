// The data-ops backup fixtures (tests/fixtures/data-ops/*.zip) as tests read them: every entry in memory
// (the fixtures are small) and one entry's JSON objects. Failures throw std::runtime_error naming the file
// or entry, which Catch reports as the test's failure.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kbulk::testing {

// Entry path -> content, for every entry of the zip at `path`.
std::map<std::string, std::string> ReadZip(const std::string& path);

// The objects of entry `name` as JSON texts: each element of a top-level array, or the document itself;
// none when the zip has no such entry.
std::vector<std::string> JsonObjects(const std::map<std::string, std::string>& files, const std::string& name);

}  // namespace kbulk::testing
