// BlobSpool: hashing while spooling to an unlinked temporary file.
#include "formats/blob_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "formats/archive_layout.h"
#include "formats/temp_files.h"

namespace kbulk::formats {
namespace {

class SpoolReader final : public ByteSource {
 public:
  explicit SpoolReader(int fd) : fd_(fd) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    for (;;) {
      ssize_t n = ::pread(fd_, buffer, capacity, offset_);
      if (n >= 0) {
        offset_ += n;
        return static_cast<std::size_t>(n);
      }
      if (errno != EINTR) return IoError(Cat("reading a blob spool file: ", std::strerror(errno)));
    }
  }

 private:
  int fd_;
  off_t offset_ = 0;
};

}  // namespace

Result<std::unique_ptr<BlobSpool>> BlobSpool::Create(const std::string& dir) {
  KBULK_ASSIGN_OR_RETURN(int fd, CreateAnonymousTempFile(dir, "blob spool"));
  return std::unique_ptr<BlobSpool>(new BlobSpool(fd));
}

BlobSpool::~BlobSpool() {
  ::close(fd_);
}

Status BlobSpool::Write(const void* data, std::size_t size) {
  if (!sha256_.empty()) return Internal("write to a finished blob spool");
  hash_.Update(data, size);
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd_, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError(Cat("writing a blob spool file: ", std::strerror(errno)));
    }
    p += n;
    size -= static_cast<std::size_t>(n);
    size_ += static_cast<std::uint64_t>(n);
  }
  return Status::Ok();
}

Result<std::string> BlobSpool::Finish() {
  if (sha256_.empty()) sha256_ = hash_.FinishHex();
  return sha256_;
}

Result<std::unique_ptr<ByteSource>> BlobSpool::Reader() {
  if (sha256_.empty()) return Internal("blob spool read before Finish()");
  return std::unique_ptr<ByteSource>(new SpoolReader(fd_));
}

}  // namespace kbulk::formats
