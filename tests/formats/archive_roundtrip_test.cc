// Round trips through ArchiveWriter and ArchiveReader: every entry kind, exact record bytes (multi-byte
// UTF-8, unknown fields), blobs streamed under a memory limit, stdout/stdin, order rules, interruption.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "archive_test_support.h"
#include "core/sha256.h"
#include "formats/archive_reader.h"
#include "formats/blob_spool.h"
#include "formats/record_envelope.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::formats::testing;

namespace {

// Collects everything a reader hands out; blobs are hashed in chunks, never held whole.
class CollectingVisitor final : public ArchiveVisitor {
 public:
  std::vector<std::pair<std::string, std::string>> records;
  std::vector<std::pair<std::string, std::uint64_t>> blobs;
  std::vector<std::string> entries;
  std::size_t largest_chunk = 0;
  bool saw_index = false;

  Status OnManifest(const Manifest& m) override {
    records.emplace_back("kbulk.json", m.raw);
    return Status::Ok();
  }
  Status OnRecord(const EntryInfo& info, std::uint64_t, std::string_view json) override {
    records.emplace_back(info.path, std::string(json));
    return Status::Ok();
  }
  Status OnBlob(const EntryInfo& info, std::string_view sha, ByteSource& content) override {
    Sha256 hash;
    std::string buffer(1 << 16, '\0');
    std::uint64_t total = 0;
    for (;;) {
      auto n = content.Read(buffer.data(), buffer.size());
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      largest_chunk = std::max(largest_chunk, *n);
      hash.Update(buffer.data(), *n);
      total += *n;
    }
    if (hash.FinishHex() != sha) return Corrupt("blob content differs: " + info.path);
    blobs.emplace_back(std::string(sha), total);
    return Status::Ok();
  }
  Status OnEntryEnd(const EntryInfo& info, const IndexEntry&) override {
    entries.push_back(info.path);
    return Status::Ok();
  }
  Status OnIndex(const ArchiveIndex&) override {
    saw_index = true;
    return Status::Ok();
  }
};

void CheckSame(const SampleContent& written, const CollectingVisitor& read) {
  REQUIRE(read.records.size() == written.records.size());
  for (std::size_t i = 0; i < written.records.size(); ++i) {
    CHECK(read.records[i].first == written.records[i].first);
    CHECK(read.records[i].second == written.records[i].second);  // byte for byte
  }
  CHECK(read.blobs == written.blobs);
  CHECK(read.entries == written.entry_paths);
  CHECK(read.saw_index);
}

}  // namespace

TEST_CASE("every entry kind round-trips byte for byte, zstd and none") {
  for (Compression c : {Compression::kZstd, Compression::kNone}) {
    TempDir dir;
    std::string path = dir / "sample.tar.zst";
    SampleContent written = WriteSampleArchive(path, {c, 3u << 20, false});
    CHECK(ListDir(dir.path()) == std::vector<std::string>{"sample.tar.zst"});  // no temp file left
    for (bool verify_first : {true, false}) {
      CollectingVisitor visitor;
      ReaderOptions options;
      options.verify_first = verify_first;
      options.limits.max_record_size = 64 * 1024;  // far below the 3 MiB blob: blobs are streamed
      auto summary = ArchiveReader(options).Read(path, visitor);
      REQUIRE(summary.ok());
      CheckSame(written, visitor);
      CHECK(summary->compression == c);
      CHECK(summary->manifest.format_version == "1.1");
      CHECK(summary->index.totals.at("variants").records == 3);
      CHECK(summary->index.totals.at("blobs").records == 3);
      CHECK(summary->index.totals.at("languages").records == 2);
      CHECK(visitor.largest_chunk <= 256 * 1024);
    }
  }
}

