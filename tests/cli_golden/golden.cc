// Golden-file comparison and regeneration.
#include "tests/cli_golden/golden.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/kbulk_process.h"

namespace kbulk::testing {
namespace {

std::string FirstDifference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string el, al;
  for (int line = 1;; ++line) {
    bool has_e = static_cast<bool>(std::getline(e, el));
    bool has_a = static_cast<bool>(std::getline(a, al));
    if (!has_e && !has_a) return "they differ only in the final newline";
    if (!has_e || !has_a || el != al) {
      return "line " + std::to_string(line) + ":\n  expected: " + (has_e ? el : "<end of file>") +
             "\n  actual:   " + (has_a ? al : "<end of output>");
    }
  }
}

}  // namespace

std::string GoldenDir(const std::string& subdir) {
  return std::string(KBULK_SOURCE_DIR) + "/tests/cli_golden/" + subdir;
}

bool UpdatingGolden() {
  const char* value = std::getenv("KBULK_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

std::string CompareGolden(const std::string& dir, const std::string& name, const std::string& actual) {
  const std::string path = dir + "/" + name;
  if (UpdatingGolden()) {
    std::filesystem::create_directories(dir);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << actual;
    return out ? std::string() : "cannot write " + path;
  }
  const std::string regenerate =
      "\n(if the change is intended: KBULK_UPDATE_GOLDEN=1 ctest -R cli_golden, then review "
      "`git diff tests/cli_golden`)";
  if (!std::filesystem::exists(path)) return "no golden file " + path + regenerate;
  const std::string expected = ReadFileBytes(path);
  if (expected == actual) return {};
  return path + " differs from the output at " + FirstDifference(expected, actual) + regenerate;
}

std::vector<std::string> GoldenFiles(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace kbulk::testing
