// The archive's outer compression: zstd (multi-threaded, configurable level) or none. Writing compresses
// into a ByteSink; reading detects the format by its magic number and enforces an expansion limit so a
// small hostile input cannot make a reader produce unbounded output (a "zstd bomb").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "formats/byte_stream.h"

namespace kbulk::formats {

enum class Compression { kZstd, kNone };

std::string_view CompressionName(Compression c);
Result<Compression> ParseCompression(std::string_view name);  // "zstd" | "none"

struct CompressionOptions {
  Compression compression = Compression::kZstd;
  int level = 3;    // zstd level 1..19
  int threads = 0;  // zstd worker threads; 0 = one per core
};

// Compresses everything written into `next`. Close() ends the zstd frame and closes `next`.
// `next` must outlive the returned sink.
Result<std::unique_ptr<ByteSink>> MakeCompressingSink(ByteSink& next, const CompressionOptions& options);

// Reads `raw`, decompressing zstd when the stream starts with the zstd magic number and passing bytes
// through otherwise. Fails with kCorrupt when the output would exceed `max_output_bytes`, when the
// compressed stream is damaged, or when it ends inside a frame (truncation).
class DecompressingSource final : public ByteSource {
 public:
  DecompressingSource(ByteSource& raw, std::uint64_t max_output_bytes);
  ~DecompressingSource() override;

  Result<std::size_t> Read(void* buffer, std::size_t capacity) override;

  Compression detected() const { return detected_; }
  std::uint64_t input_bytes() const { return input_bytes_; }
  std::uint64_t output_bytes() const { return output_bytes_; }

 private:
  Result<std::size_t> FillInput();
  struct Zstd;
  ByteSource& raw_;
  std::uint64_t max_output_bytes_;
  std::unique_ptr<Zstd> zstd_;
  std::string in_;
  std::size_t in_pos_ = 0;
  std::size_t in_size_ = 0;
  bool started_ = false;
  bool raw_eof_ = false;
  bool frame_done_ = true;
  Compression detected_ = Compression::kNone;
  std::uint64_t input_bytes_ = 0;
  std::uint64_t output_bytes_ = 0;
};

}  // namespace kbulk::formats
