// End to end: an environment -> export -> import into a second (empty) environment of the same emulator
// -> export it -> `kbulk diff` reports no difference, every variant's workflow state matches by codename,
// and a second import of the same archive writes nothing.
#include <catch2/catch.hpp>

#include <cstdio>

#include "tests/importer/import_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

// Source env 0 -> archive a -> env 1 -> archive b; REQUIREs a clean import and a clean diff.
void RoundTrip(const Emulator& emu, const TempDir& dir) {
  std::string a = dir / "a.tar.zst", b = dir / "b.tar.zst";
  ExportOrFail(emu, 0, a);
  auto imported = Import(emu, 1, a);
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  auto summary = Summary(imported);
  CHECK(IntMember(summary["report"], "failure_count").value_or(-1) == 0);

  ExportOrFail(emu, 1, b);
  auto diff = Diff(a, b);
  INFO(diff.out);
  CHECK(diff.exit_code == 0);

  auto source = WorkflowStates(a);
  auto copy = WorkflowStates(b);
  CHECK(source.size() == copy.size());
  for (const auto& [variant, state] : source) {
    INFO(variant);
    REQUIRE(copy.count(variant) == 1);
    CHECK(copy[variant] == state);
  }
}

}  // namespace

TEST_CASE("the sample environment round-trips through import and diffs clean", "[importer][e2e]") {
  Emulator emu({"--seed", "sample", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  RoundTrip(emu, dir);

  SECTION("a second import of the same archive writes nothing") {
    ResetStats(emu);
    auto again = Import(emu, 1, dir / "a.tar.zst");
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(Writes(emu) == 0);
    auto summary = Summary(again);
    const JsonValue* writes = Member(summary["report"], "writes");
    REQUIRE(writes != nullptr);
    CHECK(writes->MemberCount() == 0);
  }
}

TEST_CASE("a synthetic environment round-trips through import", "[importer][e2e]") {
  Emulator emu({"--seed", "synthetic:items=60,languages=2,assets=5,asset_kb=4,seed=3", "--environments", "2",
                "--rate-limit", "off"});
  TempDir dir;
  RoundTrip(emu, dir);
  ResetStats(emu);
  auto again = Import(emu, 1, dir / "a.tar.zst");
  REQUIRE(again.exit_code == 0);
  CHECK(Writes(emu) == 0);
}

TEST_CASE("an import reads standard input, spooled and verified", "[importer][e2e]") {
  Emulator emu({"--seed", "sample", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  std::string a = dir / "a.tar.zst", b = dir / "b.tar.zst";
  ExportOrFail(emu, 0, a);
  auto imported = Import(emu, 1, "-", {}, a);
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  ExportOrFail(emu, 1, b);
  auto diff = Diff(a, b);
  INFO(diff.out);
  CHECK(diff.exit_code == 0);
}

TEST_CASE("a damaged archive stops the import before any write", "[importer][e2e]") {
  Emulator emu({"--seed", "sample", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  std::string a = dir / "a.tar.zst", cut = dir / "cut.tar.zst";
  ExportOrFail(emu, 0, a);
  std::string bytes = ReadFileBytes(a);
  {
    FILE* f = std::fopen(cut.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fwrite(bytes.data(), 1, bytes.size() * 3 / 4, f);
    std::fclose(f);
  }
  ResetStats(emu);
  auto run = Import(emu, 1, cut);
  CHECK(run.exit_code == 5);
  CHECK(Writes(emu) == 0);

  SECTION("with --stream the import writes until the damaged entry and says the target is partial") {
    // One altered byte in content/variants.ndjson of an uncompressed archive: found at that entry's end.
    std::string plain = dir / "plain.tar", bad = dir / "bad.tar";
    ExportOrFail(emu, 0, plain, {"--compression", "none"});
    std::string tar = ReadFileBytes(plain);
    std::size_t entry = tar.find("content/variants.ndjson");
    REQUIRE(entry != std::string::npos);
    std::size_t text = tar.find("On roasts", entry + 512);
    REQUIRE(text != std::string::npos);
    tar[text] = 'X';
    {
      FILE* f = std::fopen(bad.c_str(), "wb");
      REQUIRE(f != nullptr);
      std::fwrite(tar.data(), 1, tar.size(), f);
      std::fclose(f);
    }
    ResetStats(emu);
    auto verified = Import(emu, 1, bad);
    CHECK(verified.exit_code == 5);
    CHECK(Writes(emu) == 0);
    auto streamed = Import(emu, 1, bad, {"--stream"});
    CHECK(streamed.exit_code == 5);
    CHECK(streamed.err.find("content/variants.ndjson") != std::string::npos);
    CHECK(streamed.err.find("partial") != std::string::npos);
    CHECK(Writes(emu) > 0);
  }
}
