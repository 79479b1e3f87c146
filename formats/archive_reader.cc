// ArchiveReader: the verify-first two-pass read (spooling pipes to a temporary file) and the index check.
#include "formats/archive_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>

#include "formats/archive_pass.h"
#include "formats/output_file.h"
#include "formats/temp_files.h"

namespace kbulk::formats {
namespace {

// A read-only view of an open descriptor from its start; the descriptor is owned by the caller.
class RewoundFd final : public ByteSource {
 public:
  explicit RewoundFd(int fd) : fd_(fd) { ::lseek(fd_, 0, SEEK_SET); }
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    for (;;) {
      ssize_t n = ::read(fd_, buffer, capacity);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) return IoError(std::string("reading the archive: ") + std::strerror(errno));
    }
  }

 private:
  int fd_;
};

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

class SilentVisitor final : public ArchiveVisitor {};

// An entry name as an error message shows it: long names (the ones refused for their length) shortened.
std::string ShortName(std::string_view name) {
  constexpr std::size_t kShown = 96;
  if (name.size() <= kShown) return std::string(name);
  return Cat(name.substr(0, kShown), "... (", std::to_string(name.size()), " bytes)");
}

// Applies the name limits (one name, all names together) as entries start, then forwards to `inner`.
class NameLimitVisitor final : public ArchiveVisitor {
 public:
  NameLimitVisitor(const ReaderLimits& limits, ArchiveVisitor& inner) : limits_(limits), inner_(inner) {}

  Status OnManifest(const Manifest& m) override { return inner_.OnManifest(m); }
  Status OnEntryStart(const EntryInfo& info) override {
    if (info.path.size() > limits_.max_entry_name) {
      return Corrupt(Cat("entry '", ShortName(info.path), "': its name is longer than the limit of ",
                         std::to_string(limits_.max_entry_name), " bytes"));
    }
    name_bytes_ += info.path.size();
    if (name_bytes_ > limits_.max_name_bytes) {
      return Corrupt(Cat("entry '", ShortName(info.path), "': the entry names add up to more than the limit of ",
                         std::to_string(limits_.max_name_bytes), " bytes"));
    }
    return inner_.OnEntryStart(info);
  }
  Status OnRecord(const EntryInfo& info, std::uint64_t number, std::string_view json) override {
    return inner_.OnRecord(info, number, json);
  }
  Status OnBlob(const EntryInfo& info, std::string_view sha256_hex, ByteSource& content) override {
    return inner_.OnBlob(info, sha256_hex, content);
  }
  Status OnEntryEnd(const EntryInfo& info, const IndexEntry& entry) override { return inner_.OnEntryEnd(info, entry); }
  Status OnIndex(const ArchiveIndex& index) override { return inner_.OnIndex(index); }
  void OnWarning(std::string_view warning) override { inner_.OnWarning(warning); }

 private:
  const ReaderLimits& limits_;
  ArchiveVisitor& inner_;
  std::uint64_t name_bytes_ = 0;
};

// One pass with the limits the pass itself does not know.
Result<ReadSummary> LimitedPass(ByteSource& source, const ReaderLimits& limits, ArchiveVisitor& visitor,
                                const ArchiveIndex* expected) {
  NameLimitVisitor limited(limits, visitor);
  return RunArchivePass(source, limits, limited, expected);
}

// Copies standard input into an unlinked temporary file so it can be read twice.
Status SpoolStdin(const std::string& dir, const ReaderLimits& limits, Fd& out) {
  KBULK_ASSIGN_OR_RETURN(out.fd, CreateAnonymousTempFile(dir, "standard input spool"));
  KBULK_ASSIGN_OR_RETURN(auto in, OpenFileSource("-"));
  std::string buffer(1 << 20, '\0');
  std::uint64_t total = 0;
  for (;;) {
    KBULK_ASSIGN_OR_RETURN(std::size_t n, in->Read(buffer.data(), buffer.size()));
    if (n == 0) return Status::Ok();
    total += n;
    if (total > limits.max_total_size) return Corrupt("standard input is larger than the archive size limit");
    std::size_t pos = 0;
    while (pos < n) {
      ssize_t w = ::write(out.fd, buffer.data() + pos, n - pos);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return IoError(Cat("writing the spool file: ", std::strerror(errno)));
      pos += static_cast<std::size_t>(w);
    }
  }
}

}  // namespace

