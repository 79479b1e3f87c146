// Feed writers: rows of cells out as CSV (RFC 4180 through libcsv; optional UTF-8 BOM and CRLF line ends),
// one JSON array, or NDJSON. Output is buffered and flushed in 64 KiB pieces: memory holds one row.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "feeds/cell_codec.h"

namespace kbulk::feeds {

enum class OutputFormat { kCsv, kJson, kNdjson };
Result<OutputFormat> ParseOutputFormat(std::string_view name);  // "csv", "json", "ndjson"

struct WriterOptions {
  OutputFormat format = OutputFormat::kCsv;
  bool bom = false;   // CSV: start with a UTF-8 byte order mark (spreadsheet programs then read UTF-8)
  bool crlf = false;  // CSV: end records with CRLF (RFC 4180) instead of LF
};

// One cell of a row, in both forms (cell_codec.h): the CSV text (nullopt = missing: an unquoted empty
// field) and the JSON value (serialized).
struct RowCell {
  std::optional<std::string> text;
  std::string json = "null";
};

// Quotes a CSV field when it must be (empty, a comma, a quote, CR or LF, or spaces at either end), doubling
// quotes, through libcsv's csv_write; else returns it unchanged. A missing field (nullopt) is "".
std::string CsvField(const std::optional<std::string>& text);

class FeedWriter {
 public:
  // `out` stays owned by the caller; `name` is used in messages.
  FeedWriter(std::FILE* out, std::string name, WriterOptions options);
  ~FeedWriter();
  FeedWriter(const FeedWriter&) = delete;
  FeedWriter& operator=(const FeedWriter&) = delete;

  // CSV: the header record; JSON: the opening "[". JSON and NDJSON leave out ".components" columns (the
  // rich text element's value carries its components).
  Status Begin(const Columns& columns);
  // `cells` in the columns' order.
  Status Row(const std::vector<RowCell>& cells);
  // JSON: the closing "]"; then flushes.
  Status Finish();

  std::uint64_t rows() const { return rows_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  Status Flush(bool force);

  std::FILE* out_;
  std::string name_;
  WriterOptions options_;
  std::vector<std::string> keys_;  // JSON: each column's key, already serialized ("" = left out)
  std::string buffer_;
  std::uint64_t rows_ = 0, bytes_ = 0;
};

}  // namespace kbulk::feeds
