// libFuzzer target: the data-ops backup reader (formats/dataops_reader.h: zip entries, metadata, one JSON
// array per kind split element by element, binaries) on arbitrary bytes given as a file, and (first byte
// odd) the JSON array splitter alone with fuzzed chunk boundaries.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "formats/dataops_json.h"
#include "formats/dataops_reader.h"
#include "fuzz_input.h"

using namespace kbulk;
using namespace kbulk::formats;

namespace {

void SplitArray(std::string_view input) {
  std::size_t chunk = 1 + fuzz::TakeByte(input);
  JsonArraySplitter splitter("contentItems.json", 4096);
  std::uint64_t expected = 0;
  auto on_element = [&](std::uint64_t number, std::string_view json) -> Status {
    fuzz::Require(number == ++expected, "elements are numbered in order");
    fuzz::Require(!json.empty() && json.size() <= 4096, "an element is within the limit");
    return Status::Ok();
  };
  Status status;
  for (std::size_t pos = 0; pos < input.size() && status.ok(); pos += chunk) {
    status = splitter.Feed(input.substr(pos, chunk), on_element);
  }
  if (status.ok()) (void)splitter.Finish();
}

void ReadZip(std::string_view input) {
  // An in-memory file the reader can open by name (it reads the zip more than once).
  static int fd = ::memfd_create("dataops-fuzz.zip", 0);
  if (fd < 0) return;
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, input.data(), input.size(), 0) != static_cast<ssize_t>(input.size())) {
    return;
  }
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  ReaderOptions options;
  options.limits.max_entry_size = 1 << 20;
  options.limits.max_total_size = 4 << 20;
  options.limits.max_record_size = 64 << 10;
  options.limits.max_entries = 64;
  ArchiveVisitor visitor;
  (void)DataOpsReader(options).Read(path, visitor);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::AsView(data, size);
  if (fuzz::TakeByte(input) % 2 == 1) {
    SplitArray(input);
  } else {
    ReadZip(input);
  }
  return 0;
}
