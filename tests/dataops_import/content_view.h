// What a data-ops zip or a kbulk archive holds, keyed by codename so two environments compare although
// their ids differ: model codenames per kind, items with their type, every variant's workflow step, every
// asset's binary hash.
#pragma once

#include <map>
#include <set>
#include <string>

namespace kbulk::testing {

struct ContentView {
  std::map<std::string, std::set<std::string>> model;  // "content_types" -> codenames ("terms", "steps" too)
  std::map<std::string, std::string> items;            // codename -> type codename
  std::map<std::string, std::string> variants;         // "item/language" -> workflow step codename
  std::map<std::string, std::string> assets;           // codename -> sha256 of the binary
};

// Reads a data-ops zip (formats::DataOpsReader) or a kbulk archive (formats::ArchiveReader); throws on error.
ContentView ReadContentView(const std::string& path);

}  // namespace kbulk::testing
