// zstd streaming compression (ZSTD_CCtx with worker threads) and decompression with an output limit.
#include "formats/compression.h"

#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <thread>

namespace kbulk::formats {
namespace {

constexpr unsigned char kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};

class ZstdSink final : public ByteSink {
 public:
  ZstdSink(ByteSink& next, ZSTD_CCtx* cctx) : next_(next), cctx_(cctx), out_(ZSTD_CStreamOutSize(), '\0') {}
  ~ZstdSink() override { ZSTD_freeCCtx(cctx_); }

  Status Write(const void* data, std::size_t size) override {
    ZSTD_inBuffer in{data, size, 0};
    while (in.pos < in.size) {
      KBULK_RETURN_IF_ERROR(Step(in, ZSTD_e_continue));
    }
    return Status::Ok();
  }

  Status Close() override {
    if (closed_) return Status::Ok();
    closed_ = true;
    ZSTD_inBuffer in{nullptr, 0, 0};
    for (;;) {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      std::size_t remaining = ZSTD_compressStream2(cctx_, &out, &in, ZSTD_e_end);
      if (ZSTD_isError(remaining)) return Internal(std::string("zstd: ") + ZSTD_getErrorName(remaining));
      KBULK_RETURN_IF_ERROR(next_.Write(out_.data(), out.pos));
      if (remaining == 0) break;
    }
    return next_.Close();
  }

 private:
  Status Step(ZSTD_inBuffer& in, ZSTD_EndDirective mode) {
    ZSTD_outBuffer out{out_.data(), out_.size(), 0};
    std::size_t rc = ZSTD_compressStream2(cctx_, &out, &in, mode);
    if (ZSTD_isError(rc)) return Internal(std::string("zstd: ") + ZSTD_getErrorName(rc));
    if (out.pos > 0) return next_.Write(out_.data(), out.pos);
    return Status::Ok();
  }

  ByteSink& next_;
  ZSTD_CCtx* cctx_;
  std::string out_;
  bool closed_ = false;
};

class PassThroughSink final : public ByteSink {
 public:
  explicit PassThroughSink(ByteSink& next) : next_(next) {}
  Status Write(const void* data, std::size_t size) override { return next_.Write(data, size); }
  Status Close() override { return next_.Close(); }

 private:
  ByteSink& next_;
};

}  // namespace

std::string_view CompressionName(Compression c) {
  return c == Compression::kZstd ? "zstd" : "none";
}

Result<Compression> ParseCompression(std::string_view name) {
  if (name == "zstd") return Compression::kZstd;
  if (name == "none") return Compression::kNone;
  return InvalidArgument("unknown compression '" + std::string(name) + "' (expected zstd or none)");
}

Result<std::unique_ptr<ByteSink>> MakeCompressingSink(ByteSink& next, const CompressionOptions& options) {
  if (options.compression == Compression::kNone) return std::unique_ptr<ByteSink>(new PassThroughSink(next));
  ZSTD_bounds levels = ZSTD_cParam_getBounds(ZSTD_c_compressionLevel);
  if (options.level < 1 || options.level > std::min(levels.upperBound, 19)) {
    return InvalidArgument("zstd level " + std::to_string(options.level) + " is outside 1..19");
  }
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  if (cctx == nullptr) return Internal("zstd: cannot create a compression context");
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, options.level);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
  // nbWorkers fails (and we stay single-threaded) when libzstd was built without threads.
  if (threads > 1) ZSTD_CCtx_setParameter(cctx, ZSTD_c_nbWorkers, threads);
  return std::unique_ptr<ByteSink>(new ZstdSink(next, cctx));
}

struct DecompressingSource::Zstd {
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  ~Zstd() { ZSTD_freeDCtx(dctx); }
};

DecompressingSource::DecompressingSource(ByteSource& raw, std::uint64_t max_output_bytes)
    : raw_(raw), max_output_bytes_(max_output_bytes), in_(ZSTD_DStreamInSize(), '\0') {}

DecompressingSource::~DecompressingSource() = default;

Result<std::size_t> DecompressingSource::FillInput() {
  KBULK_ASSIGN_OR_RETURN(std::size_t n, raw_.Read(in_.data(), in_.size()));
  in_pos_ = 0;
  in_size_ = n;
  input_bytes_ += n;
  if (n == 0) raw_eof_ = true;
  return n;
}

Result<std::size_t> DecompressingSource::Read(void* buffer, std::size_t capacity) {
  if (!started_) {
    started_ = true;
    // Gather up to 4 bytes to recognise the zstd magic number.
    while (in_size_ < 4 && !raw_eof_) {
      KBULK_ASSIGN_OR_RETURN(std::size_t n, raw_.Read(in_.data() + in_size_, 4 - in_size_));
      if (n == 0) raw_eof_ = true;
      in_size_ += n;
      input_bytes_ += n;
    }
    if (in_size_ >= 4 && std::memcmp(in_.data(), kZstdMagic, 4) == 0) {
      detected_ = Compression::kZstd;
      zstd_ = std::make_unique<Zstd>();
      if (zstd_->dctx == nullptr) return Internal("zstd: cannot create a decompression context");
    }
  }
  std::size_t produced = 0;
  if (detected_ == Compression::kNone) {
    if (in_pos_ == in_size_ && !raw_eof_) KBULK_RETURN_IF_ERROR(FillInput().status());
    produced = std::min(capacity, in_size_ - in_pos_);
    std::memcpy(buffer, in_.data() + in_pos_, produced);
    in_pos_ += produced;
  } else {
    while (produced == 0) {
      // Call the decoder even without new input: it may still hold output from the previous call.
      ZSTD_inBuffer in{in_.data(), in_size_, in_pos_};
      ZSTD_outBuffer out{buffer, capacity, 0};
      std::size_t rc = ZSTD_decompressStream(zstd_->dctx, &out, &in);
      if (ZSTD_isError(rc)) return Corrupt(std::string("the compressed stream is damaged: ") + ZSTD_getErrorName(rc));
      if (in.pos != in_pos_ || out.pos > 0) frame_done_ = rc == 0;
      in_pos_ = in.pos;
      produced = out.pos;
      if (produced > 0) break;
      if (in_pos_ == in_size_) {
        if (raw_eof_) {
          if (!frame_done_) return Corrupt("the compressed stream is truncated (it ends inside a zstd frame)");
          return std::size_t{0};
        }
        KBULK_RETURN_IF_ERROR(FillInput().status());
      }
    }
  }
  output_bytes_ += produced;
  if (output_bytes_ > max_output_bytes_) {
    return Corrupt("the archive expands beyond the limit of " + std::to_string(max_output_bytes_) +
                   " bytes (a compression bomb, or raise the limit)");
  }
  return produced;
}

}  // namespace kbulk::formats
