// `kbulk export --base`: an incremental export takes unchanged variants' published versions (and their
// absence) from the base instead of probing, and still writes the same archive as a full export.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <algorithm>
#include <set>

#include "archive_content.h"
#include "core/json.h"
#include "tests/support/kbulk_process.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

JsonDocument Export(const Emulator& emu, const std::string& archive, const std::vector<std::string>& flags = {}) {
  std::vector<std::string> args = {"export", "-o", archive, "--json", "--rate-limit", "off"};
  for (const auto& a : emu.ConnectionArgs()) args.push_back(a);
  args.insert(args.end(), flags.begin(), flags.end());
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto doc = ParseJson(run.out);
  REQUIRE(doc.ok());
  return std::move(*doc);
}

std::uint64_t U(const JsonValue& summary, const char* key) {
  auto v = IntMember(summary, key);
  REQUIRE(v.has_value());
  return static_cast<std::uint64_t>(*v);
}

std::uint64_t ApiRequests(const JsonValue& summary) {
  return static_cast<std::uint64_t>(*IntMember(summary["requests"], "api_requests"));
}

// Every variant record (latest and published, workflow state included), sorted: archives written by
// parallel phases differ only in order.
std::vector<std::string> Variants(const std::string& archive) {
  ArchiveContent content = ReadArchive(archive);
  std::vector<std::string> out = content.records["content/variants.ndjson"];
  std::sort(out.begin(), out.end());
  return out;
}

void ExpectSameArchive(const std::string& a, const std::string& b) {
  auto diff = RunKbulk({"diff", a, b});
  INFO(diff.out << diff.err);
  CHECK(diff.exit_code == 0);
  CHECK(Variants(a) == Variants(b));
  auto verify = RunKbulk({"verify", b});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
}

void Put(const Emulator& emu, const std::string& route) {
  httplib::Client client(emu.origin());
  std::string path = emu.base_url().substr(emu.origin().size()) + "/projects/" + emu.environment_id() + route;
  auto res =
      client.Put(path.c_str(), httplib::Headers{{"Authorization", "Bearer " + emu.api_key()}}, "", "application/json");
  REQUIRE(res);
  INFO(route << ": " << res->body);
  REQUIRE(res->status == 204);
}

}  // namespace

TEST_CASE("an incremental export of an unchanged environment probes nothing and equals the full export",
          "[exporter][incremental]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string full = dir / "full.tar.zst", next = dir / "next.tar.zst";
  JsonDocument a = Export(emu, full);
  REQUIRE(U(a, "published_requests") > 0);
  REQUIRE(U(a, "published_versions") > 0);
  JsonDocument b = Export(emu, next, {"--base", full});
  CHECK(U(b, "published_requests") == 0);
  CHECK(U(b, "published_reused") == U(a, "published_versions"));
  CHECK(U(b, "published_reused") + U(b, "published_none_reused") == U(a, "published_requests"));
  CHECK(U(b, "requests_saved_by_base") == U(a, "published_requests"));
  CHECK(ApiRequests(b) == ApiRequests(a) - U(a, "published_requests"));
  ExpectSameArchive(full, next);
  auto manifest = RunShell("tar --zstd -xOf '" + next + "' kbulk.json");
  REQUIRE(manifest.exit_code == 0);
  auto m = ParseJson(manifest.out);
  REQUIRE(m.ok());
  REQUIRE(Member(*m, "base") != nullptr);
  CHECK(*StringMember((*m)["base"], "file") == "full.tar.zst");
  CHECK_FALSE(StringMember((*m)["base"], "index_digest")->empty());

  SECTION("--refresh-published makes every probe again") {
    JsonDocument c = Export(emu, dir / "refreshed.tar.zst", {"--base", full, "--refresh-published"});
    CHECK(U(c, "published_requests") == U(a, "published_requests"));
    CHECK(U(c, "published_reused") == 0);
    ExpectSameArchive(full, dir / "refreshed.tar.zst");
  }
  SECTION("a --latest-only base vouches for nothing: every probe is made") {
    std::string latest = dir / "latest.tar.zst";
    Export(emu, latest, {"--latest-only"});
    JsonDocument c = Export(emu, dir / "from-latest.tar.zst", {"--base", latest});
    CHECK(U(c, "published_requests") == U(a, "published_requests"));
    CHECK(U(c, "published_reused") + U(c, "published_none_reused") == 0);
    ExpectSameArchive(full, dir / "from-latest.tar.zst");
  }
}

TEST_CASE("after a variant changes, the incremental export holds exactly the new state", "[exporter][incremental]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string base = dir / "base.tar.zst";
  Export(emu, base);
  // Every variant whose latest version is published gets a new version: its published version now sits
  // under a draft the base never saw, and the base (which had no published record for it) must not be
  // trusted for it.
  ArchiveContent content = ReadArchive(base);
  std::set<std::string> published_steps;
  for (const auto& line : content.records["model/workflows.ndjson"]) {
    auto workflow = ParseJson(line);
    REQUIRE(workflow.ok());
    published_steps.insert((*workflow)["published_step"]["id"].GetString());
  }
  std::size_t changed = 0;
  for (const auto& line : content.Find("content/variants.ndjson", {"\"version\":\"latest\""})) {
    auto record = ParseJson(line);
    REQUIRE(record.ok());
    const JsonValue& v = (*record)["variant"];
    if (published_steps.count(v["workflow"]["step_identifier"]["id"].GetString()) == 0) continue;
    Put(emu, std::string("/items/") + v["item"]["id"].GetString() + "/variants/" + v["language"]["id"].GetString() +
                 "/new-version");
    ++changed;
  }
  REQUIRE(changed > 0);
  JsonDocument incremental = Export(emu, dir / "incremental.tar.zst", {"--base", base});
  JsonDocument fresh = Export(emu, dir / "fresh.tar.zst");
  CHECK(U(incremental, "published_requests") == changed);
  CHECK(U(incremental, "published_versions") == U(fresh, "published_versions"));
  ExpectSameArchive(dir / "fresh.tar.zst", dir / "incremental.tar.zst");
}
