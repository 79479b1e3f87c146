// Whole-archive reader for test assertions.
#include "archive_content.h"

#include <catch2/catch.hpp>

#include "formats/archive_reader.h"

namespace kbulk::testing {
namespace {

class Collector final : public formats::ArchiveVisitor {
 public:
  explicit Collector(ArchiveContent& content) : content_(content) {}
  Status OnEntryStart(const formats::EntryInfo& entry) override {
    content_.entries.push_back(entry.path);
    return Status::Ok();
  }
  Status OnRecord(const formats::EntryInfo& entry, std::uint64_t, std::string_view json) override {
    content_.records[entry.path].emplace_back(json);
    return Status::Ok();
  }
  Status OnBlob(const formats::EntryInfo&, std::string_view sha256, formats::ByteSource& source) override {
    std::string bytes;
    char buffer[65536];
    for (;;) {
      auto n = source.Read(buffer, sizeof buffer);
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      bytes.append(buffer, *n);
    }
    content_.blobs[std::string(sha256)] = std::move(bytes);
    return Status::Ok();
  }

 private:
  ArchiveContent& content_;
};

}  // namespace

std::vector<std::string> ArchiveContent::Find(const std::string& entry, const std::vector<std::string>& needles) const {
  std::vector<std::string> out;
  auto it = records.find(entry);
  if (it == records.end()) return out;
  for (const auto& record : it->second) {
    bool all = true;
    for (const auto& n : needles) all = all && record.find(n) != std::string::npos;
    if (all) out.push_back(record);
  }
  return out;
}

std::size_t ArchiveContent::Count(const std::string& entry) const {
  auto it = records.find(entry);
  return it == records.end() ? 0 : it->second.size();
}

ArchiveContent ReadArchive(const std::string& path) {
  ArchiveContent content;
  Collector collector(content);
  formats::ArchiveReader reader(formats::ReaderOptions{});
  auto summary = reader.Read(path, collector);
  INFO(summary.status().ToString());
  REQUIRE(summary.ok());
  return content;
}

}  // namespace kbulk::testing
