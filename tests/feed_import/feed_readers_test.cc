// The feed import's readers: CSV through libcsv (quotes, commas, newlines, UTF-8, BOM, CRLF, missing vs
// empty, malformed input named by row) and JSON arrays / NDJSON split one object at a time.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "feeds/row_reader.h"

using namespace kbulk;
using namespace kbulk::feeds;

namespace {

struct Temp {
  std::FILE* file;
  explicit Temp(const std::string& bytes) : file(std::tmpfile()) {
    std::fwrite(bytes.data(), 1, bytes.size(), file);
    std::rewind(file);
  }
  ~Temp() { std::fclose(file); }
};

std::vector<FeedRow> ReadAll(const std::string& bytes, FeedFormat format, std::vector<std::string>* header = nullptr) {
  Temp temp(bytes);
  auto reader = OpenRowReader(temp.file, "feed", format);
  INFO(reader.status().message());
  REQUIRE(reader.ok());
  if (header != nullptr) *header = (*reader)->header();
  std::vector<FeedRow> rows;
  FeedRow row;
  for (;;) {
    auto next = (*reader)->Next(row);
    INFO(next.status().message());
    REQUIRE(next.ok());
    if (!*next) break;
    rows.push_back(row);
  }
  return rows;
}

Status ReadError(const std::string& bytes, FeedFormat format) {
  Temp temp(bytes);
  auto reader = OpenRowReader(temp.file, "feed", format);
  if (!reader.ok()) return reader.status();
  FeedRow row;
  for (;;) {
    auto next = (*reader)->Next(row);
    if (!next.ok()) return next.status();
    if (!*next) return Status::Ok();
  }
}

}  // namespace

TEST_CASE("CSV: quotes, commas, embedded newlines, multi-byte text, BOM and CRLF", "[feeds][csv]") {
  std::vector<std::string> header;
  auto rows = ReadAll(
      "\xEF\xBB\xBF"
      "codename,title,body\r\n"
      "a,\"Hello, \"\"world\"\"\",\"<p>line 1\r\nline 2</p>\"\r\n"
      "b,Über Röstungen ☕, spaced \r\n",
      FeedFormat::kCsv, &header);
  CHECK(header == std::vector<std::string>{"codename", "title", "body"});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].row == 2);
  CHECK(rows[0].fields[1].value == "Hello, \"world\"");
  CHECK(rows[0].fields[2].value == "<p>line 1\r\nline 2</p>");
  CHECK(rows[1].row == 3);
  CHECK(rows[1].fields[1].value == "Über Röstungen ☕");
  CHECK(rows[1].fields[2].value == " spaced ");  // spaces around an unquoted field are kept
}

TEST_CASE("CSV: an unquoted empty field is missing, a quoted one is an empty string", "[feeds][csv]") {
  auto rows = ReadAll("codename,title,number\na,,\"\"\n", FeedFormat::kCsv);
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].fields.size() == 3);
  CHECK(rows[0].fields[1].null);
  CHECK_FALSE(rows[0].fields[2].null);
  CHECK(rows[0].fields[2].value.empty());
}

TEST_CASE("CSV: LF and CR line ends, blank lines and no final line end", "[feeds][csv]") {
  CHECK(ReadAll("h\n1\n\n2", FeedFormat::kCsv).size() == 2);
  CHECK(ReadAll("h\r1\r2\r", FeedFormat::kCsv).size() == 2);
}

TEST_CASE("CSV: malformed input is an error naming the row", "[feeds][csv]") {
  Status stray = ReadError("a,b\n1,x\"y\n", FeedFormat::kCsv);
  CHECK(stray.message().find("row 2") != std::string::npos);
  Status open = ReadError("a,b\n1,2\n3,\"never closed\n", FeedFormat::kCsv);
  CHECK_FALSE(open.ok());
  CHECK(open.message().find("row 3") != std::string::npos);
  CHECK(ReadError("", FeedFormat::kCsv).message().find("no header") != std::string::npos);
  CHECK(ReadError("a,a\n", FeedFormat::kCsv).message().find("'a' appears twice") != std::string::npos);
}

TEST_CASE("CSV: escaping for the rejected-rows file reads back the same", "[feeds][csv]") {
  for (std::string value : {"plain", "a,b", "say \"hi\"", "two\nlines", " lead", ""}) {
    auto rows = ReadAll("h\n" + CsvEscape(value, true) + "\n", FeedFormat::kCsv);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].fields[0].value == value);
    CHECK_FALSE(rows[0].fields[0].null);
  }
}

TEST_CASE("JSON: an array of objects is split one object at a time", "[feeds][json]") {
  auto rows = ReadAll(" [ {\"a\":\"}{\\\"]\"}, {\"b\":[1,{\"c\":2}]}\n]\n", FeedFormat::kJson);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].json == "{\"a\":\"}{\\\"]\"}");
  CHECK(rows[1].json == "{\"b\":[1,{\"c\":2}]}");
  CHECK(rows[1].row == 2);
  CHECK(ReadAll("[]", FeedFormat::kJson).empty());
  CHECK(ReadAll("", FeedFormat::kJson).empty());
}

TEST_CASE("NDJSON: one object per line, blank lines and CRLF accepted", "[feeds][json]") {
  auto rows = ReadAll("{\"a\":1}\r\n\r\n{\"a\":\"x\\ny\"}\n", FeedFormat::kNdjson);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].json == "{\"a\":\"x\\ny\"}");
}

TEST_CASE("JSON: damaged input is an error naming the object", "[feeds][json]") {
  CHECK(ReadError("[{\"a\":1} {\"a\":2}]", FeedFormat::kJson).message().find("object 2") != std::string::npos);
  CHECK(ReadError("[{\"a\":1}", FeedFormat::kJson).message().find("not closed") != std::string::npos);
  CHECK(ReadError("{\"a\":\"open", FeedFormat::kNdjson).message().find("not closed") != std::string::npos);
  CHECK(ReadError("[{}] x", FeedFormat::kJson).message().find("after the closing") != std::string::npos);
  CHECK_FALSE(ReadError("42", FeedFormat::kJson).ok());
}

TEST_CASE("feed formats from names and extensions", "[feeds]") {
  CHECK(*FeedFormatOfPath("dir.v1/articles.csv") == FeedFormat::kCsv);
  CHECK(*FeedFormatOfPath("a.json") == FeedFormat::kJson);
  CHECK(*FeedFormatOfPath("a.ndjson") == FeedFormat::kNdjson);
  CHECK_FALSE(FeedFormatOfPath("dir.v1/articles").ok());
  CHECK_FALSE(ParseFeedFormat("xml").ok());
}
