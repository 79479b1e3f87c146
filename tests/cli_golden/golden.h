// Golden files for the CLI's words: --help texts and error messages, compared byte for byte.
// KBULK_UPDATE_GOLDEN=1 in the environment rewrites the files in the source tree instead of comparing
// (tests/cli_golden/README.md).
#pragma once

#include <string>
#include <vector>

namespace kbulk::testing {

// The folder of golden files `subdir` (e.g. "help") in the source tree.
std::string GoldenDir(const std::string& subdir);

// True when KBULK_UPDATE_GOLDEN=1.
bool UpdatingGolden();

// Compares `actual` with the file `dir/name`; in update mode writes it instead. Returns an empty string
// when they match (or were written), otherwise a message with the first differing line and how to
// regenerate.
std::string CompareGolden(const std::string& dir, const std::string& name, const std::string& actual);

// The names of the regular files in `dir` that end in `suffix`, sorted.
std::vector<std::string> GoldenFiles(const std::string& dir, const std::string& suffix);

// Replaces every occurrence of `from` in `text` with `to`.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to);

}  // namespace kbulk::testing
