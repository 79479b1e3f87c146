// The archive reading pass: header checks, content dispatch, per-entry hashing and the final index check.
#include "formats/archive_pass.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <vector>

#include "core/sha256.h"
#include "formats/archive_writer.h"
#include "formats/record_splitter.h"
#include "formats/tar_attributes.h"

namespace kbulk::formats {
namespace {

constexpr std::size_t kBlock = 256 * 1024;

// Feeds libarchive from the decompressing source and remembers the last 1024 bytes of the tar stream.
struct TarInput {
  DecompressingSource* source = nullptr;
  std::string buffer = std::string(kBlock, '\0');
  std::string tail;  // last <= 1024 bytes seen
  Status error;

  void Remember(const char* data, std::size_t n) {
    if (n >= 1024) {
      tail.assign(data + n - 1024, 1024);
    } else {
      tail.append(data, n);
      if (tail.size() > 1024) tail.erase(0, tail.size() - 1024);
    }
  }
  static la_ssize_t ReadCb(struct archive* a, void* self, const void** out) {
    TarInput* in = static_cast<TarInput*>(self);
    auto n = in->source->Read(in->buffer.data(), in->buffer.size());
    if (!n.ok()) {
      in->error = n.status();
      archive_set_error(a, EIO, "%s", n.status().message().c_str());
      return -1;
    }
    in->Remember(in->buffer.data(), *n);
    *out = in->buffer.data();
    return static_cast<la_ssize_t>(*n);
  }
};

// An entry's data as a ByteSource that hashes and counts everything read through it.
class EntryData final : public ByteSource {
 public:
  EntryData(struct archive* a, TarInput& input, const std::string& path) : a_(a), input_(input), path_(path) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    la_ssize_t n = archive_read_data(a_, buffer, capacity);
    if (n < 0) {
      if (!input_.error.ok()) return input_.error.WithContext(Cat("entry '", path_, "'"));
      const char* m = archive_error_string(a_);
      return Corrupt(Cat("entry '", path_, "': ", m != nullptr ? m : "damaged tar data"));
    }
    hash_.Update(buffer, static_cast<std::size_t>(n));
    bytes_ += static_cast<std::uint64_t>(n);
    return static_cast<std::size_t>(n);
  }
  Status Drain() {
    std::string scratch(kBlock, '\0');
    for (;;) {
      KBULK_ASSIGN_OR_RETURN(std::size_t n, Read(scratch.data(), scratch.size()));
      if (n == 0) return Status::Ok();
    }
  }
  Result<std::string> ReadAll(std::uint64_t limit, std::string_view what) {
    std::string text;
    std::string chunk(kBlock, '\0');
    for (;;) {
      KBULK_ASSIGN_OR_RETURN(std::size_t n, Read(chunk.data(), chunk.size()));
      if (n == 0) return text;
      if (text.size() + n > limit) {
        return Corrupt(
            Cat("entry '", path_, "': ", what, " is larger than the limit of ", std::to_string(limit), " bytes"));
      }
      text.append(chunk.data(), n);
    }
  }
  std::string FinishHex() { return hash_.FinishHex(); }
  std::uint64_t bytes() const { return bytes_; }

