// `kbulk verify` and `kbulk inspect` as a user runs them: exit codes, messages naming the entry, JSON
// summaries, standard input, and no files written anywhere, even for hostile archives.
#include <catch2/catch.hpp>
#include <filesystem>

#include "archive_test_support.h"
#include "core/json.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::formats::testing;

namespace {

int Kbulk(const std::string& args, std::string* out = nullptr) {
  return RunCommand(std::string(KBULK_BINARY) + " " + args + " 2>&1", out);
}

}  // namespace

TEST_CASE("kbulk verify: 0 intact, 1 dangling references, 5 damaged") {
  TempDir dir;
  WriteSampleArchive(dir / "ok.tar.zst", {Compression::kZstd, 1000, false});
  WriteSampleArchive(dir / "dangling.tar.zst", {Compression::kZstd, 1000, true});
  std::string out;
  CHECK(Kbulk("verify '" + dir / "ok.tar.zst" + "'", &out) == 0);
  CHECK(out.find("intact") != std::string::npos);
  CHECK(Kbulk("verify - < '" + dir / "ok.tar.zst" + "'", &out) == 0);

  CHECK(Kbulk("verify '" + dir / "dangling.tar.zst" + "'", &out) == 1);
  CHECK(out.find("item 'famous_quote' language 'cs-CZ' (latest) element 'source'") != std::string::npos);
  CHECK(out.find("3 dangling references") != std::string::npos);

  WriteSampleArchive(dir / "big.tar.zst", {Compression::kZstd, 1u << 20, false});
  std::string bytes = ReadBytes(dir / "big.tar.zst");
  WriteBytes(dir / "cut.tar.zst", bytes.substr(0, bytes.size() / 2));  // inside the big blob
  CHECK(Kbulk("verify '" + dir / "cut.tar.zst" + "'", &out) == 5);
  CHECK(out.find("DAMAGED") != std::string::npos);
  INFO(out);
  CHECK(out.find("entry '") != std::string::npos);

  CHECK(Kbulk("verify '" + dir / "missing.tar.zst" + "'", &out) == 4);

  CHECK(Kbulk("verify --max-record-size 100 '" + dir / "ok.tar.zst" + "'", &out) == 5);
  CHECK(out.find("larger than the limit of 100 bytes") != std::string::npos);
}

TEST_CASE("kbulk verify --json describes the result") {
  TempDir dir;
  WriteSampleArchive(dir / "d.tar.zst", {Compression::kZstd, 1000, true});
  std::string out;
  REQUIRE(RunCommand(std::string(KBULK_BINARY) + " verify --json '" + dir / "d.tar.zst" + "'", &out) == 1);
  auto json = ParseJson(out);
  REQUIRE(json.ok());
  CHECK(StringMember(*json, "result") == "dangling");
  CHECK(IntMember(*json, "dangling_count") == 3);
  const JsonValue* dangling = Member(*json, "dangling");
  REQUIRE(dangling != nullptr);
  CHECK(StringMember((*dangling)[0], "owner") == "coffee_story");
  CHECK(StringMember((*dangling)[0], "language") == "en-US");
}

TEST_CASE("kbulk inspect prints the manifest, counts, sizes and ratio") {
  TempDir dir;
  WriteSampleArchive(dir / "a.tar.zst", {Compression::kZstd, 100000, false});
  std::string out;
  REQUIRE(RunCommand(std::string(KBULK_BINARY) + " inspect --json '" + dir / "a.tar.zst" + "'", &out) == 0);
  auto json = ParseJson(out);
  REQUIRE(json.ok());
  CHECK(StringMember(*json, "compression") == "zstd");
  CHECK(StringMember(*Member(*json, "manifest"), "format_version") == "1.1");
  CHECK(IntMember(*Member(*Member(*json, "totals"), "variants"), "records") == 3);
  CHECK(IntMember(*json, "compressed_bytes") == static_cast<std::int64_t>(ReadBytes(dir / "a.tar.zst").size()));
  REQUIRE(Kbulk("inspect '" + dir / "a.tar.zst" + "'", &out) == 0);
  CHECK(out.find("format:       kbulk 1.1") != std::string::npos);
  CHECK(out.find("variants") != std::string::npos);
  CHECK(out.find("ratio") != std::string::npos);
}

TEST_CASE("kbulk verify on a hostile archive writes nothing anywhere") {
  TempDir dir;
  WriteSampleArchive(dir / "ok.tar.zst", {Compression::kNone, 1000, false});
  std::string escape = "kbulk-cli-escape-" + std::to_string(::getpid());
  RewriteTar(dir / "ok.tar.zst", dir / "hostile.tar",
             {nullptr, "kbulk.json", {{"../" + escape, "{}\n"}, {"/tmp/" + escape, "{}\n"}}});
  std::filesystem::create_directory(dir / "target");
  std::string out;
  CHECK(RunCommand("cd '" + dir / "target" + "' && " + KBULK_BINARY + " verify ../hostile.tar 2>&1", &out) == 5);
  CHECK(out.find("../" + escape) != std::string::npos);
  CHECK(ListDir(dir.path()) == std::vector<std::string>{"hostile.tar", "ok.tar.zst", "target"});
  CHECK_FALSE(std::filesystem::exists("/tmp/" + escape));
}
