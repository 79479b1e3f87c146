// Hostile archives, generated at test time with libarchive: absolute paths, "..", symlinks, hard links,
// devices, FIFOs, directories, duplicates, oversized entries, a zstd bomb, oversized records, too many
// entries. Each is rejected with an error naming the entry, and nothing is written anywhere.
#include <archive.h>
#include <archive_entry.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "archive_test_support.h"
#include "core/sha256.h"
#include "formats/archive_verifier.h"
#include "formats/manifest.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::formats::testing;

namespace {

struct Spec {
  std::string path;
  unsigned type = AE_IFREG;
  std::string data;
  std::string link;         // symlink target or hard link source
  std::uint64_t zeros = 0;  // append this many zero bytes (streamed, for bombs)
};

// Writes a zstd-compressed pax tar: a valid manifest first, then `specs`.
void WriteHostile(const std::string& path, const std::vector<Spec>& specs) {
  struct archive* w = archive_write_new();
  archive_write_set_format_pax(w);
  archive_write_add_filter_zstd(w);
  REQUIRE(archive_write_open_filename(w, path.c_str()) == ARCHIVE_OK);
  std::vector<Spec> all = {{"kbulk.json", AE_IFREG, BuildManifestJson({}), "", 0}};
  all.insert(all.end(), specs.begin(), specs.end());
  for (const Spec& s : all) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, s.path.c_str());
    archive_entry_set_filetype(e, s.type);
    archive_entry_set_perm(e, 0644);
    if (s.type == AE_IFLNK) archive_entry_set_symlink(e, s.link.c_str());
    if (s.type == AE_IFREG && !s.link.empty()) archive_entry_set_hardlink(e, s.link.c_str());
    if (s.type == AE_IFCHR) archive_entry_set_rdev(e, ::makedev(1, 3));
    archive_entry_set_size(e,
                           s.type == AE_IFREG && s.link.empty() ? static_cast<la_int64_t>(s.data.size() + s.zeros) : 0);
    REQUIRE(archive_write_header(w, e) == ARCHIVE_OK);
    if (!s.data.empty()) archive_write_data(w, s.data.data(), s.data.size());
    std::string zeros(1 << 20, '\0');
    for (std::uint64_t left = s.zeros; left > 0;) {
      std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, zeros.size()));
      archive_write_data(w, zeros.data(), n);
      left -= n;
    }
    archive_entry_free(e);
  }
  REQUIRE(archive_write_close(w) == ARCHIVE_OK);
  archive_write_free(w);
}

void ExpectRejected(const std::string& archive, const std::string& entry, const ReaderLimits& limits = {}) {
  VerifyOptions options;
  options.limits = limits;
  VerifyReport report = VerifyArchive(archive, options);
  INFO("entry " << entry);
  REQUIRE_FALSE(report.intact());
  INFO(report.integrity.message());
  CHECK(report.integrity.code() == StatusCode::kCorrupt);
  CHECK(report.integrity.message().find(entry) != std::string::npos);
  ReaderOptions reader;
  reader.limits = limits;
  ArchiveVisitor nothing;
  CHECK_FALSE(ArchiveReader(reader).Read(archive, nothing).ok());
}

}  // namespace

TEST_CASE("unsafe names and entry types are rejected by name - nothing is written") {
  TempDir dir;
  std::string escape = "/tmp/kbulk-escape-" + std::to_string(::getpid());
  const std::vector<Spec> cases = {
      {escape, AE_IFREG, "{}\n"},
      {"../escape.ndjson", AE_IFREG, "{}\n"},
      {"model/../../escape.ndjson", AE_IFREG, "{}\n"},
      {"model/./languages.ndjson", AE_IFREG, "{}\n"},
      {"model//languages.ndjson", AE_IFREG, "{}\n"},
      {"model/link.ndjson", AE_IFLNK, "", "/etc/passwd"},
      {"model/hard.ndjson", AE_IFREG, "", "kbulk.json"},
      {"model/device.ndjson", AE_IFCHR},
      {"model/fifo.ndjson", AE_IFIFO},
      {"model/", AE_IFDIR},
  };
  for (const Spec& hostile : cases) {
    std::string archive = dir / "hostile.tar.zst";
    WriteHostile(archive, {hostile});
    std::string name = hostile.path;
    if (name.back() == '/') name.pop_back();
    ExpectRejected(archive, name);
  }
  CHECK_FALSE(std::filesystem::exists(escape));
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/../escape.ndjson"));
  CHECK(ListDir(dir.path()) == std::vector<std::string>{"hostile.tar.zst"});
}

TEST_CASE("a duplicate entry is rejected by name") {
  TempDir dir;
  std::string archive = dir / "dup.tar.zst";
  WriteHostile(archive, {{"model/languages.ndjson", AE_IFREG, "{\"id\":\"a\"}\n"},
                         {"model/languages.ndjson", AE_IFREG, "{\"id\":\"b\"}\n"}});
  ExpectRejected(archive, "model/languages.ndjson");
}

