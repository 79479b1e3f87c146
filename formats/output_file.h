// Where an archive is written: a temporary file next to the target that becomes the target only when
// Commit() succeeds (so an interrupted export never leaves a file that looks whole), or standard output.
#pragma once

#include <memory>
#include <string>

#include "formats/byte_stream.h"

namespace kbulk::formats {

class OutputFile final : public ByteSink {
 public:
  // "-" writes to standard output. Otherwise creates "<path>.tmp.<pid>.<random>" in the same directory.
  // `sync`: Close() fsyncs the file so a committed archive survives a crash of the machine.
  static Result<std::unique_ptr<OutputFile>> Create(const std::string& path, bool sync = true);
  ~OutputFile() override;  // removes the temporary file unless Commit() succeeded

  Status Write(const void* data, std::size_t size) override;
  Status Close() override;  // flushes (and fsyncs when asked); does not rename
  // Renames the temporary file onto the target. REQUIRES: Close() returned OK.
  Status Commit();

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }
  bool is_stdout() const { return fd_ == 1; }
  std::uint64_t bytes_written() const { return bytes_written_; }

 private:
  OutputFile(std::string path, std::string temp_path, int fd)
      : path_(std::move(path)), temp_path_(std::move(temp_path)), fd_(fd) {}
  std::string path_;
  std::string temp_path_;
  int fd_;
  bool closed_ = false;
  bool committed_ = false;
  bool sync_ = true;
  std::uint64_t bytes_written_ = 0;
};

}  // namespace kbulk::formats