 private:
  struct archive* a_;
  TarInput& input_;
  const std::string& path_;
  Sha256 hash_;
  std::uint64_t bytes_ = 0;
};

struct DeclaredAttributes {
  std::optional<std::string> sha256;
  std::optional<std::uint64_t> records;
};

DeclaredAttributes ReadAttributes(struct archive_entry* entry) {
  DeclaredAttributes d;
  archive_entry_xattr_reset(entry);
  const char* name = nullptr;
  const void* value = nullptr;
  size_t size = 0;
  while (archive_entry_xattr_next(entry, &name, &value, &size) == ARCHIVE_OK) {
    std::string text(static_cast<const char*>(value), size);
    if (std::strcmp(name, kAttrSha256) == 0) d.sha256 = text;
    if (std::strcmp(name, kAttrRecords) == 0) {
      try {
        d.records = std::stoull(text);
      } catch (const std::exception&) {
        d.records = UINT64_MAX;  // unparsable: never matches
      }
    }
  }
  return d;
}

Status CheckEntryType(struct archive_entry* entry, const std::string& path) {
  if (archive_entry_hardlink(entry) != nullptr) return Corrupt(Cat("unsafe archive entry '", path, "': hard link"));
  switch (archive_entry_filetype(entry)) {
    case AE_IFREG: return Status::Ok();
    case AE_IFLNK: return Corrupt(Cat("unsafe archive entry '", path, "': symbolic link"));
    case AE_IFDIR: return Corrupt(Cat("unexpected archive entry '", path, "': a directory"));
    case AE_IFCHR:
    case AE_IFBLK: return Corrupt(Cat("unsafe archive entry '", path, "': device file"));
    case AE_IFIFO: return Corrupt(Cat("unsafe archive entry '", path, "': FIFO"));
    default: return Corrupt(Cat("unsafe archive entry '", path, "': not a regular file"));
  }
}

struct PassState {
  const ReaderLimits& limits;
  ArchiveVisitor& visitor;
  const ArchiveIndex* expected;
  ReadSummary summary;
  std::vector<IndexEntry> seen;
  std::set<std::string> paths;
  std::string last_path;
  int last_phase = -1;
  bool have_manifest = false;
  bool have_index = false;
};

Status CheckHeader(PassState& st, const EntryInfo& info, struct archive_entry* entry) {
  const std::string& path = info.path;
  KBULK_RETURN_IF_ERROR(CheckEntryType(entry, path));
  if (st.paths.size() >= st.limits.max_entries) {
    return Corrupt(Cat("entry '", path, "': more than ", std::to_string(st.limits.max_entries), " entries"));
  }
  if (!st.paths.insert(path).second) return Corrupt(Cat("duplicate archive entry '", path, "'"));
  if (!archive_entry_size_is_set(entry)) return Corrupt(Cat("entry '", path, "': no size in its header"));
  if (info.size > st.limits.max_entry_size) {
    return Corrupt(Cat("entry '", path, "': size ", std::to_string(info.size), " exceeds the limit of ",
                       std::to_string(st.limits.max_entry_size), " bytes"));
  }
  if (st.have_index) return Corrupt(Cat("entry '", path, "' follows the trailer kbulk.index.json"));
  if (!st.have_manifest && info.kind != EntryKind::kManifest) {
    return Corrupt(Cat("entry '", path, "' comes before the manifest: kbulk.json must be the first entry"));
  }
  int phase = EntryPhase(info.kind);
  if (phase >= 0 && phase < st.last_phase) {
    return Corrupt(Cat("entry '", path, "' is out of order (it must come before '", st.last_path, "')"));
  }
  if (st.expected != nullptr && info.kind != EntryKind::kIndex) {
    std::size_t i = st.seen.size();
    if (i >= st.expected->entries.size() || st.expected->entries[i].path != path ||
        st.expected->entries[i].size != info.size) {
      return Corrupt(Cat("entry '", path, "' differs from the archive verified before (the file changed)"));
    }
  }
  if (phase >= 0) st.last_phase = phase;
  st.last_path = path;
  return Status::Ok();
}

Status ReadContent(PassState& st, const EntryInfo& info, EntryData& data, std::uint64_t& lines) {
  const std::string& path = info.path;
  switch (info.kind) {
    case EntryKind::kManifest: {
      KBULK_ASSIGN_OR_RETURN(std::string text, data.ReadAll(st.limits.max_record_size, "the manifest"));
      KBULK_ASSIGN_OR_RETURN(st.summary.manifest, ParseManifest(text));
      st.have_manifest = true;
      if (st.summary.manifest.minor > kFormatMinor) {
        st.visitor.OnWarning(Cat("archive format ", st.summary.manifest.format_version, " is newer than this reader (",
                                 kFormatVersion, "): unknown entries and fields are skipped"));
      }
      return st.visitor.OnManifest(st.summary.manifest);
    }
    case EntryKind::kModelDocument: {
      KBULK_ASSIGN_OR_RETURN(std::string text, data.ReadAll(st.limits.max_record_size, "the document"));
      Status valid = CheckJsonObject(text, path, st.limits.max_record_size);
      if (!valid.ok()) return Corrupt(valid.message());
      return st.visitor.OnRecord(info, 1, text);
    }
    case EntryKind::kModelStream:
    case EntryKind::kAssets:
    case EntryKind::kItems:
    case EntryKind::kVariants: {
      RecordSplitter splitter(path, st.limits.max_record_size);
      std::string chunk(kBlock, '\0');
      auto on_line = [&](std::uint64_t number, std::string_view line) -> Status {
        Status valid = CheckJsonObject(line, Cat(path, " record ", std::to_string(number)), UINT64_MAX);
        if (!valid.ok()) return Corrupt(Cat("entry '", path, "': ", valid.message()));
        return st.visitor.OnRecord(info, number, line);
      };
      for (;;) {
        KBULK_ASSIGN_OR_RETURN(std::size_t n, data.Read(chunk.data(), chunk.size()));
        if (n == 0) break;
        KBULK_RETURN_IF_ERROR(splitter.Feed(std::string_view(chunk.data(), n), on_line));
      }
      KBULK_RETURN_IF_ERROR(splitter.Finish());
      lines = splitter.records();
      return Status::Ok();
    }
    case EntryKind::kBlob: return st.visitor.OnBlob(info, path.substr(kBlobPrefix.size()), data);
    case EntryKind::kIndex: {
      KBULK_ASSIGN_OR_RETURN(std::string text, data.ReadAll(st.limits.max_index_size, "the index"));
      KBULK_ASSIGN_OR_RETURN(st.summary.index, ArchiveIndex::Parse(text));
      st.have_index = true;
      return Status::Ok();
    }
    case EntryKind::kUnknown: return Status::Ok();
  }
  return Status::Ok();
}

std::uint64_t RecordsOf(const EntryInfo& info, std::uint64_t lines) {
  switch (info.kind) {
    case EntryKind::kBlob:
    case EntryKind::kUnknown: return 0;
    case EntryKind::kManifest:
    case EntryKind::kModelDocument:
    case EntryKind::kIndex: return 1;
    default: return lines;
  }
}

Status FinishEntry(PassState& st, const EntryInfo& info, EntryData& data, const DeclaredAttributes& declared,
                   std::uint64_t lines) {
  const std::string& path = info.path;
  KBULK_RETURN_IF_ERROR(data.Drain());
  if (data.bytes() != info.size) {
    return Corrupt(Cat("entry '", path, "': ", std::to_string(data.bytes()), " bytes instead of ",
                       std::to_string(info.size), " (truncated)"));
  }
  IndexEntry actual{path, info.size, RecordsOf(info, lines), data.FinishHex()};
  if (info.kind == EntryKind::kBlob && actual.sha256 != path.substr(kBlobPrefix.size())) {
    return Corrupt(Cat("entry '", path, "': content does not match its SHA-256 name (got ", actual.sha256, ")"));
  }
  if (declared.sha256 && *declared.sha256 != actual.sha256) {
    return Corrupt(
        Cat("entry '", path, "': SHA-256 mismatch (content ", actual.sha256, ", header ", *declared.sha256, ")"));
  }
  if (declared.records && *declared.records != actual.records && info.kind != EntryKind::kUnknown) {
    return Corrupt(Cat("entry '", path, "': ", std::to_string(actual.records), " records, its header says ",
                       std::to_string(*declared.records)));
  }
  if (st.expected != nullptr && info.kind != EntryKind::kIndex && !(st.expected->entries[st.seen.size()] == actual)) {
    return Corrupt(Cat("entry '", path, "' differs from the archive verified before (the file changed)"));
  }
  if (info.kind != EntryKind::kIndex) st.seen.push_back(actual);
  return st.visitor.OnEntryEnd(info, actual);
}

}  // namespace

