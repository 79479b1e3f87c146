// ArchiveWriter: libarchive pax tar into our own compressing sink, with order and integrity checks.
#include "formats/archive_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <future>
#include <system_error>

#include "core/sha256.h"
#include "formats/output_file.h"
#include "formats/tar_attributes.h"

namespace kbulk::formats {
namespace {

constexpr std::size_t kChunk = 1024 * 1024;

std::time_t ParseRfc3339(const std::string& text) {
  std::tm tm{};
  if (text.empty() || strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return std::time(nullptr);
  return timegm(&tm);
}

std::string DirectoryOf(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string_view data) : data_(data) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    std::size_t n = std::min(capacity, data_.size() - pos_);
    std::memcpy(buffer, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

Status CheckJsonObject(std::string_view json, std::string_view what, std::uint64_t max_size) {
  if (json.size() > max_size) {
    return InvalidArgument(std::string(what) + ": " + std::to_string(json.size()) + " bytes exceeds the limit of " +
                           std::to_string(max_size));
  }
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element element;
  auto error = parser.parse(json.data(), json.size(), true).get(element);
  if (error) return InvalidArgument(std::string(what) + ": not valid JSON (" + simdjson::error_message(error) + ")");
  if (!element.is_object()) return InvalidArgument(std::string(what) + ": not a JSON object");
  return Status::Ok();
}

struct ArchiveWriter::Tar {
  struct archive* a = nullptr;
  std::unique_ptr<OutputFile> output;
  std::unique_ptr<ByteSink> compressor;
  Status sink_error;
  std::uint64_t tar_bytes = 0;
  std::time_t mtime = 0;

  ~Tar() {
    if (a != nullptr) archive_write_free(a);
  }
  static la_ssize_t WriteCb(struct archive* a, void* self, const void* data, size_t size) {
    Tar* tar = static_cast<Tar*>(self);
    Status s = tar->compressor->Write(data, size);
    if (!s.ok()) {
      tar->sink_error = s;
      archive_set_error(a, EIO, "%s", s.message().c_str());
      return -1;
    }
    tar->tar_bytes += size;
    return static_cast<la_ssize_t>(size);
  }
  static int CloseCb(struct archive* a, void* self) {
    Tar* tar = static_cast<Tar*>(self);
    Status s = tar->compressor->Close();
    if (!s.ok()) {
      tar->sink_error = s;
      archive_set_error(a, EIO, "%s", s.message().c_str());
      return ARCHIVE_FATAL;
    }
    return ARCHIVE_OK;
  }
  Status Error(std::string_view what) const {
    if (!sink_error.ok()) return sink_error;
    const char* message = archive_error_string(a);
    return IoError(std::string(what) + ": " + (message ? message : "libarchive error"));
  }
};

ArchiveWriter::ArchiveWriter(std::string path, WriterOptions options)
    : path_(std::move(path)), options_(std::move(options)), tar_(std::make_unique<Tar>()) {}

ArchiveWriter::~ArchiveWriter() = default;

Result<std::unique_ptr<ArchiveWriter>> ArchiveWriter::Open(const std::string& path, const WriterOptions& options) {
  std::unique_ptr<ArchiveWriter> w(new ArchiveWriter(path, options));
  if (w->options_.spool_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    w->options_.spool_dir = path == "-" ? (tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") : DirectoryOf(path);
  }
  Tar& tar = *w->tar_;
  tar.mtime = ParseRfc3339(options.mtime_rfc3339);
  KBULK_ASSIGN_OR_RETURN(tar.output, OutputFile::Create(path, options.sync));
  KBULK_ASSIGN_OR_RETURN(tar.compressor, MakeCompressingSink(*tar.output, options.compression));
  tar.a = archive_write_new();
  if (tar.a == nullptr) return Internal("libarchive: out of memory");
  // pax with only SCHILY.xattr headers: GNU tar and bsdtar both understand them without warnings.
  if (archive_write_set_format_pax(tar.a) != ARCHIVE_OK ||
      archive_write_set_options(tar.a, "pax:xattrheader=SCHILY") != ARCHIVE_OK ||
      // No padding after the end-of-archive blocks, so any truncation is detectable.
      archive_write_set_bytes_in_last_block(tar.a, 1) != ARCHIVE_OK ||
      archive_write_open2(tar.a, &tar, nullptr, &Tar::WriteCb, &Tar::CloseCb, nullptr) != ARCHIVE_OK) {
    return tar.Error("opening archive '" + path + "'");
  }
  return w;
}

Status ArchiveWriter::Fail(Status status) {
  if (failed_.ok()) failed_ = status;
  return status;
}

Status ArchiveWriter::CheckNewEntry(std::string_view path, EntryKind kind) {
  if (!failed_.ok()) return Status(failed_.code(), "archive writer failed earlier: " + failed_.message());
  if (finished_) return Internal("archive '" + path_ + "' is already finished");
  KBULK_RETURN_IF_ERROR(CheckSafeEntryPath(path));
  if (kind == EntryKind::kUnknown) return InvalidArgument(Cat("\'", path, "' is not a kbulk v1 entry name"));
  if (kind != EntryKind::kManifest && paths_.empty()) {
    return InvalidArgument("entry '" + std::string(path) + "' before the manifest (kbulk.json must come first)");
  }
  if (paths_.count(std::string(path)) > 0) return InvalidArgument("entry '" + std::string(path) + "' written twice");
  if (EntryPhase(kind) < last_phase_) {
    return InvalidArgument("entry '" + std::string(path) + "' (" + std::string(EntryKindName(kind)) +
                           ") is out of order: the archive is past that part (see docs/archive-format.md)");
  }
  return Status::Ok();
}

Status ArchiveWriter::WriteEntry(std::string_view path, EntryKind kind, std::uint64_t size, std::uint64_t records,
                                 const std::string& sha256, ByteSource& source, bool rehash) {
  KBULK_RETURN_IF_ERROR(CheckNewEntry(path, kind));
  Tar& tar = *tar_;
  struct archive_entry* entry = archive_entry_new();
  std::string name(path);
  archive_entry_set_pathname(entry, name.c_str());
  archive_entry_set_size(entry, static_cast<la_int64_t>(size));
  archive_entry_set_filetype(entry, AE_IFREG);
  archive_entry_set_perm(entry, 0644);
  archive_entry_set_mtime(entry, tar.mtime, 0);
  if (!sha256.empty()) {
    archive_entry_xattr_add_entry(entry, kAttrSha256, sha256.data(), sha256.size());
    std::string count = std::to_string(records);
    archive_entry_xattr_add_entry(entry, kAttrRecords, count.data(), count.size());
  }
  int rc = archive_write_header(tar.a, entry);
  archive_entry_free(entry);
  if (rc != ARCHIVE_OK) return Fail(tar.Error("writing header of '" + name + "'"));
  paths_.insert(name);
  last_phase_ = EntryPhase(kind);

  // Hashing runs on a helper thread, overlapping the copy into libarchive and zstd of the same chunk and
  // the read of the next one; chunks are hashed strictly in order.
  Sha256 hash;
  std::string buffers[2] = {std::string(kChunk, '\0'), std::string(kChunk, '\0')};
  std::string& buffer = buffers[0];
  std::future<void> hashing;
  std::uint64_t done = 0;
  for (int cur = 0; done < size; cur ^= 1) {
    std::string& chunk = buffers[cur];
    auto n = source.Read(chunk.data(), static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, size - done)));
    if (!n.ok()) return Fail(n.status().WithContext("entry '" + name + "'"));
    if (*n == 0) {
      return Fail(IoError("entry '" + name + "': source ended after " + std::to_string(done) + " of " +
                          std::to_string(size) + " bytes"));
    }
    if (hashing.valid()) hashing.get();
    if (rehash) {
      try {
        hashing = std::async(std::launch::async, [&hash, data = chunk.data(), len = *n] { hash.Update(data, len); });
      } catch (const std::system_error&) {
        hash.Update(chunk.data(), *n);  // no thread available: hash here
      }
    }
    if (archive_write_data(tar.a, chunk.data(), *n) < 0) return Fail(tar.Error("writing '" + name + "'"));
    done += *n;
  }
  if (hashing.valid()) hashing.get();
  auto extra = source.Read(buffer.data(), 1);
  if (!extra.ok()) return Fail(extra.status().WithContext("entry '" + name + "'"));
  if (*extra != 0)
    return Fail(IoError("entry '" + name + "': source is longer than " + std::to_string(size) + " bytes"));
  std::string actual = rehash ? hash.FinishHex() : sha256;
  if (!sha256.empty() && actual != sha256) {
    return Fail(Corrupt("entry '" + name + "': content SHA-256 " + actual + " differs from the declared " + sha256));
  }
  if (archive_write_finish_entry(tar.a) != ARCHIVE_OK) return Fail(tar.Error("finishing '" + name + "'"));
  ++entries_;
  if (kind != EntryKind::kIndex) {
    auto entity = EntryEntityKind(name, kind);
    index_.Add(IndexEntry{name, size, records, actual}, entity ? EntityKindName(*entity) : std::string_view());
  }
  return Status::Ok();
}

Status ArchiveWriter::WriteBuffer(std::string_view path, EntryKind kind, std::string_view data, std::uint64_t records) {
  StringSource source(data);
  return WriteEntry(path, kind, data.size(), records, Sha256::HexOf(data), source);
}

Status ArchiveWriter::WriteManifest(std::string_view json) {
  if (!paths_.empty()) return InvalidArgument("the manifest must be the first entry");
  KBULK_RETURN_IF_ERROR(CheckJsonObject(json, "kbulk.json", options_.max_record_size));
  return WriteBuffer(kManifestPath, EntryKind::kManifest, json, 1);
}

Status ArchiveWriter::WriteDocument(std::string_view path, std::string_view json) {
  EntryKind kind = ClassifyEntry(path);
  if (kind != EntryKind::kModelDocument) {
    return InvalidArgument(Cat("\'", path, "' is not a model document name (model/<kind>.json)"));
  }
  KBULK_RETURN_IF_ERROR(CheckJsonObject(json, path, options_.max_record_size));
  return WriteBuffer(path, kind, json, 1);
}

Status ArchiveWriter::AddBlob(std::string_view sha256_hex, std::uint64_t size, ByteSource& source) {
  if (!IsSha256Hex(sha256_hex)) return InvalidArgument("blob name '" + std::string(sha256_hex) + "' is not a SHA-256");
  if (HasBlob(sha256_hex)) return Status::Ok();
  KBULK_RETURN_IF_ERROR(
      WriteEntry(BlobEntryPath(sha256_hex), EntryKind::kBlob, size, 0, std::string(sha256_hex), source));
  blobs_.insert(std::string(sha256_hex));
  return Status::Ok();
}

Status ArchiveWriter::AddBlobFile(std::string_view sha256_hex, const std::string& file) {
  if (HasBlob(sha256_hex)) return Status::Ok();
  KBULK_ASSIGN_OR_RETURN(auto source, OpenFileSource(file));
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return IoError("cannot stat '" + file + "'");
  return AddBlob(sha256_hex, static_cast<std::uint64_t>(st.st_size), *source);
}

Result<WriterStats> ArchiveWriter::Finish() {
  if (!failed_.ok()) return Status(failed_.code(), "archive writer failed earlier: " + failed_.message());
  if (paths_.empty()) return InvalidArgument("archive '" + path_ + "' has no manifest");
  if (!open_sinks_.empty()) {
    return InvalidArgument(Cat("entry '", *open_sinks_.begin(), "' was begun but never committed"));
  }
  std::string index_json = index_.ToJson();
  KBULK_RETURN_IF_ERROR(WriteBuffer(kIndexPath, EntryKind::kIndex, index_json, 1));
  Tar& tar = *tar_;
  if (archive_write_close(tar.a) != ARCHIVE_OK) return Fail(tar.Error("closing archive '" + path_ + "'"));
  // libarchive ignores the close callback's result: a failed final write (a full disk) is only in sink_error.
  if (!tar.sink_error.ok()) return Fail(tar.sink_error);
  KBULK_RETURN_IF_ERROR(Fail(tar.output->Close()));
  KBULK_RETURN_IF_ERROR(Fail(tar.output->Commit()));
  finished_ = true;
  WriterStats stats;
  stats.entries = entries_;
  stats.tar_bytes = tar.tar_bytes;
  stats.output_bytes = tar.output->bytes_written();
  stats.index = index_;
  return stats;
}

}  // namespace kbulk::formats
