#include "feeds/csv_reader.h"

#include <csv.h>

#include <cerrno>
#include <cstring>

namespace kbulk::feeds {

struct CsvReader::Parser {
  csv_parser csv{};
  std::vector<CsvField> fields;
  std::deque<CsvRecord>* ready = nullptr;
  std::uint64_t rows = 0;

  static void OnField(void* data, std::size_t size, void* self_ptr) {
    auto* self = static_cast<Parser*>(self_ptr);
    CsvField field;
    // CSV_EMPTY_IS_NULL: an unquoted empty field arrives as a null pointer, a quoted one ("") as size 0.
    field.null = data == nullptr;
    if (data != nullptr) field.value.assign(static_cast<const char*>(data), size);
    self->fields.push_back(std::move(field));
  }
  static void OnRecord(int, void* self_ptr) {
    auto* self = static_cast<Parser*>(self_ptr);
    CsvRecord record;
    record.row = ++self->rows;
    record.fields = std::move(self->fields);
    self->fields.clear();
    self->ready->push_back(std::move(record));
  }
};

namespace {

int NeverSpace(unsigned char) {
  return 0;
}

}  // namespace

CsvReader::CsvReader(std::FILE* file, std::string name)
    : file_(file), name_(std::move(name)), parser_(std::make_unique<Parser>()) {
  csv_init(&parser_->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
  csv_set_space_func(&parser_->csv, NeverSpace);
  parser_->ready = &ready_;
}

CsvReader::~CsvReader() {
  csv_free(&parser_->csv);
}

Status CsvReader::Fill() {
  char buffer[65536];
  std::size_t n = std::fread(buffer, 1, sizeof buffer, file_);
  if (n == 0) {
    if (std::ferror(file_)) return IoError(name_ + ": read failed: " + std::strerror(errno));
    finished_ = true;
    if (csv_fini(&parser_->csv, Parser::OnField, Parser::OnRecord, parser_.get()) != 0)
      return InvalidArgument(name_ + ": row " + std::to_string(parser_->rows + 1) +
                             ": malformed CSV: a quoted field is not closed at the end of the file");
    return Status::Ok();
  }
  const char* data = buffer;
  if (at_start_) {
    at_start_ = false;
    if (n >= 3 && std::memcmp(buffer, "\xEF\xBB\xBF", 3) == 0) {
      data += 3;
      n -= 3;
    }
  }
  if (csv_parse(&parser_->csv, data, n, Parser::OnField, Parser::OnRecord, parser_.get()) != n) {
    return InvalidArgument(name_ + ": row " + std::to_string(parser_->rows + 1) + ": malformed CSV (" +
                           csv_strerror(csv_error(&parser_->csv)) +
                           "): a quote inside an unquoted field, or text after a closing quote");
  }
  return Status::Ok();
}

Result<bool> CsvReader::Next(CsvRecord& record) {
  while (ready_.empty() && !finished_) KBULK_RETURN_IF_ERROR(Fill());
  if (ready_.empty()) return false;
  record = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

std::string CsvEscape(std::string_view value, bool quote_empty) {
  bool quote = value.empty() ? quote_empty : (value.front() == ' ' || value.back() == ' ');
  for (char c : value) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') quote = true;
  }
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace kbulk::feeds
