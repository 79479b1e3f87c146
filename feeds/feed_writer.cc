// FeedWriter: CSV / JSON / NDJSON rows (feed_writer.h).
#include "feeds/feed_writer.h"

#include <csv.h>

#include <cerrno>
#include <cstring>

#include "core/json.h"

namespace kbulk::feeds {
namespace {

constexpr std::size_t kFlushAt = 64 * 1024;

bool NeedsQuotes(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t') return true;
  return s.find_first_of(",\"\r\n") != std::string_view::npos;
}

std::string JsonKey(std::string_view name) {
  JsonWriter writer;
  writer.String(name);
  return writer.str();
}

}  // namespace

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  if (name == "ndjson") return OutputFormat::kNdjson;
  return InvalidArgument("unknown feed format '" + std::string(name) + "' (csv, json or ndjson)");
}

std::string CsvField(const std::optional<std::string>& text) {
  if (!text) return {};
  if (!NeedsQuotes(*text)) return *text;
  std::string out(text->size() * 2 + 2, '\0');
  std::size_t n = csv_write(out.data(), out.size(), text->data(), text->size());
  out.resize(n);
  return out;
}

FeedWriter::FeedWriter(std::FILE* out, std::string name, WriterOptions options)
    : out_(out), name_(std::move(name)), options_(options) {}

FeedWriter::~FeedWriter() = default;

Status FeedWriter::Begin(const Columns& columns) {
  const char* eol = options_.crlf ? "\r\n" : "\n";
  if (options_.format == OutputFormat::kCsv) {
    if (options_.bom) buffer_ += "\xEF\xBB\xBF";
    bool first = true;
    for (const Column& column : columns.list) {
      if (!first) buffer_ += ',';
      first = false;
      buffer_ += CsvField(column.name);
    }
    buffer_ += eol;
  } else {
    for (const Column& column : columns.list) {
      keys_.push_back(column.kind == Column::Kind::kComponents ? std::string() : JsonKey(column.name));
    }
    if (options_.format == OutputFormat::kJson) buffer_ += "[";
  }
  return Flush(false);
}

Status FeedWriter::Row(const std::vector<RowCell>& cells) {
  if (options_.format == OutputFormat::kCsv) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) buffer_ += ',';
      buffer_ += CsvField(cells[i].text);
    }
    buffer_ += options_.crlf ? "\r\n" : "\n";
  } else {
    if (keys_.size() != cells.size())
      return Internal("feed row: " + std::to_string(cells.size()) + " cells for " + std::to_string(keys_.size()) +
                      " columns");
    if (options_.format == OutputFormat::kJson) buffer_ += rows_ == 0 ? "\n" : ",\n";
    buffer_ += '{';
    bool first = true;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (keys_[i].empty()) continue;
      if (!first) buffer_ += ',';
      first = false;
      buffer_ += keys_[i];
      buffer_ += ':';
      buffer_ += cells[i].json;
    }
    buffer_ += '}';
    if (options_.format == OutputFormat::kNdjson) buffer_ += '\n';
  }
  ++rows_;
  return Flush(false);
}

Status FeedWriter::Finish() {
  if (options_.format == OutputFormat::kJson) buffer_ += rows_ == 0 ? "]\n" : "\n]\n";
  KBULK_RETURN_IF_ERROR(Flush(true));
  if (std::fflush(out_) != 0) return IoError(name_ + ": write failed: " + std::strerror(errno));
  return Status::Ok();
}

Status FeedWriter::Flush(bool force) {
  if (buffer_.empty() || (!force && buffer_.size() < kFlushAt)) return Status::Ok();
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), out_) != buffer_.size()) {
    return IoError(name_ + ": write failed: " + std::strerror(errno));
  }
  bytes_ += buffer_.size();
  buffer_.clear();
  return Status::Ok();
}

}  // namespace kbulk::feeds
