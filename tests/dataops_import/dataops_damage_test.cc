// Damaged data-ops zips (truncated, a binary missing, bad JSON) are refused before a visitor sees any
// content, with a message naming the zip entry; `kbulk verify` / `kbulk inspect` / `kbulk import` exit 5.
#include <catch2/catch.hpp>

#include "formats/dataops_reader.h"
#include "tests/dataops_import/damaged_zip.h"
#include "tests/importer/import_support.h"
#include "tests/support/kbulk_process.h"
#include "tests/support/zip_fixture.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::testing;

namespace {

std::string Fixture(const std::string& name) {
  return std::string(KBULK_FIXTURES_DIR) + "/data-ops/" + name;
}

struct Counter final : ArchiveVisitor {
  std::uint64_t events = 0;
  Status OnRecord(const EntryInfo&, std::uint64_t, std::string_view) override {
    ++events;
    return Status::Ok();
  }
  Status OnBlob(const EntryInfo&, std::string_view, ByteSource&) override {
    ++events;
    return Status::Ok();
  }
};

// REQUIREs that reading `path` fails as damage naming `entry` (when not empty) before any content.
void ExpectRefused(const std::string& path, const std::string& entry) {
  Counter c;
  auto read = DataOpsReader({}).Read(path, c);
  REQUIRE_FALSE(read.ok());
  INFO(read.status().ToString());
  CHECK(read.status().code() == StatusCode::kCorrupt);
  if (!entry.empty()) CHECK(read.status().message().find("'" + entry + "'") != std::string::npos);
  CHECK(c.events == 0);
  for (const char* command : {"verify", "inspect"}) {
    auto run = RunKbulk({command, path});
    INFO(command << ": " << run.err);
    CHECK(run.exit_code == 5);
    if (!entry.empty()) CHECK(run.err.find(entry) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("a data-ops zip missing an asset's binary is refused naming it", "[dataops]") {
  TempDir dir;
  auto files = ReadZip(Fixture("sync_test_source.zip"));
  const std::string binary = "assets/4ed78e25-0e44-5913-b615-0f86cc13e76a-kontent-ai.png";
  REQUIRE(files.erase(binary) == 1);
  WriteZip(files, dir / "missing.zip");
  ExpectRefused(dir / "missing.zip", binary);
}

TEST_CASE("a data-ops zip with bad JSON is refused naming the entry", "[dataops]") {
  TempDir dir;
  for (std::string entry : {"contentItems.json", "languageVariants.json", "webSpotlight.json", "taxonomies.json"}) {
    INFO(entry);
    auto files = ReadZip(Fixture("sync_test_target.zip"));
    std::string& text = files.at(entry);
    text = text.substr(0, text.find_last_not_of(" \r\n\t")) + ",";  // the closing bracket replaced by a comma
    WriteZip(files, dir / "bad.zip");
    ExpectRefused(dir / "bad.zip", entry);
  }
}

TEST_CASE("a truncated data-ops zip is refused", "[dataops]") {
  TempDir dir;
  const std::string path = Fixture("backup.zip");
  const std::size_t size = ReadFileBytes(path).size();
  // Inside the big binary near the start, in the middle, inside the last entries, inside the central directory.
  for (std::size_t cut : {std::size_t{300000}, size / 2, size - 3000, size - 100, size - 5}) {
    INFO("cut at " << cut << " of " << size);
    WriteTruncated(path, dir / "cut.zip", cut);
    Counter c;
    auto read = DataOpsReader({}).Read(dir / "cut.zip", c);
    REQUIRE_FALSE(read.ok());
    INFO(read.status().ToString());
    CHECK(read.status().code() == StatusCode::kCorrupt);
    CHECK(c.events == 0);
    CHECK(read.status().message().find("entry '") != std::string::npos);  // names the entry where it breaks
    auto run = RunKbulk({"verify", dir / "cut.zip"});
    INFO(run.err);
    CHECK(run.exit_code == 5);
    CHECK(run.err.find("entry '") != std::string::npos);
  }
}

TEST_CASE("a zip that is not a data-ops backup is not read as one", "[dataops]") {
  TempDir dir;
  WriteZip({{"readme.txt", "hello"}}, dir / "other.zip");
  Counter c;
  auto read = DataOpsReader({}).Read(dir / "other.zip", c);
  REQUIRE_FALSE(read.ok());
  CHECK(read.status().message().find("not a data-ops backup") != std::string::npos);
  WriteZip({{"../evil.json", "[]"}, {"contentItems.json", "[]"}}, dir / "evil.zip");
  auto evil = DataOpsReader({}).Read(dir / "evil.zip", c);
  REQUIRE_FALSE(evil.ok());
  CHECK(evil.status().message().find("evil.json") != std::string::npos);
}

TEST_CASE("kbulk import refuses a damaged data-ops zip before writing anything", "[dataops][e2e]") {
  Emulator emu({"--seed", "empty", "--rate-limit", "off"});
  TempDir dir;
  auto files = ReadZip(Fixture("sync_test_source.zip"));
  std::string& variants = files.at("languageVariants.json");
  variants = variants.substr(0, variants.find_last_not_of(" \r\n\t")) + ",";  // the array never closes
  WriteZip(files, dir / "bad.zip");
  ResetStats(emu);
  auto run = Import(emu, 0, dir / "bad.zip");
  INFO(run.err);
  CHECK(run.exit_code == 5);
  CHECK(run.err.find("languageVariants.json") != std::string::npos);
  CHECK(Writes(emu) == 0);

  // The same zip intact imports (so the refusal above was the damage, not the rebuilt zip).
  auto good = ReadZip(Fixture("sync_test_source.zip"));
  WriteZip(good, dir / "good.zip");
  auto ok = Import(emu, 0, dir / "good.zip");
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(Writes(emu) > 0);
}
