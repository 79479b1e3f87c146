// Staged downloads on disk.
#include "exporter/staged_binary.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace kbulk::exporter {

Result<std::unique_ptr<StagedBinary>> StagedBinary::Create(const std::string& dir) {
  std::string base = dir;
  if (base.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    base = (tmp != nullptr && *tmp != '\0') ? tmp : "/tmp";
  }
  std::string pattern = base + "/kbulk-binary-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return IoError("cannot create a staging file in " + base + ": " + std::strerror(errno));
  std::FILE* file = ::fdopen(fd, "w+b");
  if (file == nullptr) {
    ::close(fd);
    ::unlink(pattern.c_str());
    return IoError("cannot open staging file " + pattern);
  }
  return std::unique_ptr<StagedBinary>(new StagedBinary(file, pattern));
}

StagedBinary::~StagedBinary() {
  if (file_ != nullptr) std::fclose(file_);
  ::unlink(path_.c_str());
}

Status StagedBinary::Write(const void* data, std::size_t size) {
  if (std::fwrite(data, 1, size, file_) != size) {
    return IoError("staging file " + path_ + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Status StagedBinary::Reset() {
  std::fflush(file_);
  if (::ftruncate(::fileno(file_), 0) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
    return IoError("cannot truncate staging file " + path_);
  }
  return Status::Ok();
}

Status StagedBinary::Close() {
  if (std::fflush(file_) != 0) return IoError("staging file " + path_ + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace kbulk::exporter