TEST_CASE("enveloped records give back the API object's exact text") {
  std::string variant =
      R"({"item":{"id":"x"},"elements":[{"value":"日本語 🎉 \"quoted\" {braces}"}],"new_field":[1,2]})";
  std::string line = MakeVariantRecord(VariantVersion::kPublished, variant);
  auto parsed = ParseVariantRecord(line);
  REQUIRE(parsed.ok());
  CHECK(parsed->version == VariantVersion::kPublished);
  CHECK(parsed->variant == variant);
  std::string asset = R"({"id":"a","title":"Логотип"})";
  // The parsed record views the record's text: keep the text alive while it is read.
  const std::string with_blob = MakeAssetRecord(std::string(64, 'a'), "[]", asset);
  auto a = ParseAssetRecord(with_blob);
  REQUIRE(a.ok());
  CHECK(a->asset == asset);
  CHECK(a->blob_sha256 == std::string(64, 'a'));
  const std::string without_blob = MakeAssetRecord(std::nullopt, "", asset);
  auto none = ParseAssetRecord(without_blob);
  REQUIRE(none.ok());
  CHECK(!none->blob_sha256.has_value());
  CHECK(!ParseVariantRecord(R"({"variant":{}})").ok());
}

TEST_CASE("a blob larger than the process memory limit streams through writer and reader") {
  TempDir dir;
  std::string path = dir / "big.tar.zst";
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Cap the address space growth to 48 MiB above what the process uses now; the blob is 160 MiB.
    std::ifstream status("/proc/self/status");
    std::string line;
    std::uint64_t vm_kb = 0;
    while (std::getline(status, line)) {
      if (line.rfind("VmData:", 0) == 0) vm_kb = std::stoull(line.substr(7));
    }
    struct rlimit limit {};
    limit.rlim_cur = limit.rlim_max = (vm_kb << 10) + (48u << 20);
    if (::setrlimit(RLIMIT_DATA, &limit) != 0) ::_exit(10);
    const std::uint64_t size = 160u << 20;
    WriterOptions wo;
    wo.compression.threads = 1;
    wo.compression.level = 1;
    auto writer = ArchiveWriter::Open(path, wo);
    if (!writer.ok()) ::_exit(11);
    if (!(*writer)->WriteManifest(BuildManifestJson({})).ok()) ::_exit(12);
    PatternSource source(size, 42);
    if (!(*writer)->AddBlob(PatternSource::Sha256Of(size, 42), size, source).ok()) ::_exit(13);
    if (!(*writer)->Finish().ok()) ::_exit(14);
    CollectingVisitor visitor;
    ReaderOptions options;
    options.limits.max_record_size = 1 << 20;
    auto read = ArchiveReader(options).Read(path, visitor);
    if (!read.ok() || visitor.blobs.size() != 1 || visitor.blobs[0].second != size) ::_exit(15);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("the writer enforces the entry order and refuses bad records") {
  TempDir dir;
  auto writer = ArchiveWriter::Open(dir / "a.tar.zst", {});
  REQUIRE(writer.ok());
  ArchiveWriter& w = **writer;
  CHECK(!w.BeginNdjson(kItemsPath).ok());  // before the manifest
  REQUIRE(w.WriteManifest(BuildManifestJson({})).ok());
  auto items = w.BeginNdjson(kItemsPath);
  REQUIRE(items.ok());
  CHECK((*items)->Append("not json").code() == StatusCode::kInvalidArgument);
  CHECK(!(*items)->Append("[1,2]").ok());         // records are objects
  REQUIRE((*items)->Append("{\"a\":\n1}").ok());  // a line break outside strings becomes a space
  REQUIRE((*items)->Commit().ok());
  Status late = w.WriteDocument(ModelEntryPath(EntityKind::kEnvironment), "{}");
  CHECK(late.code() == StatusCode::kInvalidArgument);
  CHECK(late.message().find("out of order") != std::string::npos);
  CHECK(!w.BeginNdjson(kItemsPath).ok());  // twice
  CHECK(!w.BeginNdjson("model/../x.ndjson").ok());
  PatternSource wrong(10, 1);
  CHECK(!w.AddBlob(std::string(64, '0'), 10, wrong).ok());  // out of order (blobs before items)
  auto forgotten = w.BeginNdjson(kVariantsPath);
  REQUIRE(forgotten.ok());
  Status unfinished = w.Finish().status();
  CHECK(unfinished.message().find("content/variants.ndjson' was begun but never committed") != std::string::npos);
  forgotten->reset();  // abandoning a sink is allowed
  REQUIRE(w.Finish().ok());
}

TEST_CASE("a blob whose content does not match its hash fails the writer and leaves no file") {
  TempDir dir;
  {
    auto writer = ArchiveWriter::Open(dir / "a.tar.zst", {});
    REQUIRE(writer.ok());
    REQUIRE((*writer)->WriteManifest(BuildManifestJson({})).ok());
    PatternSource source(5000, 7);
    Status s = (*writer)->AddBlob(std::string(64, 'a'), 5000, source);
    CHECK(s.code() == StatusCode::kCorrupt);
    CHECK(!(*writer)->Finish().ok());
  }
  CHECK(ListDir(dir.path()).empty());
}

TEST_CASE("an interrupted export leaves neither the target nor a temporary file") {
  TempDir dir;
  {
    auto writer = ArchiveWriter::Open(dir / "a.tar.zst", {});
    REQUIRE(writer.ok());
    REQUIRE((*writer)->WriteManifest(BuildManifestJson({})).ok());
    CHECK(ListDir(dir.path()).size() == 1);  // the temporary file
    // destroyed without Finish(), as on Ctrl-C unwinding or an error
  }
  CHECK(ListDir(dir.path()).empty());
}

TEST_CASE("'-' writes to standard output and reads from standard input") {
  TempDir dir;
  std::string file = dir / "piped.tar.zst";
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    auto writer = ArchiveWriter::Open("-", {});
    if (!writer.ok() || !(*writer)->WriteManifest(BuildManifestJson({})).ok()) ::_exit(1);
    auto sink = (*writer)->BeginNdjson(kItemsPath);
    if (!sink.ok() || !(*sink)->Append(R"({"codename":"ünï"})").ok() || !(*sink)->Commit().ok()) ::_exit(2);
    ::_exit((*writer)->Finish().ok() ? 0 : 3);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WEXITSTATUS(status) == 0);

  int saved = ::dup(0);
  int fd = ::open(file.c_str(), O_RDONLY);
  ::dup2(fd, 0);
  ::close(fd);
  CollectingVisitor visitor;
  ReaderOptions options;
  options.spool_dir = dir.path();
  auto summary = ArchiveReader(options).Read("-", visitor);  // spooled, verified, then read
  ::dup2(saved, 0);
  ::close(saved);
  REQUIRE(summary.ok());
  REQUIRE(visitor.records.size() == 2);
  CHECK(visitor.records[1].second == R"({"codename":"ünï"})");
  CHECK(ListDir(dir.path()) == std::vector<std::string>{"piped.tar.zst"});  // the spool file was anonymous
}

