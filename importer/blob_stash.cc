#include "importer/blob_stash.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace kbulk::importer {
namespace {

std::string Errno(std::string_view what, const std::string& path) {
  return std::string(what) + " '" + path + "': " + std::strerror(errno);
}

bool IsHex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Reads a stashed file for an upload; Rewind() seeks back for a retry.
class FileSource final : public api::BinarySource {
 public:
  FileSource(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  ~FileSource() override { ::close(fd_); }
  std::uint64_t size() const override { return size_; }
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    for (;;) {
      ssize_t n = ::read(fd_, buffer, capacity);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) return IoError(std::string("reading a stashed blob: ") + std::strerror(errno));
    }
  }
  Status Rewind() override {
    if (::lseek(fd_, 0, SEEK_SET) != 0)
      return IoError(std::string("rewinding a stashed blob: ") + std::strerror(errno));
    return Status::Ok();
  }

 private:
  int fd_;
  std::uint64_t size_;
};

}  // namespace

Result<std::unique_ptr<BlobStash>> BlobStash::Create(const std::string& parent) {
  // 0700 and registered: an interrupted import removes it with everything in it (formats/temp_files.h).
  KBULK_ASSIGN_OR_RETURN(formats::TempDirectoryTree tree, formats::TempDirectoryTree::Create(parent, "kbulk-import"));
  return std::unique_ptr<BlobStash>(new BlobStash(std::move(tree)));
}

BlobStash::~BlobStash() = default;  // the tree removes itself

std::string BlobStash::PathOf(std::string_view sha256_hex) const {
  return tree_.path() + "/" + std::string(sha256_hex);
}

Status BlobStash::Store(std::string_view sha256_hex, formats::ByteSource& content) {
  if (!IsHex(sha256_hex)) return Corrupt("blob '" + std::string(sha256_hex) + "': not a SHA-256 name");
  std::string path = PathOf(sha256_hex);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return IoError(Errno("stashing blob", path));
  std::vector<char> buffer(1 << 16);
  std::uint64_t size = 0;
  Status status;
  for (;;) {
    auto n = content.Read(buffer.data(), buffer.size());
    if (!n.ok()) {
      status = n.status();
      break;
    }
    if (*n == 0) break;
    std::size_t done = 0;
    while (done < *n) {
      ssize_t w = ::write(fd, buffer.data() + done, *n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        status = IoError(Errno("writing stashed blob", path));
        break;
      }
      done += static_cast<std::size_t>(w);
    }
    if (!status.ok()) break;
    size += *n;
  }
  if (::close(fd) != 0 && status.ok()) status = IoError(Errno("closing stashed blob", path));
  if (!status.ok()) {
    ::unlink(path.c_str());
    return status;
  }
  std::lock_guard lock(mutex_);
  auto [it, inserted] = sizes_.emplace(std::string(sha256_hex), size);
  if (inserted) bytes_ += size;
  return Status::Ok();
}

void BlobStash::RecordSize(std::string_view sha256_hex, std::uint64_t size) {
  std::lock_guard lock(mutex_);
  sizes_.emplace(std::string(sha256_hex), size);
}

bool BlobStash::Has(std::string_view sha256_hex) const {
  std::lock_guard lock(mutex_);
  return sizes_.count(std::string(sha256_hex)) != 0;
}

std::optional<std::uint64_t> BlobStash::Size(std::string_view sha256_hex) const {
  std::lock_guard lock(mutex_);
  auto it = sizes_.find(std::string(sha256_hex));
  if (it == sizes_.end()) return std::nullopt;
  return it->second;
}

Result<std::unique_ptr<api::BinarySource>> BlobStash::Open(std::string_view sha256_hex) const {
  auto size = Size(sha256_hex);  // (a dry run records sizes only and never opens)
  if (!size) return NotFound("blob " + std::string(sha256_hex) + " is not in the archive");
  std::string path = PathOf(sha256_hex);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(Errno("opening stashed blob", path));
  return std::unique_ptr<api::BinarySource>(new FileSource(fd, *size));
}

std::uint64_t BlobStash::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace kbulk::importer
