// Damaged archives: truncation at many offsets, a flipped byte inside every entry kind, removed, extra and
// duplicate entries, wrong counts. Each time verification fails naming the entry, and a verify-first
// reader (what import uses) fails before handing out any content.
#include <catch2/catch.hpp>
#include <iostream>
#include <random>

#include "archive_test_support.h"
#include "formats/archive_verifier.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::formats::testing;

namespace {

class CountingVisitor final : public ArchiveVisitor {
 public:
  int content = 0;
  Status OnManifest(const Manifest&) override { return Count(); }
  Status OnRecord(const EntryInfo&, std::uint64_t, std::string_view) override { return Count(); }
  Status OnBlob(const EntryInfo&, std::string_view, ByteSource&) override { return Count(); }

 private:
  Status Count() {
    ++content;
    return Status::Ok();
  }
};

// Verify fails; the message names `entry` when given; an import-style read hands out nothing.
void ExpectDamaged(const std::string& path, const std::string& entry) {
  VerifyReport report = VerifyArchive(path, {});
  INFO("archive " << path << ", expected entry '" << entry << "'");
  REQUIRE_FALSE(report.intact());
  INFO("message: " << report.integrity.message());
  if (!entry.empty()) CHECK(report.integrity.message().find(entry) != std::string::npos);
  CountingVisitor visitor;
  auto read = ArchiveReader(ReaderOptions{}).Read(path, visitor);
  CHECK_FALSE(read.ok());
  CHECK(visitor.content == 0);
}

bool NamesAnEntry(const std::string& message, const SampleContent& sample) {
  if (message.find("at the start") != std::string::npos) return true;
  for (const std::string& p : sample.entry_paths) {
    if (message.find(p) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("truncation at many offsets is always detected and located") {
  for (Compression c : {Compression::kNone, Compression::kZstd}) {
    TempDir dir;
    std::string path = dir / "a.tar.zst";
    SampleContent sample = WriteSampleArchive(path, {c, 200000, false});
    REQUIRE(VerifyArchive(path, {}).intact());
    std::string bytes = ReadBytes(path);
    std::vector<std::size_t> offsets = {0,
                                        1,
                                        4,
                                        100,
                                        511,
                                        512,
                                        513,
                                        1024,
                                        bytes.size() - 1,
                                        bytes.size() - 2,
                                        bytes.size() - 511,
                                        bytes.size() - 512,
                                        bytes.size() - 513,
                                        bytes.size() - 1024,
                                        bytes.size() - 1025};
    for (std::size_t i = 1; i < 60; ++i) offsets.push_back(bytes.size() * i / 60);
    for (std::size_t offset : offsets) {
      std::string cut = dir / "cut.tar.zst";
      WriteBytes(cut, bytes.substr(0, offset));
      VerifyReport report = VerifyArchive(cut, {});
      INFO(CompressionName(c) << " truncated at " << offset << " of " << bytes.size());
      REQUIRE_FALSE(report.intact());
      INFO(report.integrity.message());
      CHECK(NamesAnEntry(report.integrity.message(), sample));
      CountingVisitor visitor;
      CHECK_FALSE(ArchiveReader(ReaderOptions{}).Read(cut, visitor).ok());
      CHECK(visitor.content == 0);
    }
  }
}

TEST_CASE("a flipped byte inside every entry kind is caught and the entry named") {
  TempDir dir;
  std::string path = dir / "a.tar";
  SampleContent sample = WriteSampleArchive(path, {Compression::kNone, 100000, false});
  std::string bytes = ReadBytes(path);
  // One probe per entry: a substring of one of its records that occurs once in the tar.
  std::vector<std::pair<std::string, std::string>> probes;
  for (const auto& [entry, record] : sample.records) {
    for (std::size_t start = 0; start + 16 <= record.size(); start += 5) {
      std::string window = record.substr(start, 16);
      std::size_t at = bytes.find(window);
      if (at != std::string::npos && bytes.find(window, at + 1) == std::string::npos) {
        probes.emplace_back(entry, window);
        break;
      }
    }
  }
  for (const auto& [sha, size] : sample.blobs) {
    if (size == 0) continue;
    PatternSource source(size, sha == sample.blobs[0].first ? 1 : 2);
    std::string head(48, '\0');
    REQUIRE(source.Read(head.data(), head.size()).ok());
    probes.emplace_back(BlobEntryPath(sha), head);
  }
  probes.emplace_back("kbulk.index.json", "\"format\":\"kbulk-index\"");
  std::set<std::string> flipped_entries;
  for (const auto& [entry, probe] : probes) {
    if (flipped_entries.count(entry) > 0) continue;
    std::size_t at = bytes.find(probe);
    REQUIRE(at != std::string::npos);
    if (bytes.find(probe, at + 1) != std::string::npos) continue;  // not unique: try the entry's next record
    flipped_entries.insert(entry);
    std::string damaged = bytes;
    damaged[at + probe.size() / 2] ^= 0x01;
    std::string file = dir / "flipped.tar";
    WriteBytes(file, damaged);
    ExpectDamaged(file, entry);
  }
  for (const std::string& p : sample.entry_paths) {
    if (p.find("e3b0c442") != std::string::npos) continue;  // the empty blob has no byte to flip
    INFO("entry " << p);
    CHECK(flipped_entries.count(p) == 1);
  }
}

TEST_CASE("flipped bytes in the compressed stream are caught") {
  TempDir dir;
  std::string path = dir / "a.tar.zst";
  WriteSampleArchive(path, {Compression::kZstd, 100000, false});
  std::string bytes = ReadBytes(path);
  for (std::size_t i = 0; i < 25; ++i) {
    std::size_t at = 4 + (bytes.size() - 5) * i / 25;
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    std::string file = dir / "flipped.tar.zst";
    WriteBytes(file, damaged);
    INFO("flipped at " << at);
    ExpectDamaged(file, "");
  }
}

TEST_CASE("a removed entry is caught and named") {
  TempDir dir;
  std::string path = dir / "a.tar.zst";
  SampleContent sample = WriteSampleArchive(path, {Compression::kZstd, 100000, false});
  for (const std::string& removed : sample.entry_paths) {
    std::string out = dir / "removed.tar";
    RewriteTar(path, out, {[&](std::string& p, std::string&) { return p != removed; }, "", {}});
    ExpectDamaged(out, removed);
  }
}

TEST_CASE("an extra or duplicate entry is caught and named") {
  TempDir dir;
  std::string path = dir / "a.tar.zst";
  WriteSampleArchive(path, {Compression::kZstd, 100000, false});
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"model/spaces.ndjson", "model/languages.ndjson"},  // a well-formed entry the trailer does not list
      {"notes.txt", "content/items.ndjson"},              // an unknown entry the trailer does not list
      {"content/items.ndjson", "content/items.ndjson"},   // the same path twice
      {"model/zzz.ndjson", "kbulk.index.json"},           // after the trailer
  };
  for (const auto& [extra, after] : cases) {
    std::string out = dir / "extra.tar";
    RewriteTar(path, out, {nullptr, after, {{extra, "{\"id\":\"x\"}\n"}}});
    ExpectDamaged(out, extra);
  }
}

TEST_CASE("a wrong record count is caught and named") {
  TempDir dir;
  std::string path = dir / "a.tar.zst";
  WriteSampleArchive(path, {Compression::kZstd, 100000, false});
  SECTION("the trailer claims another count (consistently re-digested)") {
    std::string out = dir / "count.tar";
    RewriteTar(path, out,
               {[](std::string& p, std::string& data) {
                  if (p == "kbulk.index.json") {
                    auto index = ArchiveIndex::Parse(data);
                    REQUIRE(index.ok());
                    for (IndexEntry& e : index->entries) {
                      if (e.path == "content/items.ndjson") e.records += 1;
                    }
                    data = index->ToJson();
                  }
                  return true;
                },
                "",
                {},
                true});
    ExpectDamaged(out, "content/items.ndjson");
    CHECK(VerifyArchive(out, {}).integrity.message().find("records") != std::string::npos);
  }
  SECTION("a record was removed from the entry (its own attributes updated)") {
    std::string out = dir / "count.tar";
    RewriteTar(path, out,
               {[](std::string& p, std::string& data) {
                  if (p == "content/variants.ndjson") data = data.substr(data.find('\n') + 1);
                  return true;
                },
                "",
                {},
                true});
    ExpectDamaged(out, "content/variants.ndjson");
  }
  SECTION("the trailer was edited without its digest") {
    std::string out = dir / "digest.tar";
    RewriteTar(path, out,
               {[](std::string& p, std::string& data) {
                  if (p == "kbulk.index.json") {
                    std::size_t at = data.find("\"value\":\"") + 9;
                    data[at] = data[at] == '0' ? '1' : '0';
                  }
                  return true;
                },
                "",
                {},
                true});
    ExpectDamaged(out, "kbulk.index.json");
  }
}

TEST_CASE("random single-byte damage to a zstd archive is always detected (seeded)") {
  TempDir dir;
  std::string path = dir / "a.tar.zst";
  WriteSampleArchive(path, {Compression::kZstd, 300000, false});
  std::string bytes = ReadBytes(path);
  std::uint64_t seed = static_cast<std::uint64_t>(std::random_device{}());
  std::cout << "random damage seed: " << seed << "\n";
  INFO("seed " << seed);
  std::mt19937_64 random(seed);
  for (int i = 0; i < 60; ++i) {
    std::size_t at = random() % bytes.size();
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ (1 + random() % 255));
    std::string file = dir / "random.tar.zst";
    WriteBytes(file, damaged);
    INFO("byte " << at << " of " << bytes.size());
    CHECK_FALSE(VerifyArchive(file, {}).intact());
  }
}
