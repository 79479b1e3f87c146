// Hostile archives against the real program: deeply nested JSON in the manifest, the trailer index and a
// record, and thousands of long entry names. `kbulk verify`, `inspect` and `diff` refuse each with exit
// code 5 (damaged or unsafe), never a signal, naming what is wrong, with bounded memory; the same archive
// without the hostile part is intact (so each test can fail).
#include <catch2/catch.hpp>

#include "hostile_archives.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk::hostile;
using kbulk::testing::ProcessResult;
using kbulk::testing::RunKbulk;
using kbulk::testing::TempDir;

namespace {

constexpr int kExitCorrupt = 5;
#ifdef __SANITIZE_ADDRESS__
constexpr std::uint64_t kMaxRss = 1024ull << 20;  // AddressSanitizer's shadow memory and quarantine
#else
constexpr std::uint64_t kMaxRss = 256ull << 20;
#endif

std::string GoodRecord() {
  return ItemRecord("good") + "\n";
}

// A valid archive to compare against in `kbulk diff`.
std::string WriteGood(const TempDir& dir) {
  std::string good = dir / "good.tar.zst";
  WriteArchive(good, {{"kbulk.json", Manifest()}, {"content/items.ndjson", GoodRecord()}});
  return good;
}

// verify, inspect and diff (the archive as A and as B) all exit 5 with `expect` in their error output.
void ExpectRefused(const std::string& archive, const std::string& good, const std::string& expect,
                   const std::vector<std::string>& flags = {}) {
  std::vector<std::vector<std::string>> commands = {
      {"verify", archive}, {"inspect", archive}, {"diff", archive, good}, {"diff", good, archive}};
  for (auto args : commands) {
    args.insert(args.end(), flags.begin(), flags.end());
    ProcessResult r = RunKbulk(args);
    INFO("kbulk " << args[0] << " " << args[1] << "\nstderr: " << r.err.substr(0, 2000));
    CHECK(r.exit_code == kExitCorrupt);
    CHECK_THAT(r.err, Catch::Contains(expect));
    CHECK(MaxChildRssBytes() < kMaxRss);
  }
}

// verify (intact: 0, or 1 for dangling references), inspect and diff against itself exit 0.
void ExpectAccepted(const std::string& archive, const std::vector<std::string>& flags = {}) {
  std::vector<std::string> verify = {"verify", archive};
  verify.insert(verify.end(), flags.begin(), flags.end());
  ProcessResult v = RunKbulk(verify);
  INFO("verify stdout: " << v.out.substr(0, 500) << "\nstderr: " << v.err.substr(0, 2000));
  CHECK((v.exit_code == 0 || v.exit_code == 1));
  CHECK_THAT(v.out, Catch::Contains("intact"));
  std::vector<std::string> inspect = {"inspect", archive};
  inspect.insert(inspect.end(), flags.begin(), flags.end());
  CHECK(RunKbulk(inspect).exit_code == 0);
  std::vector<std::string> diff = {"diff", archive, archive};
  diff.insert(diff.end(), flags.begin(), flags.end());
  CHECK(RunKbulk(diff).exit_code == 0);
}

}  // namespace

