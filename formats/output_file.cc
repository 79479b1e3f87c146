// Temporary-file-then-rename output and plain file input.
#include "formats/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace kbulk::formats {
namespace {

std::string ErrnoText() {
  return std::strerror(errno);
}

class FdSource final : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    for (;;) {
      ssize_t n = ::read(fd_, buffer, capacity);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno == EINTR) continue;
      return IoError("reading '" + name_ + "': " + ErrnoText());
    }
  }

 private:
  int fd_;
  bool owned_;
  std::string name_;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  if (path == "-") return std::unique_ptr<ByteSource>(new FdSource(0, false, "standard input"));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open '" + path + "': " + ErrnoText());
  return std::unique_ptr<ByteSource>(new FdSource(fd, true, path));
}

bool IsSeekableFile(const std::string& path) {
  if (path == "-") return false;
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Result<std::unique_ptr<OutputFile>> OutputFile::Create(const std::string& path, bool sync) {
  if (path == "-") return std::unique_ptr<OutputFile>(new OutputFile(path, NamedTempFile(), 1));
  std::random_device random;
  std::string temp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(random() % 1000000);
  // Owner-only, and registered: an interrupted export removes it (formats/temp_files.h).
  KBULK_ASSIGN_OR_RETURN(NamedTempFile file, NamedTempFile::CreateAt(temp));
  int fd = file.fd();
  std::unique_ptr<OutputFile> out(new OutputFile(path, std::move(file), fd));
  out->sync_ = sync;
  return out;
}

OutputFile::~OutputFile() = default;  // the temporary file removes itself unless it was renamed

Status OutputFile::Write(const void* data, std::size_t size) {
  if (closed_) return Internal("write to a closed output '" + path_ + "'");
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd_, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("writing '" + (fd_ == 1 ? std::string("standard output") : temp_.path()) + "': " + ErrnoText());
    }
    p += n;
    size -= static_cast<std::size_t>(n);
    bytes_written_ += static_cast<std::uint64_t>(n);
  }
  return Status::Ok();
}

Status OutputFile::Close() {
  if (closed_) return Status::Ok();
  closed_ = true;
  if (fd_ == 1) return Status::Ok();
  return temp_.Close(sync_);
}

Status OutputFile::Commit() {
  if (fd_ == 1) return Status::Ok();
  if (!closed_) return Internal("commit of an unclosed output '" + path_ + "'");
  return temp_.Rename(path_);
}

}  // namespace kbulk::formats
