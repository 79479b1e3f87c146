// A BinarySink that stages a download in an owner-only temporary file (removed on destruction or interruption), so
// binaries of up to 100 MB never sit in memory and can be added to the archive once their hash is known.
#pragma once

#include <cstdio>
#include <string>

#include "api/management_client.h"
#include "formats/temp_files.h"

namespace kbulk::exporter {

class StagedBinary final : public api::BinarySink {
 public:
  // Creates the file in `dir` (empty = $TMPDIR or /tmp).
  static Result<std::unique_ptr<StagedBinary>> Create(const std::string& dir);
  ~StagedBinary() override;

  Status Write(const void* data, std::size_t size) override;
  Status Reset() override;
  // Flushes; the file at path() then holds exactly the bytes written.
  Status Close();

  const std::string& path() const { return path_; }

 private:
  StagedBinary(std::FILE* file, std::string path, formats::NamedTempFile temp)
      : file_(file), path_(std::move(path)), temp_(std::move(temp)) {}
  std::FILE* file_;
  std::string path_;
  formats::NamedTempFile temp_;  // owner-only, registered for removal on interruption
};

}  // namespace kbulk::exporter