TEST_CASE("a manifest nested 300000 levels deep is refused with exit 5, not a crash", "[hostile]") {
  TempDir dir;
  std::string good = WriteGood(dir);
  std::string deep = dir / "deep-manifest.tar.zst";
  WriteArchive(deep, {{"kbulk.json", Manifest(Nested(300'000))}, {"content/items.ndjson", GoodRecord()}});
  ExpectRefused(deep, good, "nests deeper than 256 levels");
  std::string shallow = dir / "shallow-manifest.tar.zst";
  WriteArchive(shallow, {{"kbulk.json", Manifest(Nested(20))}, {"content/items.ndjson", GoodRecord()}});
  ExpectAccepted(shallow);
}

TEST_CASE("a trailer index nested 300000 levels deep is refused with exit 5, not a crash", "[hostile]") {
  TempDir dir;
  std::string good = WriteGood(dir);
  std::string deep = dir / "deep-index.tar.zst";
  std::string index = R"({"format":"kbulk-index","format_version":"1.1","entries":)" + Nested(300'000) + "}";
  WriteArchive(deep, {{"kbulk.json", Manifest()}, {"content/items.ndjson", GoodRecord()}}, index);
  ExpectRefused(deep, good, "kbulk.index.json nests deeper than 256 levels");
  // The same nesting inside a "missing" object, which the reader re-serializes.
  std::string missing = dir / "deep-missing.tar.zst";
  std::string with_missing =
      R"({"format":"kbulk-index","format_version":"1.1","entries":[],"totals":{},"missing":[{"x":)" + Nested(1000) +
      "}]}";
  WriteArchive(missing, {{"kbulk.json", Manifest()}, {"content/items.ndjson", GoodRecord()}}, with_missing);
  ExpectRefused(missing, good, "kbulk.index.json nests deeper than 256 levels");
}

TEST_CASE("a record nested 300000 levels deep is refused with exit 5, not a crash", "[hostile]") {
  TempDir dir;
  std::string good = WriteGood(dir);
  std::string deep = dir / "deep-record.tar.zst";
  WriteArchive(deep, {{"kbulk.json", Manifest()},
                      {"content/items.ndjson", GoodRecord() + ItemRecord("deep", Nested(300'000)) + "\n"}});
  ExpectRefused(deep, good, "content/items.ndjson");
}

TEST_CASE("a record nested 300 levels deep is refused by the commands that interpret records", "[hostile]") {
  // Deep enough for the record check's parser to accept, too deep for the code that walks the record.
  TempDir dir;
  std::string good = WriteGood(dir);
  std::string deep = dir / "deep-300.tar.zst";
  WriteArchive(deep, {{"kbulk.json", Manifest()},
                      {"content/items.ndjson", GoodRecord() + ItemRecord("deep", Nested(300)) + "\n"}});
  for (auto args :
       std::vector<std::vector<std::string>>{{"verify", deep}, {"diff", deep, good}, {"diff", good, deep}}) {
    ProcessResult r = RunKbulk(args);
    INFO("kbulk " << args[0] << "\nstderr: " << r.err.substr(0, 2000));
    CHECK(r.exit_code == kExitCorrupt);
    CHECK_THAT(r.err, Catch::Contains("nests deeper than 256 levels"));
  }
  std::string shallow = dir / "deep-200.tar.zst";
  WriteArchive(shallow, {{"kbulk.json", Manifest()},
                         {"content/items.ndjson", GoodRecord() + ItemRecord("deep", Nested(200)) + "\n"}});
  ExpectAccepted(shallow);
}

TEST_CASE("20000 entries with 900-byte names are refused with exit 5 and accepted with raised limits", "[hostile]") {
  TempDir dir;
  std::string good = WriteGood(dir);
  std::vector<Entry> entries = {{"kbulk.json", Manifest()}, {"content/items.ndjson", GoodRecord()}};
  for (int i = 0; i < 20'000; ++i) {
    std::string name = "extra/" + std::to_string(i) + "-";
    name += std::string(900 - name.size(), 'n');
    entries.push_back({name, ""});
  }
  std::string names = dir / "long-names.tar.zst";
  WriteArchive(names, entries);
  SECTION("by default: one name is longer than 256 bytes") {
    ExpectRefused(names, good, "its name is longer than the limit of 256 bytes");
  }
  SECTION("with longer names allowed: all names together exceed --max-name-bytes") {
    ExpectRefused(names, good, "the entry names add up to more than the limit of 1000000 bytes",
                  {"--max-entry-name", "1000", "--max-name-bytes", "1000000"});
  }
  SECTION("with longer names allowed: more entries than --max-entries") {
    ExpectRefused(names, good, "more than 10000 entries", {"--max-entry-name", "1000", "--max-entries", "10000"});
  }
  SECTION("with every limit raised the archive is intact (unknown entries are skipped with a warning)") {
    // verify alone: each command reads the 20000 entries the same way (inspect and diff are slower only).
    ProcessResult r = RunKbulk({"verify", "--quiet", names, "--max-entry-name", "1000"});
    INFO("stderr: " << r.err.substr(0, 2000));
    CHECK((r.exit_code == 0 || r.exit_code == 1));
  }
}
