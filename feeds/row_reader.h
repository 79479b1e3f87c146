// Rows of a feed file, one at a time (bounded memory: never the whole file): CSV records through
// CsvReader (the first record is the header), or the objects of a JSON array or of NDJSON, split by a
// small scanner that holds one object's text. A row keeps what it was read as, so a rejected row is written
// back byte for byte in the same shape.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "feeds/csv_reader.h"

namespace kbulk::feeds {

enum class FeedFormat { kCsv, kJson, kNdjson };
std::string_view FeedFormatName(FeedFormat format);
// "csv", "json", "ndjson"; or from a file name's extension (.csv, .json, .ndjson, .jsonl).
Result<FeedFormat> ParseFeedFormat(std::string_view name);
Result<FeedFormat> FeedFormatOfPath(std::string_view path);

struct FeedRow {
  // CSV: the record's row as a spreadsheet numbers it (the header is row 1); JSON and NDJSON: the object's
  // position in the file, from 1.
  std::uint64_t row = 0;
  std::vector<CsvField> fields;  // CSV: in header order (a short record has fewer)
  std::string json;              // JSON / NDJSON: the object's text as read
};

class RowReader {
 public:
  virtual ~RowReader() = default;
  virtual FeedFormat format() const = 0;
  // CSV: the header's column names (read when the reader is opened); empty for JSON / NDJSON.
  virtual const std::vector<std::string>& header() const = 0;
  // The next row; false at the end of the input.
  virtual Result<bool> Next(FeedRow& row) = 0;
};

// `file` stays owned by the caller. A CSV file without a header record is an error; so are empty or
// duplicate column names.
Result<std::unique_ptr<RowReader>> OpenRowReader(std::FILE* file, std::string name, FeedFormat format);

// Splits a JSON array of objects or NDJSON (objects one per line; any whitespace between them is
// accepted) into the objects' texts. Errors name the object's position and the byte offset.
class JsonObjectSplitter {
 public:
  JsonObjectSplitter(std::FILE* file, std::string name) : file_(file), name_(std::move(name)) {}
  // The next object's text; false at the end (after the closing ']' of an array).
  Result<bool> Next(std::string& object);
  std::uint64_t count() const { return count_; }

 private:
  Result<int> Peek();  // the next byte, or -1 at the end of the input
  void Take() {
    ++pos_;
    ++offset_;
  }
  Status Error(std::string_view what) const;
  Result<int> SkipSpace();

  std::FILE* file_;
  std::string name_;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::uint64_t offset_ = 0, count_ = 0;
  enum class Mode { kStart, kArray, kLines, kDone } mode_ = Mode::kStart;
};

}  // namespace kbulk::feeds
