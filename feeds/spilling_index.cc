// SpillingIndex (spilling_index.h). A run and the table hold records "<varint key size><varint value size>
// <key><value>" sorted by key; the table is cut into blocks of about kBlockSize bytes.
#include "feeds/spilling_index.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "formats/temp_files.h"

namespace kbulk::feeds {
namespace {

constexpr std::size_t kBlockSize = 4096;
constexpr std::size_t kEntryOverhead = 96;  // a hash map node with two strings, and its bucket
constexpr std::size_t kMaxRuns = 32;        // more are merged into the table at once
constexpr std::size_t kCachedBlocks = 16;
constexpr std::size_t kReadBuffer = 16 * 1024;

void PutVarint(std::string& out, std::uint64_t n) {
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
}

// Parses a varint at `pos`; false when the text ends inside it or it is too long.
bool GetVarint(std::string_view text, std::size_t& pos, std::uint64_t& n) {
  n = 0;
  for (int shift = 0; shift < 64 && pos < text.size(); shift += 7) {
    auto byte = static_cast<unsigned char>(text[pos++]);
    n |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

void PutRecord(std::string& out, std::string_view key, std::string_view value) {
  PutVarint(out, key.size());
  PutVarint(out, value.size());
  out.append(key);
  out.append(value);
}

// One record at `pos` of `text`: 1 = parsed, 0 = `text` ends before the record does, -1 = damaged.
int ParseRecord(std::string_view text, std::size_t& pos, std::string_view& key, std::string_view& value) {
  std::size_t at = pos;
  std::uint64_t key_size = 0, value_size = 0;
  if (!GetVarint(text, at, key_size) || !GetVarint(text, at, value_size)) {
    return text.size() - pos >= 20 ? -1 : 0;  // two varints take at most 20 bytes
  }
  if (key_size > text.size() || value_size > text.size() || text.size() - at < key_size + value_size) return 0;
  key = text.substr(at, key_size);
  value = text.substr(at + key_size, value_size);
  pos = at + key_size + value_size;
  return 1;
}

Status WriteAt(int fd, std::uint64_t offset, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError(std::string("feed name index: temporary file write failed: ") + std::strerror(errno));
    data.remove_prefix(static_cast<std::size_t>(n));
    offset += static_cast<std::uint64_t>(n);
  }
  return Status::Ok();
}

Status ReadAt(int fd, std::uint64_t offset, char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::pread(fd, data, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(std::string("feed name index: temporary file read failed: ") + std::strerror(errno));
    if (n == 0) return Corrupt("feed name index: temporary file ends early");
    data += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
  return Status::Ok();
}

// Reads the records of one run (or of the whole table) in order.
class RunReader {
 public:
  RunReader(int fd, std::uint64_t offset, std::uint64_t size) : fd_(fd), next_(offset), end_(offset + size) {}

  // The next record into key() / value(); false at the end.
  Result<bool> Next() {
    for (;;) {
      std::string_view text(buffer_);
      std::size_t pos = pos_;
      int parsed = ParseRecord(text, pos, key_, value_);
      if (parsed < 0) return Corrupt("feed name index: a damaged record in the temporary file");
      if (parsed > 0) {
        pos_ = pos;
        return true;
      }
      if (next_ == end_) {
        if (pos_ != buffer_.size()) return Corrupt("feed name index: a truncated record in the temporary file");
        return false;
      }
      buffer_.erase(0, pos_);  // invalidates key_ / value_, read again below
      pos_ = 0;
      std::size_t want = std::max(kReadBuffer, buffer_.size());
      std::size_t size = static_cast<std::size_t>(std::min<std::uint64_t>(want, end_ - next_));
      std::size_t old = buffer_.size();
      buffer_.resize(old + size);
      KBULK_RETURN_IF_ERROR(ReadAt(fd_, next_, buffer_.data() + old, size));
      next_ += size;
    }
  }
  std::string_view key() const { return key_; }
  std::string_view value() const { return value_; }

 private:
  int fd_;
  std::uint64_t next_, end_;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::string_view key_, value_;
};

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

SpillingIndex::SpillingIndex(std::size_t memory_budget, std::string temp_dir)
    : budget_(memory_budget), temp_dir_(std::move(temp_dir)), cache_(kCachedBlocks) {}

SpillingIndex::~SpillingIndex() {
  CloseFd(runs_fd_);
  CloseFd(table_fd_);
}

Status SpillingIndex::Put(std::string_view key, std::string_view value) {
  auto [it, added] = memory_.try_emplace(std::string(key));
  if (added) {
    memory_bytes_ += key.size() + kEntryOverhead;
  } else {
    memory_bytes_ -= it->second.size();
  }
  it->second.assign(value);
  memory_bytes_ += value.size();
  return memory_bytes_ > budget_ ? Spill() : Status::Ok();
}

Result<bool> SpillingIndex::Get(std::string_view key, std::string& value) {
  if (!memory_.empty()) {
    auto found = memory_.find(std::string(key));
    if (found != memory_.end()) {
      value = found->second;
      return true;
    }
  }
  if (!runs_.empty()) KBULK_RETURN_IF_ERROR(Seal());
  if (blocks_.empty()) return false;
  return FindInTable(key, value);
}

Status SpillingIndex::Spill() {
  if (memory_.empty()) return Status::Ok();
  if (runs_fd_ < 0) {
    KBULK_ASSIGN_OR_RETURN(runs_fd_, formats::CreateAnonymousTempFile(temp_dir_, "feed name index"));
  }
  std::vector<const std::pair<const std::string, std::string>*> sorted;
  sorted.reserve(memory_.size());
  for (const auto& entry : memory_) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  Run run{runs_end_, 0};
  std::string buffer;
  for (const auto* entry : sorted) {
    PutRecord(buffer, entry->first, entry->second);
    if (buffer.size() >= 64 * 1024) {
      KBULK_RETURN_IF_ERROR(WriteAt(runs_fd_, runs_end_, buffer));
      runs_end_ += buffer.size();
      buffer.clear();
    }
  }
  KBULK_RETURN_IF_ERROR(WriteAt(runs_fd_, runs_end_, buffer));
  runs_end_ += buffer.size();
  run.size = runs_end_ - run.offset;
  runs_.push_back(run);
  ++spills_;
  memory_ = {};  // gives the buckets back too
  memory_bytes_ = 0;
  return runs_.size() >= kMaxRuns ? Seal() : Status::Ok();
}

Status SpillingIndex::Seal() {
  // Sources from the oldest (the table) to the newest run: on equal keys the newest wins.
  std::vector<RunReader> readers;
  if (table_fd_ >= 0 && !blocks_.empty()) {
    readers.emplace_back(table_fd_, 0, blocks_.back().offset + blocks_.back().size);
  }
  for (const Run& run : runs_) readers.emplace_back(runs_fd_, run.offset, run.size);
  std::vector<bool> live(readers.size());
  for (std::size_t i = 0; i < readers.size(); ++i) {
    KBULK_ASSIGN_OR_RETURN(bool more, readers[i].Next());
    live[i] = more;
  }
  KBULK_ASSIGN_OR_RETURN(int fd, formats::CreateAnonymousTempFile(temp_dir_, "feed name index"));
  std::vector<Block> blocks;
  std::string block;
  std::uint64_t offset = 0;
  auto end_block = [&]() -> Status {
    if (block.empty()) return Status::Ok();
    Status written = WriteAt(fd, offset, block);
    blocks.back().size = block.size();
    offset += block.size();
    block.clear();
    return written;
  };
  Status status = Status::Ok();
  for (;;) {
    std::size_t newest = readers.size();  // the smallest key; among equal keys the newest source
    for (std::size_t i = 0; i < readers.size(); ++i) {
      if (live[i] && (newest == readers.size() || readers[i].key() <= readers[newest].key())) newest = i;
    }
    if (newest == readers.size()) break;
    std::string key(readers[newest].key());
    if (block.empty()) blocks.push_back({key, offset, 0});
    PutRecord(block, key, readers[newest].value());
    if (block.size() >= kBlockSize) status = end_block();
    for (std::size_t i = 0; status.ok() && i < readers.size(); ++i) {
      if (!live[i] || readers[i].key() != key) continue;
      auto more = readers[i].Next();
      if (!more.ok()) status = more.status();
      live[i] = more.ok() && *more;
    }
    if (!status.ok()) break;
  }
  if (status.ok()) status = end_block();
  if (!status.ok()) {
    ::close(fd);
    return status;
  }
  CloseFd(table_fd_);
  table_fd_ = fd;
  blocks_ = std::move(blocks);
  for (CachedBlock& cached : cache_) cached = CachedBlock{};
  runs_.clear();
  runs_end_ = 0;
  if (::ftruncate(runs_fd_, 0) != 0) {
    return IoError(std::string("feed name index: temporary file truncate failed: ") + std::strerror(errno));
  }
  return Status::Ok();
}

Result<bool> SpillingIndex::FindInTable(std::string_view key, std::string& value) {
  auto after = std::upper_bound(blocks_.begin(), blocks_.end(), key,
                                [](std::string_view k, const Block& block) { return k < block.first_key; });
  if (after == blocks_.begin()) return false;
  KBULK_ASSIGN_OR_RETURN(const std::string* block, ReadBlock(static_cast<std::size_t>(after - blocks_.begin()) - 1));
  std::string_view text(*block), record_key, record_value;
  for (std::size_t pos = 0; pos < text.size();) {
    if (ParseRecord(text, pos, record_key, record_value) <= 0) {
      return Corrupt("feed name index: a damaged block in the temporary file");
    }
    if (record_key == key) {
      value.assign(record_value);
      return true;
    }
    if (record_key > key) break;
  }
  return false;
}

Result<const std::string*> SpillingIndex::ReadBlock(std::size_t index) {
  CachedBlock& cached = cache_[index % cache_.size()];
  if (cached.index != index) {
    const Block& block = blocks_[index];
    cached.index = static_cast<std::size_t>(-1);
    cached.data.resize(block.size);
    KBULK_RETURN_IF_ERROR(ReadAt(table_fd_, block.offset, cached.data.data(), cached.data.size()));
    cached.index = index;
  }
  return &cached.data;
}

}  // namespace kbulk::feeds
