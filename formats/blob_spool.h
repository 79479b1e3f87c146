// BlobSpool: where a binary lands while it is downloaded, before it can join an archive. A tar entry needs
// its name (the SHA-256) and size before its bytes, so a download is hashed while it is written to an
// unlinked temporary file (nothing is left behind, whatever happens) and added afterwards:
//
//   auto spool = BlobSpool::Create(dir);            // one per download; downloads may run in parallel
//   spool->Write(chunk, n) ...;                     // as the body arrives
//   KBULK_ASSIGN_OR_RETURN(std::string sha, spool->Finish());
//   if (!writer.HasBlob(sha)) writer.AddBlob(sha, spool->size(), *spool->Reader());
//
// Not thread-safe: one thread uses one spool at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/sha256.h"
#include "formats/byte_stream.h"

namespace kbulk::formats {

class BlobSpool final : public ByteSink {
 public:
  // `dir` empty = $TMPDIR or /tmp.
  static Result<std::unique_ptr<BlobSpool>> Create(const std::string& dir);
  ~BlobSpool() override;

  Status Write(const void* data, std::size_t size) override;
  Status Close() override { return Finish().status(); }
  // Ends writing; returns the lowercase hex SHA-256 of everything written. Idempotent.
  Result<std::string> Finish();

  std::uint64_t size() const { return size_; }
  // Reads the spooled bytes from the start. REQUIRES: Finish() succeeded. One reader at a time.
  Result<std::unique_ptr<ByteSource>> Reader();

 private:
  explicit BlobSpool(int fd) : fd_(fd) {}
  int fd_;
  Sha256 hash_;
  std::uint64_t size_ = 0;
  std::string sha256_;
};

}  // namespace kbulk::formats
