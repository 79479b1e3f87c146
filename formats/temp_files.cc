// Owner-only temporary files, anonymous where possible, registered for removal where named.
#include "formats/temp_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>

namespace kbulk::formats {
namespace {

std::mutex& RegistryMutex() {
  static std::mutex mutex;
  return mutex;
}

std::set<std::string>& Registry() {
  static auto* paths = new std::set<std::string>();  // never destroyed: used until the process exits
  return *paths;
}

std::string ErrnoText() {
  return std::strerror(errno);
}

}  // namespace

std::string TempDirectory(const std::string& dir) {
  if (!dir.empty()) return dir;
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
}

Result<int> CreateAnonymousTempFile(const std::string& dir, std::string_view purpose) {
  const std::string base = TempDirectory(dir);
  int fd = -1;
#ifdef O_TMPFILE
  fd = ::open(base.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
    // EISDIR / EOPNOTSUPP: the file system has no O_TMPFILE; a missing or unwritable directory fails below.
#endif
  std::string name = base + "/kbulk-tmp-XXXXXX";
  fd = ::mkostemp(name.data(), O_CLOEXEC);  // 0600
  if (fd < 0) {
    return IoError(std::string("cannot create a ") + std::string(purpose) + " file in '" + base + "': " + ErrnoText());
  }
  ::unlink(name.c_str());  // anonymous from now on
  return fd;
}

void RegisterTempPath(const std::string& path) {
  std::lock_guard lock(RegistryMutex());
  Registry().insert(path);
}

void UnregisterTempPath(const std::string& path) {
  std::lock_guard lock(RegistryMutex());
  Registry().erase(path);
}

std::vector<std::string> RegisteredTempPaths() {
  std::lock_guard lock(RegistryMutex());
  return {Registry().begin(), Registry().end()};
}

void RemoveRegisteredTempPaths() {
  std::lock_guard lock(RegistryMutex());
  for (const auto& path : Registry()) {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  Registry().clear();
}

Result<NamedTempFile> NamedTempFile::Create(const std::string& dir, std::string_view prefix, bool exact_dir) {
  const std::string base = exact_dir ? (dir.empty() ? std::string(".") : dir) : TempDirectory(dir);
  std::string name = base + "/" + std::string(prefix) + "-XXXXXX";
  // Registered before it exists, so no moment passes where an interruption would miss it.
  std::lock_guard lock(RegistryMutex());
  int fd = ::mkostemp(name.data(), O_CLOEXEC);  // 0600
  if (fd < 0) return IoError("cannot create a temporary file in '" + base + "': " + ErrnoText());
  Registry().insert(name);
  return NamedTempFile(fd, name);
}

Result<NamedTempFile> NamedTempFile::CreateAt(const std::string& path) {
  std::lock_guard lock(RegistryMutex());
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create '" + path + "': " + ErrnoText());
  Registry().insert(path);
  return NamedTempFile(fd, path);
}

NamedTempFile::NamedTempFile(NamedTempFile&& other) noexcept
    : fd_(other.fd_), path_(std::move(other.path_)), kept_(other.kept_) {
  other.fd_ = -1;
  other.path_.clear();
}

NamedTempFile& NamedTempFile::operator=(NamedTempFile&& other) noexcept {
  if (this != &other) {
    Release();
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    kept_ = other.kept_;
    other.fd_ = -1;
    other.path_.clear();
  }
  return *this;
}

NamedTempFile::~NamedTempFile() {
  Release();
}

void NamedTempFile::Release() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!path_.empty() && !kept_) {
    ::unlink(path_.c_str());
    UnregisterTempPath(path_);
  }
  path_.clear();
}

Status NamedTempFile::Close(bool sync) {
  if (fd_ < 0) return Status::Ok();
  int fd = fd_;
  fd_ = -1;
  if (sync && ::fsync(fd) != 0 && errno != EINVAL) {
    std::string error = ErrnoText();
    ::close(fd);
    return IoError("fsync '" + path_ + "': " + error);
  }
  if (::close(fd) != 0) return IoError("closing '" + path_ + "': " + ErrnoText());
  return Status::Ok();
}

Status NamedTempFile::Rename(const std::string& target) {
  if (fd_ >= 0) return Internal("rename of an open temporary file '" + path_ + "'");
  std::lock_guard lock(RegistryMutex());  // an interruption removes it before or after, never half-way
  if (std::rename(path_.c_str(), target.c_str()) != 0) {
    return IoError("renaming '" + path_ + "' to '" + target + "': " + ErrnoText());
  }
  Registry().erase(path_);
  kept_ = true;
  return Status::Ok();
}

Result<TempDirectoryTree> TempDirectoryTree::Create(const std::string& parent, std::string_view prefix) {
  const std::string base = TempDirectory(parent);
  std::string name = base + "/" + std::string(prefix) + "-XXXXXX";
  std::lock_guard lock(RegistryMutex());
  if (::mkdtemp(name.data()) == nullptr) {
    return IoError("cannot create a temporary directory in '" + base + "': " + ErrnoText());
  }
  ::chmod(name.c_str(), 0700);
  Registry().insert(name);
  return TempDirectoryTree(name);
}

TempDirectoryTree::TempDirectoryTree(TempDirectoryTree&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

TempDirectoryTree& TempDirectoryTree::operator=(TempDirectoryTree&& other) noexcept {
  if (this != &other) {
    this->~TempDirectoryTree();
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

TempDirectoryTree::~TempDirectoryTree() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
  UnregisterTempPath(path_);
  path_.clear();
}

}  // namespace kbulk::formats
