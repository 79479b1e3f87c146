// Staged downloads on disk.
#include "exporter/staged_binary.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kbulk::exporter {

Result<std::unique_ptr<StagedBinary>> StagedBinary::Create(const std::string& dir) {
  // Owner-only and registered: an interrupted export removes it (formats/temp_files.h).
  KBULK_ASSIGN_OR_RETURN(formats::NamedTempFile temp, formats::NamedTempFile::Create(dir, "kbulk-binary"));
  int fd = ::dup(temp.fd());
  std::FILE* file = fd < 0 ? nullptr : ::fdopen(fd, "w+b");
  if (file == nullptr) {
    if (fd >= 0) ::close(fd);
    return IoError("cannot open staging file " + temp.path() + ": " + std::strerror(errno));
  }
  std::string path = temp.path();
  return std::unique_ptr<StagedBinary>(new StagedBinary(file, std::move(path), std::move(temp)));
}

StagedBinary::~StagedBinary() {
  if (file_ != nullptr) std::fclose(file_);
}  // temp_ removes the file

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
