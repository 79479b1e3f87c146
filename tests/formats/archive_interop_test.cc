// Standard tools read kbulk archives with no kbulk installed: `tar --zstd` lists and extracts them and
// `jq` parses every NDJSON entry and JSON document (both installed by scripts/install-deps); an archive
// extracted and re-packed by GNU tar in the same order is still a valid kbulk archive.
#include <catch2/catch.hpp>

#include "archive_test_support.h"

using namespace kbulk::formats;
using namespace kbulk::formats::testing;

TEST_CASE("tar --zstd lists and extracts a kbulk archive - jq parses its entries") {
  TempDir dir;
  std::string path = dir / "backup.tar.zst";
  SampleContent sample = WriteSampleArchive(path, {Compression::kZstd, 1u << 20, false});

  std::string listing;
  REQUIRE(RunCommand("tar --zstd -tf '" + path + "' 2>&1", &listing) == 0);
  std::string expected;
  for (const std::string& p : sample.entry_paths) expected += p + "\n";
  CHECK(listing == expected);  // no warnings either: the output is exactly the entry list

  std::string out = dir / "x";
  REQUIRE(RunCommand("mkdir '" + out + "' && tar --zstd -xf '" + path + "' -C '" + out + "' 2>&1") == 0);
  for (const auto& [sha, size] : sample.blobs) {
    std::string sum;
    REQUIRE(RunCommand("sha256sum '" + out + "/" + BlobEntryPath(sha) + "'", &sum) == 0);
    CHECK(sum.substr(0, 64) == sha);
  }
  for (const std::string& p : sample.entry_paths) {
    if (p.find(".json") == std::string::npos) continue;
    std::string lines;
    INFO(p);
    CHECK(RunCommand("jq -c . < '" + out + "/" + p + "' | wc -l", &lines) == 0);
    std::size_t records = 0;
    for (const auto& [entry, record] : sample.records) records += entry == p ? 1 : 0;
    if (p == "kbulk.index.json") records = 1;
    CHECK(std::stoul(lines) == records);
  }
  std::string title;
  REQUIRE(RunCommand("jq -r 'select(.kbulk.version==\"latest\") | .variant.elements[0].value' < '" + out +
                         "/content/variants.ndjson' | head -1",
                     &title) == 0);
  CHECK(title == "Kaffee – 日本語 – 🎉\n");
  std::string sha_from_jq;
  REQUIRE(RunCommand("jq -r '.kbulk.blob' < '" + out + "/assets/assets.ndjson' | head -1", &sha_from_jq) == 0);
  CHECK(sha_from_jq == sample.blobs[0].first + "\n");
  std::string format;
  REQUIRE(RunCommand("jq -r '.format + \" \" + .format_version' < '" + out + "/kbulk.json'", &format) == 0);
  CHECK(format == "kbulk 1.1\n");

  // Re-packed by GNU tar from the extracted files, in archive order, the archive still verifies.
  std::string names;
  for (const std::string& p : sample.entry_paths) names += " '" + p + "'";
  std::string repacked = dir / "repacked.tar.zst";
  REQUIRE(RunCommand("tar --zstd --format=pax -cf '" + repacked + "' -C '" + out + "'" + names + " 2>&1") == 0);
  std::string verdict;
  CHECK(RunCommand(std::string(KBULK_BINARY) + " verify '" + repacked + "' 2>&1", &verdict) == 0);
  INFO(verdict);
  CHECK(verdict.find("intact") != std::string::npos);
}

TEST_CASE("an uncompressed kbulk archive is a plain tar") {
  TempDir dir;
  std::string path = dir / "backup.tar";
  SampleContent sample = WriteSampleArchive(path, {Compression::kNone, 1000, false});
  std::string listing;
  REQUIRE(RunCommand("tar -tf '" + path + "' 2>&1", &listing) == 0);
  CHECK(listing.find("content/variants.ndjson\nkbulk.index.json\n") != std::string::npos);
}
