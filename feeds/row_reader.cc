#include "feeds/row_reader.h"

#include <set>

namespace kbulk::feeds {
namespace {

class CsvRows : public RowReader {
 public:
  CsvRows(std::FILE* file, std::string name) : csv_(file, std::move(name)) {}
  Status ReadHeader(const std::string& name) {
    CsvRecord record;
    KBULK_ASSIGN_OR_RETURN(bool any, csv_.Next(record));
    if (!any) return InvalidArgument(name + ": no header row");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      const std::string& column = record.fields[i].value;
      if (column.empty()) return InvalidArgument(name + ": column " + std::to_string(i + 1) + " has no name");
      if (!seen.insert(column).second) return InvalidArgument(name + ": column '" + column + "' appears twice");
      header_.push_back(column);
    }
    return Status::Ok();
  }
  FeedFormat format() const override { return FeedFormat::kCsv; }
  const std::vector<std::string>& header() const override { return header_; }
  Result<bool> Next(FeedRow& row) override {
    CsvRecord record;
    KBULK_ASSIGN_OR_RETURN(bool any, csv_.Next(record));
    if (!any) return false;
    row.row = record.row;
    row.fields = std::move(record.fields);
    row.json.clear();
    return true;
  }

 private:
  CsvReader csv_;
  std::vector<std::string> header_;
};

class JsonRows : public RowReader {
 public:
  JsonRows(std::FILE* file, std::string name, FeedFormat format) : splitter_(file, std::move(name)), format_(format) {}
  FeedFormat format() const override { return format_; }
  const std::vector<std::string>& header() const override { return header_; }
  Result<bool> Next(FeedRow& row) override {
    row.fields.clear();
    KBULK_ASSIGN_OR_RETURN(bool any, splitter_.Next(row.json));
    row.row = splitter_.count();
    return any;
  }

 private:
  JsonObjectSplitter splitter_;
  FeedFormat format_;
  std::vector<std::string> header_;
};

}  // namespace

std::string_view FeedFormatName(FeedFormat format) {
  switch (format) {
    case FeedFormat::kCsv: return "csv";
    case FeedFormat::kJson: return "json";
    case FeedFormat::kNdjson: return "ndjson";
  }
  return "?";
}

Result<FeedFormat> ParseFeedFormat(std::string_view name) {
  if (name == "csv") return FeedFormat::kCsv;
  if (name == "json") return FeedFormat::kJson;
  if (name == "ndjson" || name == "jsonl") return FeedFormat::kNdjson;
  return InvalidArgument("unknown feed format '" + std::string(name) + "' (csv, json or ndjson)");
}

Result<FeedFormat> FeedFormatOfPath(std::string_view path) {
  std::size_t dot = path.rfind('.');
  std::size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return InvalidArgument("cannot tell the format of '" + std::string(path) + "' from its name: pass --format");
  auto format = ParseFeedFormat(path.substr(dot + 1));
  if (!format.ok())
    return InvalidArgument("cannot tell the format of '" + std::string(path) + "' from its name: pass --format");
  return format;
}

Result<std::unique_ptr<RowReader>> OpenRowReader(std::FILE* file, std::string name, FeedFormat format) {
  if (format == FeedFormat::kCsv) {
    auto rows = std::make_unique<CsvRows>(file, name);
    KBULK_RETURN_IF_ERROR(rows->ReadHeader(name));
    return std::unique_ptr<RowReader>(std::move(rows));
  }
  return std::unique_ptr<RowReader>(std::make_unique<JsonRows>(file, std::move(name), format));
}

}  // namespace kbulk::feeds
