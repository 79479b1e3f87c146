// VerifyArchive and InspectArchive: a reader pass with a visitor feeding the optional record check.
#include "formats/archive_verifier.h"

namespace kbulk::formats {
namespace {

class ClosureVisitor final : public ArchiveVisitor {
 public:
  ClosureVisitor(RecordCheck* closure, std::vector<std::string>& warnings) : closure_(closure), warnings_(warnings) {}
  Status OnRecord(const EntryInfo& info, std::uint64_t number, std::string_view json) override {
    if (!info.entity || closure_ == nullptr) return Status::Ok();
    Status s = closure_->OnRecord(*info.entity, json);
    if (!s.ok()) return s.WithContext(Cat("entry '", info.path, "' record ", std::to_string(number)));
    return Status::Ok();
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

class WarningVisitor final : public ArchiveVisitor {};

}  // namespace

std::string DanglingReference::ToString() const {
  std::string s = Cat(owner_kind, " '", owner, "'");
  if (!language.empty()) s += Cat(" language '", language, "' (", version, ")");
  return Cat(s, " element '", element, "': ", target_kind, " ", target, " is not in the archive");
}

VerifyReport VerifyArchive(const std::string& path, const VerifyOptions& options) {
  VerifyReport report;
  ClosureVisitor visitor(options.closure, report.warnings);
  ReaderOptions reader_options;
  reader_options.limits = options.limits;
  reader_options.verify_first = false;
  auto summary = ArchiveReader(reader_options).Read(path, visitor);
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

Result<ReadSummary> InspectArchive(const std::string& path, const ReaderLimits& limits) {
  WarningVisitor visitor;
  ReaderOptions reader_options;
  reader_options.limits = limits;
  reader_options.verify_first = false;
  return ArchiveReader(reader_options).Read(path, visitor);
}

}  // namespace kbulk::formats
