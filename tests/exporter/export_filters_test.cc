// Export filters, each against the sample environment: kinds, types, languages, collections, since,
// binaries, latest only.
#include <catch2/catch.hpp>

#include <set>

#include "archive_content.h"
#include "core/json.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

// Exports the emulator's environment with extra flags; REQUIREs success and a verifiable archive.
ArchiveContent Export(const Emulator& emu, const TempDir& dir, const std::string& name,
                      const std::vector<std::string>& flags) {
  std::string archive = dir / name;
  std::vector<std::string> args = {"export", "-o", archive, "--quiet"};
  for (const auto& a : emu.ConnectionArgs()) args.push_back(a);
  args.insert(args.end(), flags.begin(), flags.end());
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(name << ": " << run.err);
  REQUIRE(run.exit_code == 0);
  return ReadArchive(archive);
}

std::set<std::string> Values(const ArchiveContent& c, const std::string& entry, const char* a, const char* b,
                             const char* field) {
  std::set<std::string> out;
  auto it = c.records.find(entry);
  if (it == c.records.end()) return out;
  for (const auto& line : it->second) {
    auto doc = ParseJson(line);
    REQUIRE(doc.ok());
    const JsonValue* v = a ? Member(*doc, a) : &static_cast<const JsonValue&>(*doc);
    if (v && b) v = Member(*v, b);
    if (v && field) v = Member(*v, field);
    if (v && v->IsString()) out.insert(v->GetString());
  }
  return out;
}

}  // namespace

TEST_CASE("export filters", "[exporter][filters]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  ArchiveContent full = Export(emu, dir, "full.tar.zst", {});
  REQUIRE(full.Count("content/items.ndjson") > 3);

  SECTION("--exclude leaves out kinds; --include keeps only them") {
    ArchiveContent c = Export(emu, dir, "exclude.tar.zst", {"--exclude", "webhooks,roles"});
    CHECK(c.Count("model/webhooks.ndjson") == 0);
    CHECK(c.Count("model/roles.ndjson") == 0);
    CHECK(c.Count("content/items.ndjson") == full.Count("content/items.ndjson"));
    ArchiveContent only = Export(emu, dir, "include.tar.zst", {"--include", "languages,content_types"});
    CHECK(only.Count("model/languages.ndjson") == full.Count("model/languages.ndjson"));
    CHECK(only.Count("model/content_types.ndjson") == full.Count("model/content_types.ndjson"));
    CHECK(only.Count("content/items.ndjson") == 0);
    CHECK(only.Count("assets/assets.ndjson") == 0);
    CHECK(only.blobs.empty());
  }

  SECTION("--types keeps content of those types only") {
    auto full_types = Values(full, "content/items.ndjson", "type", nullptr, "id");
    REQUIRE(full_types.size() >= 2);
    ArchiveContent c = Export(emu, dir, "types.tar.zst", {"--types", "article"});
    auto types = Values(c, "content/items.ndjson", "type", nullptr, "id");
    CHECK(types.size() == 1);
    CHECK(c.Count("content/items.ndjson") < full.Count("content/items.ndjson"));
    CHECK(c.Count("content/variants.ndjson") > 0);
    CHECK(c.Count("model/content_types.ndjson") == full.Count("model/content_types.ndjson"));
  }

  SECTION("--languages keeps variants in those languages only") {
    ArchiveContent c = Export(emu, dir, "languages.tar.zst", {"--languages", "de-DE"});
    auto languages = Values(c, "content/variants.ndjson", "variant", "language", "id");
    CHECK(languages.size() == 1);
    CHECK(c.Count("content/variants.ndjson") < full.Count("content/variants.ndjson"));
  }

  SECTION("--collections keeps content of those collections only") {
    ArchiveContent c = Export(emu, dir, "collections.tar.zst", {"--collections", "default"});
    auto collections = Values(c, "content/items.ndjson", "collection", nullptr, "id");
    CHECK(collections == std::set<std::string>{"00000000-0000-0000-0000-000000000000"});
    CHECK(c.Count("content/items.ndjson") < full.Count("content/items.ndjson"));
  }

  SECTION("--since keeps content changed at or after the time") {
    ArchiveContent none = Export(emu, dir, "since-future.tar.zst", {"--since", "2099-01-01T00:00:00Z"});
    CHECK(none.Count("content/variants.ndjson") == 0);
    CHECK(none.Count("content/items.ndjson") == 0);
    ArchiveContent all = Export(emu, dir, "since-past.tar.zst", {"--since", "2000-01-01T00:00:00Z"});
    CHECK(all.Count("content/variants.ndjson") == full.Count("content/variants.ndjson"));
  }

  SECTION("--no-binaries keeps asset metadata without blobs") {
    ArchiveContent c = Export(emu, dir, "nobin.tar.zst", {"--no-binaries"});
    CHECK(c.blobs.empty());
    CHECK(c.Count("assets/assets.ndjson") == full.Count("assets/assets.ndjson"));
  }

  SECTION("--latest-only skips published versions under newer drafts") {
    ArchiveContent c = Export(emu, dir, "latest.tar.zst", {"--latest-only"});
    CHECK(c.Find("content/variants.ndjson", {"\"version\":\"published\""}).empty());
    CHECK_FALSE(full.Find("content/variants.ndjson", {"\"version\":\"published\""}).empty());
  }

  SECTION("--items follows references to a subset that verifies with no dangling reference") {
    std::string archive = dir / "subset.tar.zst";
    ArchiveContent c = Export(emu, dir, "subset.tar.zst", {"--items", "home", "--depth", "10"});
    CHECK(c.Count("content/items.ndjson") >= 2);
    CHECK(c.Count("content/items.ndjson") < full.Count("content/items.ndjson"));
    CHECK(c.Find("content/items.ndjson", {"\"codename\":\"home\""}).size() == 1);
    auto verify = RunKbulk({"verify", archive});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
    ArchiveContent shallow = Export(emu, dir, "shallow.tar.zst", {"--items", "home", "--depth", "0"});
    CHECK(shallow.Count("content/items.ndjson") == 1);
  }

  SECTION("an unknown codename in a filter is a usage error") {
    std::vector<std::string> args = {"export", "-o", dir / "bad.tar.zst", "--types", "no_such_type"};
    for (const auto& a : emu.ConnectionArgs()) args.push_back(a);
    auto run = RunKbulk(args, emu.ConnectionEnv());
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("no_such_type") != std::string::npos);
  }
}
