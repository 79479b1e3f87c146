// NDJSON line splitting with a record size limit.
#include "formats/record_splitter.h"

#include "formats/archive_layout.h"

namespace kbulk::formats {

Status RecordSplitter::Emit(std::string_view line, const LineFn& on_line) {
  ++records_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty()) return Corrupt(Cat("entry '", entry_, "': record ", std::to_string(records_), " is an empty line"));
  return on_line(records_, line);
}

Status RecordSplitter::Feed(std::string_view chunk, const LineFn& on_line) {
  while (!chunk.empty()) {
    std::size_t newline = chunk.find('\n');
    std::size_t take = newline == std::string_view::npos ? chunk.size() : newline;
    if (partial_.size() + take > max_record_size_) {
      return Corrupt(Cat("entry '", entry_, "': record ", std::to_string(records_ + 1), " is larger than the limit of ",
                         std::to_string(max_record_size_), " bytes"));
    }
    if (newline == std::string_view::npos) {
      partial_.append(chunk);
      return Status::Ok();
    }
    if (partial_.empty()) {
      KBULK_RETURN_IF_ERROR(Emit(chunk.substr(0, newline), on_line));
    } else {
      partial_.append(chunk.substr(0, newline));
      KBULK_RETURN_IF_ERROR(Emit(partial_, on_line));
      partial_.clear();
    }
    chunk.remove_prefix(newline + 1);
  }
  return Status::Ok();
}

Status RecordSplitter::Finish() const {
  if (!partial_.empty()) {
    return Corrupt(Cat("entry '", entry_, "': record ", std::to_string(records_ + 1),
                       " is not terminated by a newline (truncated?)"));
  }
  return Status::Ok();
}

}  // namespace kbulk::formats
