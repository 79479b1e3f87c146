// A feed row as the import uses it: its system cells and its element cells decoded by the cell codec (in
// the codec's upsert form), whatever the file's format. And the rejected-rows file, in the input's format.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "feeds/cell_codec.h"
#include "feeds/feed_import.h"
#include "feeds/row_reader.h"

namespace kbulk::feeds {

struct DecodedRow {
  std::map<std::string, std::optional<std::string>> system;  // system column -> cell (nullopt = missing)
  struct Element {
    std::size_t column = 0;  // index in Columns::list
    std::string json;        // the decoded element object
  };
  std::vector<Element> elements;
  std::vector<RowProblem> problems;  // cells that did not decode
};

// How a file's columns map to the type's (CSV: from the header; JSON: per row from the members).
class RowDecoder {
 public:
  // CSV: every header name must be a column of the type (an unknown one fails, naming it and the type).
  static Result<RowDecoder> ForCsv(const std::vector<std::string>& header, const Columns& columns);
  static RowDecoder ForJson(const Columns& columns);

  DecodedRow Decode(const FeedRow& row) const;

 private:
  explicit RowDecoder(const Columns& columns) : columns_(&columns) {}
  DecodedRow DecodeCsv(const FeedRow& row) const;
  DecodedRow DecodeJson(const FeedRow& row) const;

  const Columns* columns_;
  bool csv_ = false;
  std::size_t header_size_ = 0;
  std::vector<std::pair<std::string, std::size_t>> system_;  // system column -> header position
  struct ElementAt {
    std::size_t column, position;
    std::optional<std::size_t> components;  // header position of "<codename>.components"
  };
  std::vector<ElementAt> elements_;
};

// Bad rows written as they were read: CSV with the input's header, a JSON array, or NDJSON lines.
class RejectedWriter {
 public:
  static Result<RejectedWriter> Open(const std::string& path, FeedFormat format,
                                     const std::vector<std::string>& header);
  RejectedWriter(RejectedWriter&& other) noexcept;
  RejectedWriter& operator=(RejectedWriter&&) = delete;
  ~RejectedWriter();
  Status Write(const FeedRow& row);
  Status Close();

 private:
  RejectedWriter(std::FILE* file, std::string path, FeedFormat format)
      : file_(file), path_(std::move(path)), format_(format) {}
  std::FILE* file_ = nullptr;
  std::string path_;
  FeedFormat format_;
  std::uint64_t count_ = 0;
};

}  // namespace kbulk::feeds
