// ReadZip: libarchive's zip reader with kbulk's entry checks.
#include "formats/zip_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <unordered_set>

#include "formats/archive_layout.h"

namespace kbulk::formats {
namespace {

constexpr std::size_t kBlock = 1 << 16;

std::string LibarchiveError(struct archive* a, std::string_view fallback) {
  const char* m = archive_error_string(a);
  return m != nullptr ? std::string(m) : std::string(fallback);
}

// An entry's data; fails when it is damaged or does not have the declared size.
class EntryData final : public ByteSource {
 public:
  EntryData(struct archive* a, const ZipEntry& entry) : a_(a), entry_(entry) {}

  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    if (done_) return std::size_t{0};
    la_ssize_t n = archive_read_data(a_, buffer, capacity);
    if (n < 0) {
      return Corrupt(Cat("zip entry '", entry_.path, "': ", LibarchiveError(a_, "damaged data"),
                         " (the zip is damaged or truncated)"));
    }
    bytes_ += static_cast<std::uint64_t>(n);
    if (bytes_ > entry_.size) {
      return Corrupt(
          Cat("zip entry '", entry_.path, "' holds more than its declared ", std::to_string(entry_.size), " bytes"));
    }
    if (n == 0) {
      done_ = true;
      if (bytes_ != entry_.size) {
        return Corrupt(Cat("zip entry '", entry_.path, "' is truncated: ", std::to_string(bytes_), " of ",
                           std::to_string(entry_.size), " bytes"));
      }
    }
    return static_cast<std::size_t>(n);
  }

  Status Drain() {
    std::string chunk(kBlock, '\0');
    for (;;) {
      KBULK_ASSIGN_OR_RETURN(std::size_t n, Read(chunk.data(), chunk.size()));
      if (n == 0) return Status::Ok();
    }
  }

 private:
  struct archive* a_;
  const ZipEntry& entry_;
  std::uint64_t bytes_ = 0;
  bool done_ = false;
};

using ArchivePtr = std::unique_ptr<struct archive, decltype(&archive_read_free)>;

// The zip's central directory could not be read (a truncated or damaged end): the local headers, read
// in order, say where the damage is.
Status Diagnose(const std::string& path, std::string_view why) {
  ArchivePtr a(archive_read_new(), archive_read_free);
  archive_read_support_format_zip_streamable(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), kBlock) != ARCHIVE_OK) {
    return Corrupt(Cat(path, ": not a readable zip: ", why));
  }
  std::string last;
  struct archive_entry* e = nullptr;
  std::string chunk(kBlock, '\0');
  while (archive_read_next_header(a.get(), &e) == ARCHIVE_OK) {
    const char* name = archive_entry_pathname(e);
    std::string entry = name != nullptr ? name : "";
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), chunk.data(), chunk.size())) > 0) {
    }
    if (n < 0) {
      return Corrupt(Cat("zip entry '", entry, "' is truncated or damaged: ", LibarchiveError(a.get(), "bad data"),
                         " (", path, " is cut short or damaged)"));
    }
    last = entry;
  }
  return Corrupt(Cat(path, ": the zip is truncated or damaged after its last complete entry '", last,
                     "': its central directory cannot be read (", why, ")"));
}

}  // namespace

bool LooksLikeZip(const std::string& path) {
  if (path == "-" || path.empty()) return false;
  std::unique_ptr<std::FILE, decltype(&std::fclose)> f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f) return false;
  unsigned char magic[4] = {0, 0, 0, 0};
  if (std::fread(magic, 1, 4, f.get()) != 4) return false;
  return magic[0] == 'P' && magic[1] == 'K' && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

Status ReadZip(const std::string& path, const ZipLimits& limits, const ZipPass& pass) {
  ArchivePtr a(archive_read_new(), archive_read_free);
  if (!a) return Internal("cannot allocate a zip reader");
  // The seekable reader trusts the central directory (the zip's own list of entries, at its end); a zip
  // without a readable one is truncated or damaged, and Diagnose names the entry where it breaks.
  archive_read_support_format_zip_seekable(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), kBlock) != ARCHIVE_OK) {
    if (archive_errno(a.get()) == ENOENT || archive_errno(a.get()) == EACCES)
      return IoError(Cat(path, ": ", LibarchiveError(a.get(), "cannot open")));
    return Diagnose(path, LibarchiveError(a.get(), "unknown error"));
  }
  std::unordered_set<std::string> seen;
  std::uint64_t total = 0;
  std::string previous = "(none)";
  struct archive_entry* e = nullptr;
  for (;;) {
    int r = archive_read_next_header(a.get(), &e);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      if (seen.empty()) return Diagnose(path, LibarchiveError(a.get(), "bad entry header"));
      return Corrupt(Cat(path, ": damaged or truncated zip after entry '", previous,
                         "': ", LibarchiveError(a.get(), "bad entry header")));
    }
    const char* raw_name = archive_entry_pathname(e);
    ZipEntry entry;
    entry.path = raw_name != nullptr ? raw_name : "";
    previous = entry.path;
    mode_t type = archive_entry_filetype(e);
    if (type == AE_IFDIR) continue;
    KBULK_RETURN_IF_ERROR(CheckSafeEntryPath(entry.path));
    if (type != AE_IFREG || archive_entry_hardlink(e) != nullptr || archive_entry_symlink(e) != nullptr) {
      return Corrupt(Cat("zip entry '", entry.path, "' is not a regular file"));
    }
    if (!seen.insert(entry.path).second) return Corrupt(Cat("zip entry '", entry.path, "' appears twice"));
    if (seen.size() > limits.max_entries) {
      return Corrupt(Cat(path, ": more than ", std::to_string(limits.max_entries), " entries"));
    }
    if (!archive_entry_size_is_set(e)) {
      return Corrupt(Cat("zip entry '", entry.path, "' does not declare its size"));
    }
    la_int64_t size = archive_entry_size(e);
    if (size < 0 || static_cast<std::uint64_t>(size) > limits.max_entry_size) {
      return Corrupt(Cat("zip entry '", entry.path, "' is larger than the limit of ",
                         std::to_string(limits.max_entry_size), " bytes"));
    }
    entry.size = static_cast<std::uint64_t>(size);
    total += entry.size;
    if (total > limits.max_total_size) {
      return Corrupt(Cat("zip entry '", entry.path, "': the zip expands beyond the limit of ",
                         std::to_string(limits.max_total_size), " bytes"));
    }
    EntryData data(a.get(), entry);
    if (!pass.want || pass.want(entry)) {
      if (pass.on_entry) KBULK_RETURN_IF_ERROR(pass.on_entry(entry, data));
      KBULK_RETURN_IF_ERROR(data.Drain());
    } else if (pass.check_unwanted) {
      KBULK_RETURN_IF_ERROR(data.Drain());
    }
  }
  return Status::Ok();
}

}  // namespace kbulk::formats
