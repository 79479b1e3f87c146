// A partial export's missing objects travel in the trailer index: written, covered by its digest, read back.
#include <catch2/catch.hpp>

#include "archive_test_support.h"
#include "formats/archive_index.h"
#include "formats/archive_reader.h"
#include "formats/archive_writer.h"
#include "formats/manifest.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::formats::testing;

TEST_CASE("missing objects are listed in the trailer and read back") {
  TempDir dir;
  std::string path = dir / "partial.tar.zst";
  auto writer = ArchiveWriter::Open(path, WriterOptions{});
  REQUIRE(writer.ok());
  REQUIRE((*writer)->WriteManifest(BuildManifestJson(ManifestInfo{})).ok());
  const std::string missing = R"({"kind":"asset","object":"'logo'","reason":"unavailable: HTTP 503 after 8 attempts"})";
  (*writer)->SetMissing({missing});
  REQUIRE((*writer)->Finish().ok());

  ReaderOptions options;
  ArchiveReader reader(options);
  ArchiveVisitor visitor;
  auto summary = reader.Read(path, visitor);
  REQUIRE(summary.ok());
  REQUIRE(summary->index.missing_json.size() == 1);
  CHECK(summary->index.missing_json[0] == missing);
}

TEST_CASE("the trailer digest covers the missing list") {
  ArchiveIndex index;
  index.Add({"kbulk.json", 10, 1, std::string(64, 'a')}, "");
  std::string without = index.ComputeDigest();
  index.missing_json.push_back(R"({"kind":"item","object":"id 1","reason":"x"})");
  CHECK(index.ComputeDigest() != without);
  auto parsed = ArchiveIndex::Parse(index.ToJson());
  REQUIRE(parsed.ok());
  CHECK(parsed->missing_json == index.missing_json);
  CHECK(parsed->digest == index.ComputeDigest());
  // An index without the list parses with an empty one.
  ArchiveIndex plain;
  plain.Add({"kbulk.json", 10, 1, std::string(64, 'a')}, "");
  auto back = ArchiveIndex::Parse(plain.ToJson());
  REQUIRE(back.ok());
  CHECK(back->missing_json.empty());
}

TEST_CASE("an incremental export's reuse counts travel in the trailer, covered by its digest") {
  ArchiveIndex index;
  index.Add({"kbulk.json", 10, 1, std::string(64, 'a')}, "");
  std::string without = index.ComputeDigest();
  index.reuse = BaseReuse{7, 3, 2, 10};
  std::string with = index.ComputeDigest();
  CHECK(with != without);
  index.reuse->binaries = 5;
  CHECK(index.ComputeDigest() != with);
  auto parsed = ArchiveIndex::Parse(index.ToJson());
  REQUIRE(parsed.ok());
  REQUIRE(parsed->reuse.has_value());
  CHECK(*parsed->reuse == BaseReuse{7, 3, 5, 10});
  CHECK(parsed->digest == index.ComputeDigest());
  // An index without them (a full export, an older writer) parses without them.
  ArchiveIndex plain;
  plain.Add({"kbulk.json", 10, 1, std::string(64, 'a')}, "");
  CHECK(plain.ToJson().find("reuse") == std::string::npos);
  auto back = ArchiveIndex::Parse(plain.ToJson());
  REQUIRE(back.ok());
  CHECK_FALSE(back->reuse.has_value());
  // A damaged record is named.
  std::string json = index.ToJson();
  std::string broken = json;
  broken.replace(broken.find("\"binaries\""), 10, "\"binarie\"");
  auto bad = ArchiveIndex::Parse(broken);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("reuse") != std::string::npos);
}

TEST_CASE("reuse counts set on the writer are read back from the archive") {
  TempDir dir;
  std::string path = dir / "incremental.tar.zst";
  auto writer = ArchiveWriter::Open(path, WriterOptions{});
  REQUIRE(writer.ok());
  REQUIRE((*writer)->WriteManifest(BuildManifestJson(ManifestInfo{})).ok());
  (*writer)->SetReuse(BaseReuse{4, 1, 2, 5});
  REQUIRE((*writer)->Finish().ok());

  ReaderOptions options;
  ArchiveReader reader(options);
  ArchiveVisitor visitor;
  auto summary = reader.Read(path, visitor);
  REQUIRE(summary.ok());
  REQUIRE(summary->index.reuse.has_value());
  CHECK(*summary->index.reuse == BaseReuse{4, 1, 2, 5});
}
