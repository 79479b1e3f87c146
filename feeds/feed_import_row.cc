// RowDecoder and RejectedWriter (feed_import_row.h).
#include "feeds/feed_import_row.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/json.h"

namespace kbulk::feeds {
namespace {

bool IsSystem(std::string_view name) {
  return std::find(std::begin(kSystemColumns), std::end(kSystemColumns), name) != std::end(kSystemColumns);
}

std::optional<std::string_view> CellAt(const FeedRow& row, std::size_t position) {
  if (position >= row.fields.size() || row.fields[position].null) return std::nullopt;
  return std::string_view(row.fields[position].value);
}

std::string ColumnNames(const Columns& columns) {
  std::string names;
  for (std::string_view s : kSystemColumns) names += (names.empty() ? "" : ", ") + std::string(s);
  for (const Column& c : columns.list) {
    if (c.kind != Column::Kind::kSystem) names += ", " + c.name;
  }
  return names;
}

}  // namespace

Result<RowDecoder> RowDecoder::ForCsv(const std::vector<std::string>& header, const Columns& columns) {
  RowDecoder decoder(columns);
  decoder.csv_ = true;
  decoder.header_size_ = header.size();
  std::map<std::string, std::size_t> components;
  for (std::size_t p = 0; p < header.size(); ++p) {
    const std::string& name = header[p];
    if (IsSystem(name)) {
      decoder.system_.emplace_back(name, p);
      continue;
    }
    const Column* column = columns.Find(name);
    if (column == nullptr || column->kind == Column::Kind::kSystem) {
      return InvalidArgument("column '" + name + "' is not a column of content type '" + columns.type_codename +
                             "' (its columns: " + ColumnNames(columns) + ")");
    }
    if (column->kind == Column::Kind::kComponents) {
      components[column->codename] = p;
      continue;
    }
    decoder.elements_.push_back({static_cast<std::size_t>(column - columns.list.data()), p, std::nullopt});
  }
  for (auto& element : decoder.elements_) {
    auto it = components.find(columns.list[element.column].codename);
    if (it != components.end()) element.components = it->second;
  }
  return decoder;
}

RowDecoder RowDecoder::ForJson(const Columns& columns) {
  return RowDecoder(columns);
}

DecodedRow RowDecoder::Decode(const FeedRow& row) const {
  return csv_ ? DecodeCsv(row) : DecodeJson(row);
}

DecodedRow RowDecoder::DecodeCsv(const FeedRow& row) const {
  DecodedRow out;
  if (row.fields.size() > header_size_) {
    out.problems.push_back(
        {row.row, "",
         std::to_string(row.fields.size()) + " fields, the header has " + std::to_string(header_size_) + " columns"});
    return out;
  }
  for (const auto& [name, position] : system_) {
    auto cell = CellAt(row, position);
    out.system[name] = cell ? std::optional<std::string>(std::string(*cell)) : std::nullopt;
  }
  for (const ElementAt& at : elements_) {
    const Column& column = columns_->list[at.column];
    auto components = at.components ? CellAt(row, *at.components) : std::nullopt;
    auto decoded = DecodeCell(column, CellAt(row, at.position), components);
    if (!decoded.ok()) {
      out.problems.push_back({row.row, column.name, decoded.status().message()});
      continue;
    }
    out.elements.push_back({at.column, std::move(*decoded)});
  }
  return out;
}

DecodedRow RowDecoder::DecodeJson(const FeedRow& row) const {
  DecodedRow out;
  auto doc = ParseJson(row.json);
  if (!doc.ok() || !doc->IsObject()) {
    out.problems.push_back({row.row, "", doc.ok() ? "not a JSON object" : "not JSON: " + doc.status().message()});
    return out;
  }
  for (const auto& member : doc->GetObject()) {
    std::string name(member.name.GetString(), member.name.GetStringLength());
    if (IsSystem(name)) {
      if (member.value.IsString()) {
        out.system[name] = std::string(member.value.GetString(), member.value.GetStringLength());
      } else if (member.value.IsNull()) {
        out.system[name] = std::nullopt;
      } else {
        out.problems.push_back({row.row, name, "not a string"});
      }
      continue;
    }
    const Column* column = columns_->Find(name);
    if (column == nullptr || column->kind != Column::Kind::kElement) {
      out.problems.push_back({row.row, name, "not a column of content type '" + columns_->type_codename + "'"});
      continue;
    }
    auto decoded = DecodeJsonValue(*column, ToJsonString(member.value));
    if (!decoded.ok()) {
      out.problems.push_back({row.row, name, decoded.status().message()});
      continue;
    }
    out.elements.push_back({static_cast<std::size_t>(column - columns_->list.data()), std::move(*decoded)});
  }
  return out;
}

Result<RejectedWriter> RejectedWriter::Open(const std::string& path, FeedFormat format,
                                            const std::vector<std::string>& header) {
  // Owner-only, as the import's report: the rows hold content (an existing regular file is made owner-only).
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  struct stat st {};
  std::FILE* file = nullptr;
  if (fd >= 0 && ::fstat(fd, &st) == 0 && (!S_ISREG(st.st_mode) || ::fchmod(fd, 0600) == 0)) file = ::fdopen(fd, "wb");
  if (file == nullptr) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    return IoError("cannot write the rejected rows to " + path + ": " + std::strerror(error));
  }
  RejectedWriter writer(file, path, format);
  std::string head;
  if (format == FeedFormat::kCsv) {
    for (std::size_t i = 0; i < header.size(); ++i) head += (i ? "," : "") + CsvEscape(header[i], true);
    head += "\r\n";
  } else if (format == FeedFormat::kJson) {
    head = "[";
  }
  if (!head.empty() && std::fwrite(head.data(), 1, head.size(), file) != head.size())
    return IoError("cannot write " + path + ": " + std::strerror(errno));
  return writer;
}

RejectedWriter::RejectedWriter(RejectedWriter&& other) noexcept
    : file_(std::exchange(other.file_, nullptr)),
      path_(std::move(other.path_)),
      format_(other.format_),
      count_(other.count_) {}

RejectedWriter::~RejectedWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status RejectedWriter::Write(const FeedRow& row) {
  std::string text;
  if (format_ == FeedFormat::kCsv) {
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      const CsvField& field = row.fields[i];
      text += (i ? "," : "") + (field.null ? std::string() : CsvEscape(field.value, true));
    }
    text += "\r\n";
  } else if (format_ == FeedFormat::kJson) {
    text = (count_ ? ",\n" : "\n") + row.json;
  } else {
    text = row.json + "\n";
  }
  ++count_;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size())
    return IoError("cannot write " + path_ + ": " + std::strerror(errno));
  return Status::Ok();
}

Status RejectedWriter::Close() {
  if (format_ == FeedFormat::kJson) {
    const char* tail = count_ ? "\n]\n" : "]\n";
    std::fputs(tail, file_);
  }
  int rc = std::fclose(std::exchange(file_, nullptr));
  if (rc != 0) return IoError("cannot write " + path_ + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace kbulk::feeds