TEST_CASE("a download spooled through BlobSpool joins the archive under its hash, once") {
  TempDir dir;
  auto writer = ArchiveWriter::Open(dir / "a.tar.zst", {});
  REQUIRE(writer.ok());
  REQUIRE((*writer)->WriteManifest(BuildManifestJson({})).ok());
  std::string sha;
  for (int copy = 0; copy < 2; ++copy) {  // the same binary downloaded twice (two assets sharing it)
    auto spool = BlobSpool::Create(dir.path());
    REQUIRE(spool.ok());
    PatternSource download(700000, 9);
    std::string chunk(10000, '\0');
    for (;;) {
      auto n = download.Read(chunk.data(), chunk.size());
      if (*n == 0) break;
      REQUIRE((*spool)->Write(chunk.data(), *n).ok());
    }
    auto hash = (*spool)->Finish();
    REQUIRE(hash.ok());
    sha = *hash;
    CHECK(sha == PatternSource::Sha256Of(700000, 9));
    CHECK((*spool)->size() == 700000);
    if (!(*writer)->HasBlob(sha)) {
      auto reader = (*spool)->Reader();
      REQUIRE(reader.ok());
      REQUIRE((*writer)->AddBlob(sha, (*spool)->size(), **reader).ok());
    }
  }
  auto stats = (*writer)->Finish();
  REQUIRE(stats.ok());
  CHECK(stats->index.totals.at("blobs").records == 1);
  CHECK(ListDir(dir.path()) == std::vector<std::string>{"a.tar.zst"});  // spool files were anonymous
  CollectingVisitor visitor;
  REQUIRE(ArchiveReader(ReaderOptions{}).Read(dir / "a.tar.zst", visitor).ok());
  REQUIRE(visitor.blobs.size() == 1);
  CHECK(visitor.blobs[0].first == sha);
}
