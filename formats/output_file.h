// Where an archive is written: a temporary file next to the target that becomes the target only when
// Commit() succeeds (so an interrupted export never leaves a file that looks whole), or standard output.
#pragma once

#include <memory>
#include <string>

#include "formats/byte_stream.h"
#include "formats/temp_files.h"

namespace kbulk::formats {

class OutputFile final : public ByteSink {
 public:
  // "-" writes to standard output. Otherwise creates "<path>.tmp.<pid>.<random>" in the same directory,
  // owner-only and registered with formats/temp_files.h (an interrupted run removes it).
  // `sync`: Close() fsyncs the file so a committed archive survives a crash of the machine.
  static Result<std::unique_ptr<OutputFile>> Create(const std::string& path, bool sync = true);
  ~OutputFile() override;  // removes the temporary file unless Commit() succeeded

  Status Write(const void* data, std::size_t size) override;
  Status Close() override;  // flushes (and fsyncs when asked); does not rename
  // Renames the temporary file onto the target. REQUIRES: Close() returned OK.
  Status Commit();

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_.path(); }
  bool is_stdout() const { return fd_ == 1; }
  std::uint64_t bytes_written() const { return bytes_written_; }

 private:
  OutputFile(std::string path, NamedTempFile temp, int fd) : path_(std::move(path)), temp_(std::move(temp)), fd_(fd) {}
  std::string path_;
  NamedTempFile temp_;  // empty for standard output
  int fd_;
  bool closed_ = false;
  bool sync_ = true;
  std::uint64_t bytes_written_ = 0;
};

}  // namespace kbulk::formats
