// FeedWriter: CSV per RFC 4180 (quotes, commas, newlines, multi-byte, BOM, CRLF, empty vs missing), JSON
// and NDJSON shapes.
#include <catch2/catch.hpp>

#include <cstdio>

#include "feeds/feed_writer.h"

namespace kbulk::feeds {
namespace {

Columns TwoColumns() {
  Columns columns;
  Column a;
  a.name = "id";
  Column b;
  b.kind = Column::Kind::kElement;
  b.name = b.codename = "body";
  b.type = "rich_text";
  Column c = b;
  c.kind = Column::Kind::kComponents;
  c.name = "body.components";
  columns.list = {a, b, c};
  return columns;
}

RowCell Cell(std::optional<std::string> text, std::string json = "null") {
  RowCell cell;
  cell.text = std::move(text);
  cell.json = std::move(json);
  return cell;
}

std::string Write(const WriterOptions& options, const std::vector<std::vector<RowCell>>& rows) {
  std::FILE* file = std::tmpfile();
  REQUIRE(file != nullptr);
  FeedWriter writer(file, "test", options);
  REQUIRE(writer.Begin(TwoColumns()).ok());
  for (const auto& row : rows) REQUIRE(writer.Row(row).ok());
  REQUIRE(writer.Finish().ok());
  CHECK(writer.rows() == rows.size());
  std::rewind(file);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) out.append(buffer, n);
  std::fclose(file);
  CHECK(writer.bytes() == out.size());
  return out;
}

TEST_CASE("CSV fields are quoted only when they must be - missing is an unquoted empty field") {
  CHECK(CsvField(std::nullopt).empty());
  CHECK(CsvField(std::string()) == "\"\"");
  CHECK(CsvField(std::string("plain")) == "plain");
  CHECK(CsvField(std::string("a,b")) == "\"a,b\"");
  CHECK(CsvField(std::string("say \"hi\"")) == "\"say \"\"hi\"\"\"");
  CHECK(CsvField(std::string("two\nlines")) == "\"two\nlines\"");
  CHECK(CsvField(std::string("cr\rhere")) == "\"cr\rhere\"");
  CHECK(CsvField(std::string(" padded")) == "\" padded\"");
  CHECK(CsvField(std::string("\xC5\xBElu\xC5\xA5ou\xC4\x8Dk\xC3\xBD k\xC5\xAF\xC5\x88 \xF0\x9F\x90\x8E")) ==
        "\xC5\xBElu\xC5\xA5ou\xC4\x8Dk\xC3\xBD k\xC5\xAF\xC5\x88 \xF0\x9F\x90\x8E");
}

TEST_CASE("CSV: header, records, LF by default - BOM and CRLF on request") {
  std::vector<std::vector<RowCell>> rows = {{Cell("1"), Cell("<p>a, \"b\"\nc</p>"), Cell(std::nullopt)},
                                            {Cell("2"), Cell(std::string()), Cell("[{\"id\":\"x\"}]")}};
  CHECK(Write({}, rows) ==
        "id,body,body.components\n1,\"<p>a, \"\"b\"\"\nc</p>\",\n2,\"\",\"[{\"\"id\"\":\"\"x\"\"}]\"\n");
  WriterOptions spreadsheet;
  spreadsheet.bom = true;
  spreadsheet.crlf = true;
  CHECK(Write(spreadsheet, rows) ==
        "\xEF\xBB\xBFid,body,body.components\r\n1,\"<p>a, \"\"b\"\"\nc</p>\",\r\n2,\"\","
        "\"[{\"\"id\"\":\"\"x\"\"}]\"\r\n");
  CHECK(Write({}, {}) == "id,body,body.components\n");
}

TEST_CASE("JSON: one array of objects keyed by column - NDJSON: one object a line - components stay inside") {
  std::vector<std::vector<RowCell>> rows = {
      {Cell("1", "\"1\""), Cell("<p/>", "{\"value\":\"<p/>\",\"components\":[]}"), Cell(std::nullopt)},
      {Cell("2", "\"2\""), Cell(std::nullopt, "null"), Cell(std::nullopt)}};
  WriterOptions json;
  json.format = OutputFormat::kJson;
  CHECK(Write(json, rows) ==
        "[\n{\"id\":\"1\",\"body\":{\"value\":\"<p/>\",\"components\":[]}},\n{\"id\":\"2\",\"body\":null}\n]\n");
  CHECK(Write(json, {}) == "[]\n");
  WriterOptions ndjson;
  ndjson.format = OutputFormat::kNdjson;
  CHECK(Write(ndjson, rows) ==
        "{\"id\":\"1\",\"body\":{\"value\":\"<p/>\",\"components\":[]}}\n{\"id\":\"2\",\"body\":null}\n");
  CHECK(Write(ndjson, {}).empty());
  CHECK(ParseOutputFormat("ndjson").ok());
  auto bad = ParseOutputFormat("xlsx");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "unknown feed format 'xlsx' (csv, json or ndjson)");
}

}  // namespace
}  // namespace kbulk::feeds
