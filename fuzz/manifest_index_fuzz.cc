// libFuzzer target: the manifest (kbulk.json) and trailer index (kbulk.index.json) parsers. An index that
// parses is written back with ToJson() and must parse to the same entries, totals, missing objects and reuse.
#include <cstdint>
#include <string>

#include "formats/archive_index.h"
#include "formats/manifest.h"
#include "fuzz_input.h"

using namespace kbulk;
using namespace kbulk::formats;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(fuzz::AsView(data, size));
  if (auto manifest = ParseManifest(text); manifest.ok()) {
    fuzz::Require(manifest->major == 1, "only major version 1 is accepted");
    fuzz::Require(manifest->raw == text, "the manifest keeps its text");
  }
  if (auto index = ArchiveIndex::Parse(text); index.ok()) {
    auto again = ArchiveIndex::Parse(index->ToJson());
    fuzz::Require(again.ok(), "a written index parses");
    fuzz::Require(again->entries == index->entries, "entries survive");
    fuzz::Require(again->totals == index->totals, "totals survive");
    fuzz::Require(again->missing_json == index->missing_json, "missing objects survive");
    fuzz::Require(again->reuse == index->reuse, "reuse counts survive");
    fuzz::Require(again->digest == again->ComputeDigest(), "a written index carries its own digest");
  }
  return 0;
}
