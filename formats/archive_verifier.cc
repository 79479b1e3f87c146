// VerifyArchive and InspectArchive: a reader pass with a visitor feeding the reference closure.
#include "formats/archive_verifier.h"

namespace kbulk::formats {
namespace {

class ClosureVisitor final : public ArchiveVisitor {
 public:
  ClosureVisitor(ReferenceClosure& closure, std::vector<std::string>& warnings)
      : closure_(closure), warnings_(warnings) {}
  Status OnRecord(const EntryInfo& info, std::uint64_t number, std::string_view json) override {
    if (!info.entity) return Status::Ok();
    Status s = closure_.OnRecord(*info.entity, json);
    if (!s.ok()) return s.WithContext(Cat("entry '", info.path, "' record ", std::to_string(number)));
    return Status::Ok();
  }
  Status OnBlob(const EntryInfo&, std::string_view sha256_hex, ByteSource&) override {
    closure_.OnBlob(sha256_hex);
    return Status::Ok();
  }
  void OnWarning(std::string_view warning) override { warnings_.emplace_back(warning); }

 private:
  ReferenceClosure& closure_;
  std::vector<std::string>& warnings_;
};

class WarningVisitor final : public ArchiveVisitor {};

}  // namespace

VerifyReport VerifyArchive(const std::string& path, const VerifyOptions& options) {
  VerifyReport report;
  ReferenceClosure closure(options.rich_text, options.max_dangling_kept);
  ClosureVisitor visitor(closure, report.warnings);
  ReaderOptions reader_options;
  reader_options.limits = options.limits;
  reader_options.verify_first = false;
  auto summary = ArchiveReader(reader_options).Read(path, visitor);
  if (!summary.ok()) {
    report.integrity = summary.status();
    return report;
  }
  report.summary = std::move(summary).value();
  report.dangling_count = closure.dangling_count();
  report.dangling = closure.dangling();
  return report;
}

Result<ReadSummary> InspectArchive(const std::string& path, const ReaderLimits& limits) {
  WarningVisitor visitor;
  ReaderOptions reader_options;
  reader_options.limits = limits;
  reader_options.verify_first = false;
  return ArchiveReader(reader_options).Read(path, visitor);
}

}  // namespace kbulk::formats
