// libFuzzer target: the archive reader on arbitrary bytes (zstd or plain tar, pax headers, entry checks,
// manifest, NDJSON records, envelopes, blobs, trailer index), with small limits so the fuzzer reaches them.
// Every input must end in a Status; nothing may crash, leak or hang.
#include <cstdint>
#include <string>

#include "formats/archive_reader.h"
#include "formats/record_envelope.h"
#include "fuzz_input.h"

namespace {

using namespace kbulk;
using namespace kbulk::formats;

class Visitor final : public ArchiveVisitor {
 public:
  Status OnRecord(const EntryInfo& info, std::uint64_t, std::string_view json) override {
    if (info.kind == EntryKind::kVariants) (void)ParseVariantRecord(json);
    if (info.kind == EntryKind::kAssets) (void)ParseAssetRecord(json);
    return Status::Ok();
  }
  Status OnBlob(const EntryInfo&, std::string_view, ByteSource& content) override {
    char buffer[64];
    auto n = content.Read(buffer, sizeof buffer);  // the reader drains and hashes the rest
    return n.ok() ? Status::Ok() : n.status();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::AsView(data, size);
  std::size_t chunk = 1 + fuzz::TakeByte(input) * 64;
  ReaderOptions options;
  options.verify_first = false;
  options.limits.max_entry_size = 1 << 20;
  options.limits.max_total_size = 4 << 20;  // a zstd bomb stops here
  options.limits.max_record_size = 64 << 10;
  options.limits.max_index_size = 256 << 10;
  options.limits.max_entries = 64;
  options.limits.max_name_bytes = 4096;
  fuzz::ChunkedSource source(input, chunk);
  Visitor visitor;
  auto result = ArchiveReader(options).ReadStream(source, visitor, nullptr);
  if (result.ok()) {
    // An archive that reads back intact was checked against its own trailer.
    fuzz::Require(result->index.entries.size() <= options.limits.max_entries, "more entries than the limit");
  }
  return 0;
}
