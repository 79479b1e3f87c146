// libFuzzer target: NDJSON record splitting (formats/record_splitter.h) with input-chosen chunk boundaries
// and record limit. Invariants: records come out in order, none is empty, none exceeds the limit, none holds
// a newline, and the records joined with newlines are the input (when it is accepted).
#include <cstdint>
#include <string>

#include "formats/record_splitter.h"
#include "fuzz_input.h"

using namespace kbulk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::AsView(data, size);
  std::size_t chunk = 1 + fuzz::TakeByte(input);
  std::uint64_t limit = 1 + fuzz::TakeByte(input) * 4;
  formats::RecordSplitter splitter("content/items.ndjson", limit);
  std::string joined;
  std::uint64_t expected = 0;
  auto on_line = [&](std::uint64_t number, std::string_view line) -> Status {
    fuzz::Require(number == ++expected, "record numbers are consecutive");
    fuzz::Require(!line.empty(), "no empty record");
    fuzz::Require(line.size() <= limit, "no record beyond the limit");
    fuzz::Require(line.find('\n') == std::string_view::npos, "no newline inside a record");
    joined.append(line);
    joined.push_back('\n');
    return Status::Ok();
  };
  Status status;
  for (std::size_t pos = 0; pos < input.size() && status.ok(); pos += chunk) {
    status = splitter.Feed(input.substr(pos, chunk), on_line);
  }
  if (status.ok()) status = splitter.Finish();
  if (status.ok()) {
    fuzz::Require(splitter.records() == expected, "records() counts every record");
    // The splitter drops one '\r' before each '\n'; compare without them.
    std::string original(input);
    std::string stripped;
    for (std::size_t i = 0; i < original.size(); ++i) {
      if (original[i] == '\r' && i + 1 < original.size() && original[i + 1] == '\n') continue;
      stripped.push_back(original[i]);
    }
    fuzz::Require(stripped == joined, "accepted records joined are the input");
  }
  return 0;
}
