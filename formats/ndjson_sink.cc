// NdjsonSink: validates records and spools them to an unlinked temporary file until the entry is committed.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/sha256.h"
#include "formats/archive_writer.h"
#include "formats/temp_files.h"

namespace kbulk::formats {

struct NdjsonSink::Spool {
  int fd = -1;
  std::string buffer;
  Sha256 hash;
  ~Spool() {
    if (fd >= 0) ::close(fd);
  }
  Status Flush() {
    std::size_t pos = 0;
    while (pos < buffer.size()) {
      ssize_t n = ::write(fd, buffer.data() + pos, buffer.size() - pos);
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError(std::string("writing a spool file: ") + std::strerror(errno));
      }
      pos += static_cast<std::size_t>(n);
    }
    buffer.clear();
    return Status::Ok();
  }
};

namespace {

class SpoolSource final : public ByteSource {
 public:
  explicit SpoolSource(int fd) : fd_(fd) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    for (;;) {
      ssize_t n = ::read(fd_, buffer, capacity);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) return IoError(std::string("reading a spool file: ") + std::strerror(errno));
    }
  }

 private:
  int fd_;
};

}  // namespace

NdjsonSink::NdjsonSink(ArchiveWriter& writer, std::string path, std::unique_ptr<Spool> spool)
    : writer_(writer), path_(std::move(path)), spool_(std::move(spool)) {}

NdjsonSink::~NdjsonSink() {
  if (!committed_) writer_.open_sinks_.erase(writer_.open_sinks_.find(path_));
}

Result<std::unique_ptr<NdjsonSink>> ArchiveWriter::BeginNdjson(std::string_view path) {
  EntryKind kind = ClassifyEntry(path);
  if (!IsRecordStream(kind)) return InvalidArgument(Cat("\'", path, "' is not an NDJSON entry name"));
  KBULK_RETURN_IF_ERROR(CheckNewEntry(path, kind));
  auto spool = std::make_unique<NdjsonSink::Spool>();
  // Anonymous from its creation: nothing is left behind, whatever happens.
  KBULK_ASSIGN_OR_RETURN(spool->fd, CreateAnonymousTempFile(options_.spool_dir, "record spool"));
  open_sinks_.insert(std::string(path));
  return std::unique_ptr<NdjsonSink>(new NdjsonSink(*this, std::string(path), std::move(spool)));
}

Status NdjsonSink::Append(std::string_view record_json) {
  if (committed_) return Internal("append to committed entry '" + path_ + "'");
  std::string what = path_ + " record " + std::to_string(records_ + 1);
  KBULK_RETURN_IF_ERROR(CheckJsonObject(record_json, what, writer_.options_.max_record_size));
  std::size_t start = spool_->buffer.size();
  spool_->buffer.append(record_json);
  for (std::size_t i = start; i < spool_->buffer.size(); ++i) {
    if (spool_->buffer[i] == '\n' || spool_->buffer[i] == '\r') spool_->buffer[i] = ' ';
  }
  spool_->buffer.push_back('\n');
  std::string_view line(spool_->buffer.data() + start, spool_->buffer.size() - start);
  spool_->hash.Update(line);
  bytes_ += line.size();
  ++records_;
  if (spool_->buffer.size() >= (1u << 20)) return spool_->Flush();
  return Status::Ok();
}

Status NdjsonSink::Commit() {
  if (committed_) return Internal("entry '" + path_ + "' committed twice");
  KBULK_RETURN_IF_ERROR(spool_->Flush());
  if (::lseek(spool_->fd, 0, SEEK_SET) != 0) return IoError("rewinding the spool file of '" + path_ + "'");
  SpoolSource source(spool_->fd);
  committed_ = true;
  writer_.open_sinks_.erase(writer_.open_sinks_.find(path_));
  return writer_.WriteEntry(path_, ClassifyEntry(path_), bytes_, records_, spool_->hash.FinishHex(), source,
                            /*rehash=*/false);
}

}  // namespace kbulk::formats