Result<ReadSummary> ArchiveReader::ReadStream(ByteSource& source, ArchiveVisitor& visitor,
                                              const ArchiveIndex* expected) {
  return LimitedPass(source, options_.limits, visitor, expected);
}

Result<ReadSummary> ArchiveReader::Read(const std::string& path, ArchiveVisitor& visitor) {
  if (!options_.verify_first) {
    KBULK_ASSIGN_OR_RETURN(auto source, OpenFileSource(path));
    return LimitedPass(*source, options_.limits, visitor, nullptr);
  }
  Fd fd;
  if (path == "-" || !IsSeekableFile(path)) {
    std::string dir = options_.spool_dir;
    if (dir.empty()) {
      const char* tmp = std::getenv("TMPDIR");
      dir = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
    }
    if (path == "-") {
      KBULK_RETURN_IF_ERROR(SpoolStdin(dir, options_.limits, fd));
    } else {
      return Unsupported(Cat("'", path, "' is not a regular file; pipe it to standard input instead"));
    }
  } else {
    fd.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd.fd < 0) return IoError(Cat("cannot open '", path, "': ", std::strerror(errno)));
  }
  SilentVisitor silent;
  RewoundFd first(fd.fd);
  KBULK_ASSIGN_OR_RETURN(ReadSummary verified, LimitedPass(first, options_.limits, silent, nullptr));
  RewoundFd second(fd.fd);
  return LimitedPass(second, options_.limits, visitor, &verified.index);
}

Status CheckAgainstIndex(const std::vector<IndexEntry>& seen, const ArchiveIndex& index) {
  std::map<std::string_view, const IndexEntry*> listed;
  for (const IndexEntry& e : index.entries) listed[e.path] = &e;
  std::map<std::string_view, const IndexEntry*> present;
  for (const IndexEntry& e : seen) present[e.path] = &e;
  for (const IndexEntry& e : index.entries) {
    if (present.count(e.path) == 0) {
      return Corrupt(
          Cat("entry '", e.path, "' is listed in the trailer kbulk.index.json but missing from the archive"));
    }
  }
  for (const IndexEntry& e : seen) {
    auto it = listed.find(e.path);
    if (it == listed.end()) {
      return Corrupt(Cat("entry '", e.path, "' is not listed in the trailer kbulk.index.json (an extra entry)"));
    }
    const IndexEntry& want = *it->second;
    if (want.records != e.records) {
      return Corrupt(Cat("entry '", e.path, "': ", std::to_string(e.records), " records, the trailer says ",
                         std::to_string(want.records)));
    }
    if (want.size != e.size) {
      return Corrupt(
          Cat("entry '", e.path, "': size ", std::to_string(e.size), ", the trailer says ", std::to_string(want.size)));
    }
    if (want.sha256 != e.sha256) return Corrupt(Cat("entry '", e.path, "': SHA-256 differs from the trailer"));
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (seen[i].path != index.entries[i].path) {
      return Corrupt(Cat("entry '", seen[i].path, "' is out of the order the trailer lists"));
    }
  }
  ArchiveIndex recomputed;
  for (const IndexEntry& e : index.entries) {
    auto entity = EntryEntityKind(e.path, ClassifyEntry(e.path));
    recomputed.Add(e, entity ? EntityKindName(*entity) : std::string_view());
  }
  // Totals of kinds this reader does not know (from a newer minor version) are covered by the digest only.
  for (const auto& [kind, total] : index.totals) {
    if (!ParseEntityKind(kind)) continue;
    auto it = recomputed.totals.find(kind);
    if (it == recomputed.totals.end() || !(it->second == total)) {
      return Corrupt(Cat("kbulk.index.json: the totals for '", kind, "' do not match its entries"));
    }
  }
  for (const auto& [kind, total] : recomputed.totals) {
    if (index.totals.count(kind) == 0) return Corrupt(Cat("kbulk.index.json: no totals for '", kind, "'"));
  }
  if (index.ComputeDigest() != index.digest) {
    return Corrupt("kbulk.index.json: its digest does not match its content (the index was altered)");
  }
  return Status::Ok();
}

}  // namespace kbulk::formats
