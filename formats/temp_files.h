// TempFiles: the one place kbulk's temporary files come from (leveldb's Env and ninja's DiskInterface are
// the models). Every file is created owner-only (0600, directories 0700). A file nobody needs by name is
// anonymous from its creation (O_TMPFILE where the file system supports it, else mkstemp + unlink), so
// nothing is left behind whatever happens to the process. A file that must be named (an archive's
// temporary file before its rename, a staged download, the import's blob directory) is registered while
// it exists, so an interrupted run can remove every one of them: RemoveRegisteredTempPaths().
//
//   KBULK_ASSIGN_OR_RETURN(int fd, CreateAnonymousTempFile(dir, "blob spool"));   // caller closes fd
//   KBULK_ASSIGN_OR_RETURN(NamedTempFile f, NamedTempFile::Create(dir, "kbulk-binary"));
//   ... write f.fd() ...; f.Rename(final_path) or let it go (the destructor removes it)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kbulk::formats {

// `dir` itself when not empty, else $TMPDIR when set and not empty, else /tmp.
std::string TempDirectory(const std::string& dir);

// An unnamed owner-only file open for reading and writing in TempDirectory(dir); the caller owns the
// descriptor. `purpose` names the file in error messages ("blob spool", "standard input spool").
Result<int> CreateAnonymousTempFile(const std::string& dir, std::string_view purpose);

// A named owner-only temporary file, registered for removal on interruption until it is renamed or
// destroyed. Movable, not copyable.
class NamedTempFile {
 public:
  // Creates "<TempDirectory(dir)>/<prefix>-XXXXXX" (`exact_dir`: `dir` as given, even when empty = the
  // working directory, for files that must be renamed within one file system).
  static Result<NamedTempFile> Create(const std::string& dir, std::string_view prefix, bool exact_dir = false);
  // Creates exactly `path` (O_EXCL), owner-only.
  static Result<NamedTempFile> CreateAt(const std::string& path);
  NamedTempFile() = default;
  NamedTempFile(NamedTempFile&& other) noexcept;
  NamedTempFile& operator=(NamedTempFile&& other) noexcept;
  NamedTempFile(const NamedTempFile&) = delete;
  NamedTempFile& operator=(const NamedTempFile&) = delete;
  ~NamedTempFile();  // closes and removes the file unless it was renamed

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // Closes the descriptor (fsync first when `sync`); the file stays until renamed or destroyed.
  Status Close(bool sync);
  // Renames the (closed) file onto `target`; from then on it is no temporary file.
  Status Rename(const std::string& target);

 private:
  NamedTempFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  void Release();
  int fd_ = -1;
  std::string path_;
  bool kept_ = false;
};

// A registered owner-only temporary directory (0700), removed with everything in it when destroyed.
class TempDirectoryTree {
 public:
  static Result<TempDirectoryTree> Create(const std::string& parent, std::string_view prefix);
  TempDirectoryTree() = default;
  TempDirectoryTree(TempDirectoryTree&& other) noexcept;
  TempDirectoryTree& operator=(TempDirectoryTree&& other) noexcept;
  TempDirectoryTree(const TempDirectoryTree&) = delete;
  TempDirectoryTree& operator=(const TempDirectoryTree&) = delete;
  ~TempDirectoryTree();

  const std::string& path() const { return path_; }

 private:
  explicit TempDirectoryTree(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Registration, for the temporary paths other code creates (thread-safe).
void RegisterTempPath(const std::string& path);
void UnregisterTempPath(const std::string& path);
// The temporary paths that exist now (tests and diagnostics).
std::vector<std::string> RegisteredTempPaths();
// Removes every registered path (directories with their content) and forgets them: what an interrupted
// run calls before it exits. Thread-safe; not async-signal-safe (call it from a signal-handling thread).
void RemoveRegisteredTempPaths();

}  // namespace kbulk::formats
