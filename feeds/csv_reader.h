// CsvReader: RFC 4180 records from a byte stream through libcsv (strict mode: a stray quote or an
// unterminated quoted field is an error naming the row). A UTF-8 BOM at the start is skipped; CRLF, LF and
// CR line ends are accepted; blank lines are skipped; spaces around unquoted fields are kept (libcsv trims
// them by default). Reads the input in 64 KiB chunks and holds at most the records of one chunk, so memory
// is bounded by the longest record, never the file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace kbulk::feeds {

struct CsvField {
  std::string value;
  bool null = false;  // an unquoted empty field (a missing value); a quoted "" is an empty string
};

struct CsvRecord {
  std::uint64_t row = 0;  // 1 = the first record (the header), as a spreadsheet numbers rows
  std::vector<CsvField> fields;
};

class CsvReader {
 public:
  // `file` stays owned by the caller; `name` is used in messages.
  CsvReader(std::FILE* file, std::string name);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next record; false at the end of the input.
  Result<bool> Next(CsvRecord& record);

  struct Parser;  // libcsv state and callbacks (csv_reader.cc)

 private:
  Status Fill();

  std::FILE* file_;
  std::string name_;
  std::unique_ptr<Parser> parser_;
  std::deque<CsvRecord> ready_;
  bool at_start_ = true, finished_ = false;
};

// One field as RFC 4180 writes it: quoted when it holds a comma, quote, CR, LF or leading/trailing space,
// or when `quote_empty` and it is empty.
std::string CsvEscape(std::string_view value, bool quote_empty);

}  // namespace kbulk::feeds
