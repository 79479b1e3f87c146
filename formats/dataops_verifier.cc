#include "formats/dataops_verifier.h"

#include <cstdio>

#include "core/json.h"
#include "formats/dataops_reader.h"

namespace kbulk::formats {
namespace {

class CheckVisitor final : public ArchiveVisitor {
 public:
  CheckVisitor(RecordCheck* closure, std::vector<std::string>& warnings) : closure_(closure), warnings_(warnings) {}
  Status OnRecord(const EntryInfo& info, std::uint64_t number, std::string_view json) override {
    if (!info.entity || closure_ == nullptr) return Status::Ok();
    return closure_->OnRecord(*info.entity, json)
        .WithContext(Cat("zip entry '", info.path, "' element ", std::to_string(number)));
  }
  Status OnBlob(const EntryInfo&, std::string_view sha256_hex, ByteSource&) override {
    if (closure_ != nullptr) closure_->OnBlob(sha256_hex);
    return Status::Ok();
  }
  void OnWarning(std::string_view warning) override { warnings_.emplace_back(warning); }

 private:
  RecordCheck* closure_;
  std::vector<std::string>& warnings_;
};

}  // namespace

VerifyReport VerifyDataOpsBackup(const std::string& path, const VerifyOptions& options) {
  VerifyReport report;
  CheckVisitor visitor(options.closure, report.warnings);
  ReaderOptions reader_options;
  reader_options.limits = options.limits;
  auto summary = DataOpsReader(reader_options).Read(path, visitor);
  if (!summary.ok()) {
    report.integrity = summary.status();
    return report;
  }
  report.summary = std::move(summary).value();
  if (options.closure != nullptr) {
    report.dangling_count = options.closure->dangling_count();
    report.dangling = options.closure->dangling();
  }
  return report;
}

Result<ReadSummary> InspectDataOpsBackup(const std::string& path, const ReaderLimits& limits) {
  std::vector<std::string> warnings;
  CheckVisitor visitor(nullptr, warnings);
  ReaderOptions reader_options;
  reader_options.limits = limits;
  return DataOpsReader(reader_options).Read(path, visitor);
}

namespace {

// Text from the zip, with control characters shown as '?' (a terminal must not act on them).
std::string Printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

}  // namespace

std::string DescribeDataOpsBackup(const std::string& path, const ReadSummary& summary) {
  std::string environment;
  if (auto manifest = ParseJson(summary.manifest.raw); manifest.ok()) {
    if (const JsonValue* source = Member(*manifest, "source")) {
      environment = std::string(StringMember(*source, "environment_id").value_or(""));
    }
  }
  std::string out =
      Cat("archive:      ", path, "\n", "format:       data-ops backup (zip), version ",
          Printable(summary.manifest.format_version), "\n", "created at:   ", Printable(summary.manifest.created_at),
          "\n", "source:       environment ", Printable(environment), "\n",
          "size:         ", std::to_string(summary.compressed_bytes), " bytes for ", std::to_string(summary.tar_bytes),
          " uncompressed\n", "entries:      ", std::to_string(summary.index.entries.size()), "\n");
  for (const auto& [kind, total] : summary.index.totals) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-22s %10llu records %14llu bytes\n", kind.c_str(),
                  static_cast<unsigned long long>(total.records), static_cast<unsigned long long>(total.bytes));
    out += line;
  }
  out +=
      "not in a data-ops backup: published versions under a newer draft, asset renditions, legacy webhooks, "
      "the environment's name\n";
  return out;
}

}  // namespace kbulk::formats
