// Splits an NDJSON entry's bytes, arriving in chunks, into records (lines) with a size limit per record.
// Holds at most one partial record in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kbulk::formats {

class RecordSplitter {
 public:
  using LineFn = std::function<Status(std::uint64_t number, std::string_view line)>;

  RecordSplitter(std::string entry, std::uint64_t max_record_size)
      : entry_(std::move(entry)), max_record_size_(max_record_size) {}

  // Calls `on_line` for every complete line in `chunk` (and the partial line held from earlier chunks).
  Status Feed(std::string_view chunk, const LineFn& on_line);
  // Fails when the entry ends inside a record (no final newline).
  Status Finish() const;

  std::uint64_t records() const { return records_; }

 private:
  Status Emit(std::string_view line, const LineFn& on_line);
  std::string entry_;
  std::uint64_t max_record_size_;
  std::string partial_;
  std::uint64_t records_ = 0;
};

}  // namespace kbulk::formats