TEST_CASE("entries, expansions and records beyond the limits are rejected by name") {
  TempDir dir;
  std::string archive = dir / "big.tar.zst";
  SECTION("an entry larger than max_entry_size") {
    WriteHostile(archive, {{"content/items.ndjson", AE_IFREG, "{}\n", "", 2u << 20}});
    ReaderLimits limits;
    limits.max_entry_size = 1u << 20;
    ExpectRejected(archive, "content/items.ndjson", limits);
  }
  SECTION("a zstd bomb: a tiny file expanding beyond max_total_size") {
    std::string zeros_blob = "assets/blobs/sha256/" + std::string(64, 'a');
    WriteHostile(archive, {{zeros_blob, AE_IFREG, "", "", 64u << 20}});
    CHECK(ReadBytes(archive).size() < 64 * 1024);
    ReaderLimits limits;
    limits.max_total_size = 8u << 20;
    ExpectRejected(archive, zeros_blob, limits);
  }
  SECTION("a record larger than max_record_size") {
    std::string record = "{\"name\":\"" + std::string(3u << 20, 'x') + "\"}\n";
    WriteHostile(archive, {{"content/items.ndjson", AE_IFREG, record}});
    ReaderLimits limits;
    limits.max_record_size = 1u << 20;
    ExpectRejected(archive, "content/items.ndjson", limits);
  }
  SECTION("a line that never ends") {
    WriteHostile(archive, {{"content/items.ndjson", AE_IFREG, "", "", 5u << 20}});
    ReaderLimits limits;
    limits.max_record_size = 1u << 20;
    ExpectRejected(archive, "content/items.ndjson", limits);
  }
  SECTION("more entries than max_entries") {
    std::vector<Spec> many;
    for (int i = 0; i < 20; ++i) many.push_back({"model/m" + std::to_string(i) + ".ndjson", AE_IFREG, "{}\n"});
    WriteHostile(archive, many);
    ReaderLimits limits;
    limits.max_entries = 10;
    ExpectRejected(archive, "model/m9.ndjson", limits);
  }
  SECTION("a manifest that is not JSON, or too large") {
    TempDir d2;
    std::string a2 = d2 / "m.tar.zst";
    struct archive* w = archive_write_new();
    archive_write_set_format_pax(w);
    REQUIRE(archive_write_open_filename(w, a2.c_str()) == ARCHIVE_OK);
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, "kbulk.json");
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_size(e, 5);
    archive_write_header(w, e);
    archive_write_data(w, "{oops", 5);
    archive_entry_free(e);
    archive_write_close(w);
    archive_write_free(w);
    ExpectRejected(a2, "kbulk.json");
  }
}

TEST_CASE("a newer minor version is read: unknown entries listed in the trailer and unknown totals are skipped") {
  TempDir dir;
  std::string path = dir / "a.tar.zst";
  WriteSampleArchive(path, {Compression::kZstd, 1000, false});
  const std::string notes = "written by kbulk 1.3\n";
  std::string out = dir / "v13.tar";
  RewriteTar(path, out,
             {[&](std::string& p, std::string& data) {
                if (p == "kbulk.json") data.replace(data.find("\"1.1\""), 5, "\"1.3\"");
                if (p == "kbulk.index.json") {
                  auto index = ArchiveIndex::Parse(data);
                  REQUIRE(index.ok());
                  index->entries[0] = IndexEntry{"kbulk.json", index->entries[0].size, 1, std::string(64, '0')};
                  index->entries.push_back(IndexEntry{"extras/notes.txt", notes.size(), 0, Sha256::HexOf(notes)});
                  index->totals["future_kind"] = KindTotal{1, 17};
                  data = index->ToJson();
                }
                return true;
              },
              "content/variants.ndjson",
              {{"extras/notes.txt", notes}},
              true});
  // The manifest changed, so its index entry needs its new hash: patch it in a second pass.
  std::string fixed = dir / "v13-fixed.tar";
  std::string manifest_sha;
  RewriteTar(out, fixed,
             {[&](std::string& p, std::string& data) {
                if (p == "kbulk.json") manifest_sha = Sha256::HexOf(data);
                if (p == "kbulk.index.json") {
                  auto index = ArchiveIndex::Parse(data);
                  REQUIRE(index.ok());
                  index->entries[0].sha256 = manifest_sha;
                  data = index->ToJson();
                }
                return true;
              },
              "",
              {},
              true});
  VerifyReport report = VerifyArchive(fixed, {});
  INFO(report.integrity.message());
  REQUIRE(report.intact());
  REQUIRE(report.warnings.size() == 2);
  CHECK(report.warnings[0].find("1.3") != std::string::npos);
  CHECK(report.warnings[1].find("extras/notes.txt") != std::string::npos);
  // An unknown entry the trailer does not list is an injected one.
  std::string injected = dir / "injected.tar";
  RewriteTar(fixed, injected, {nullptr, "content/variants.ndjson", {{"extras/more.txt", "x\n"}}});
  ExpectRejected(injected, "extras/more.txt");
}

TEST_CASE("a newer major format version is refused, a newer minor is read with a warning") {
  TempDir dir;
  std::string archive = dir / "v2.tar.zst";
  struct archive* w = archive_write_new();
  archive_write_set_format_pax(w);
  REQUIRE(archive_write_open_filename(w, archive.c_str()) == ARCHIVE_OK);
  std::string manifest = R"({"format":"kbulk","format_version":"2.0"})";
  struct archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, "kbulk.json");
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_size(e, static_cast<la_int64_t>(manifest.size()));
  archive_write_header(w, e);
  archive_write_data(w, manifest.data(), manifest.size());
  archive_entry_free(e);
  archive_write_close(w);
  archive_write_free(w);
  VerifyReport report = VerifyArchive(archive, {});
  CHECK(report.integrity.code() == StatusCode::kUnsupported);
  CHECK(report.integrity.message().find("2.0") != std::string::npos);
}
