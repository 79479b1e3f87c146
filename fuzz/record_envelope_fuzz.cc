// libFuzzer target: the kbulk envelopes of assets and variants records (formats/record_envelope.h). A
// record that parses is rebuilt with Make*Record and must parse back to the same parts.
#include <cstdint>
#include <string>

#include "formats/archive_writer.h"
#include "formats/record_envelope.h"
#include "fuzz_input.h"

using namespace kbulk;
using namespace kbulk::formats;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string line(fuzz::AsView(data, size));
  // The envelope scanner is lenient: on text that is not JSON it may find a "value" that is not one. The
  // reader hands it only records that passed the JSON check, so the round trip is required of those.
  bool valid = CheckJsonObject(line, "record", UINT64_MAX).ok();
  if (auto variant = ParseVariantRecord(line); variant.ok() && valid) {
    std::string rebuilt = MakeVariantRecord(variant->version, variant->variant);
    auto again = ParseVariantRecord(rebuilt);
    fuzz::Require(again.ok(), "a rebuilt variants record parses");
    fuzz::Require(again->version == variant->version, "the version survives");
    fuzz::Require(again->variant == variant->variant, "the variant text survives byte for byte");
  }
  if (auto asset = ParseAssetRecord(line); asset.ok() && valid) {
    std::optional<std::string_view> blob;
    if (asset->blob_sha256) blob = *asset->blob_sha256;
    std::string rebuilt = MakeAssetRecord(blob, asset->renditions, asset->asset);
    auto again = ParseAssetRecord(rebuilt);
    fuzz::Require(again.ok(), "a rebuilt assets record parses");
    fuzz::Require(again->blob_sha256 == asset->blob_sha256, "the blob hash survives");
    fuzz::Require(again->asset == asset->asset, "the asset text survives byte for byte");
  }
  return 0;
}