Result<ReadSummary> RunArchivePass(ByteSource& raw, const ReaderLimits& limits, ArchiveVisitor& visitor,
                                   const ArchiveIndex* expected) {
  DecompressingSource source(raw, limits.max_total_size);
  TarInput input;
  input.source = &source;
  PassState st{limits, visitor, expected, {}, {}, {}, {}, -1, false, false};

  std::unique_ptr<struct archive, int (*)(struct archive*)> a(archive_read_new(), archive_read_free);
  archive_read_support_format_tar(a.get());
  if (archive_read_open(a.get(), &input, nullptr, &TarInput::ReadCb, nullptr) != ARCHIVE_OK) {
    if (!input.error.ok()) return input.error.WithContext("archive damaged at the start");
    const char* m = archive_error_string(a.get());
    return Corrupt(Cat("archive damaged at the start: not a tar stream (", m != nullptr ? m : "unreadable", ")"));
  }
  auto where = [&]() {
    return st.last_path.empty() ? std::string("at the start") : Cat("after entry '", st.last_path, "'");
  };
  for (;;) {
    struct archive_entry* entry = nullptr;
    int rc = archive_read_next_header(a.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc < ARCHIVE_WARN) {
      if (!input.error.ok()) return input.error.WithContext(Cat("archive damaged ", where()));
      const char* m = archive_error_string(a.get());
      return Corrupt(Cat("archive damaged ", where(), ": ", m != nullptr ? m : "unreadable tar header"));
    }
    const char* name = archive_entry_pathname(entry);
    EntryInfo info;
    info.path = name != nullptr ? name : "";
    KBULK_RETURN_IF_ERROR(CheckSafeEntryPath(info.path));
    info.kind = ClassifyEntry(info.path);
    info.size = static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_entry_size(entry)));
    info.entity = EntryEntityKind(info.path, info.kind);
    KBULK_RETURN_IF_ERROR(CheckHeader(st, info, entry));
    DeclaredAttributes declared = ReadAttributes(entry);
    KBULK_RETURN_IF_ERROR(visitor.OnEntryStart(info));
    EntryData data(a.get(), input, info.path);
    std::uint64_t lines = 0;
    Status content = ReadContent(st, info, data, lines);
    if (!content.ok()) {
      if (content.message().find(info.path) != std::string::npos) return content;
      return content.WithContext(Cat("entry '", info.path, "'"));
    }
    KBULK_RETURN_IF_ERROR(FinishEntry(st, info, data, declared, lines));
  }
  if (!st.have_manifest) return Corrupt("archive damaged at the start: no kbulk.json manifest");
  if (!st.have_index) {
    return Corrupt(Cat("the archive is truncated or incomplete: the trailer kbulk.index.json is missing (last entry '",
                       st.last_path, "')"));
  }
  // Read to the very end: a zstd frame must be complete (truncation, checksum) and the tar stream must end
  // with its two zero blocks and nothing else.
  std::string scratch(kBlock, '\0');
  for (;;) {
    auto n = source.Read(scratch.data(), scratch.size());
    if (!n.ok()) return n.status().WithContext("after the trailer kbulk.index.json");
    if (*n == 0) break;
    input.Remember(scratch.data(), *n);
  }
  if (source.output_bytes() % 512 != 0 || input.tail.size() < 1024 ||
      input.tail.find_first_not_of('\0') != std::string::npos) {
    return Corrupt("the archive is truncated or has trailing data after the trailer kbulk.index.json");
  }
  KBULK_RETURN_IF_ERROR(CheckAgainstIndex(st.seen, st.summary.index));
  st.summary.compression = source.detected();
  st.summary.compressed_bytes = source.input_bytes();
  st.summary.tar_bytes = source.output_bytes();
  for (const IndexEntry& e : st.summary.index.entries) {
    if (ClassifyEntry(e.path) == EntryKind::kUnknown) {
      visitor.OnWarning(Cat("entry '", e.path, "' is not part of format 1.0; it was skipped"));
    }
  }
  KBULK_RETURN_IF_ERROR(visitor.OnIndex(st.summary.index));
  return st.summary;
}

}  // namespace kbulk::formats
