// Tiny byte-stream interfaces the archive code is built on, so files, stdout, pipes and in-memory buffers
// are interchangeable (and tests can swap them). Implementations are not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"

namespace kbulk::formats {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status Write(const void* data, std::size_t size) = 0;
  // Flushes everything written so far; the sink may not be written to afterwards.
  virtual Status Close() = 0;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `capacity` bytes; 0 means end of stream.
  virtual Result<std::size_t> Read(void* buffer, std::size_t capacity) = 0;
};

// A source backed by a callback, e.g. an HTTP body being downloaded. Returns 0 at the end.
class CallbackSource final : public ByteSource {
 public:
  using ReadFn = std::function<Result<std::size_t>(void* buffer, std::size_t capacity)>;
  explicit CallbackSource(ReadFn read) : read_(std::move(read)) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override { return read_(buffer, capacity); }

 private:
  ReadFn read_;
};

// Opens a file for reading; "-" is standard input.
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);

// True when `path` names a regular file that can be read twice (not "-", not a pipe).
bool IsSeekableFile(const std::string& path);

}  // namespace kbulk::formats
