// `kbulk export --base`: an incremental export takes unchanged variants' published versions (and their
// absence) from the base instead of probing, and still writes the same archive as a full export.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <algorithm>
#include <filesystem>
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

// The lines of `kbulk verify`'s report after the first (which names the file), sorted: the order of
// dangling references follows the (parallel) order of the variants.
std::vector<std::string> VerdictLines(const std::string& out) {
  std::vector<std::string> lines;
  std::size_t start = out.find('\n');
  while (start != std::string::npos && start + 1 < out.size()) {
    std::size_t end = out.find('\n', start + 1);
    lines.push_back(out.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1));
    start = end;
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// `b` diffs clean against `a`, holds the same variant versions, and verifies exactly as `a` does (an
// environment with dangling references gives both the same verdict).
void ExpectSameArchive(const std::string& a, const std::string& b) {
  auto diff = RunKbulk({"diff", a, b});
  INFO(diff.out << diff.err);
  CHECK(diff.exit_code == 0);
  CHECK(Variants(a) == Variants(b));
  auto verify_a = RunKbulk({"verify", a});
  auto verify_b = RunKbulk({"verify", b});
  INFO(verify_b.out << verify_b.err);
  CHECK(verify_b.exit_code == verify_a.exit_code);
  CHECK(VerdictLines(verify_b.out) == VerdictLines(verify_a.out));
}

// A management API call that must succeed; returns the answer's body.
std::string Call(const Emulator& emu, const std::string& method, const std::string& route, const std::string& body = "",
                 const std::string& content_type = "application/json") {
  httplib::Client client(emu.origin());
  std::string path = emu.base_url().substr(emu.origin().size()) + "/projects/" + emu.environment_id() + route;
  httplib::Headers headers{{"Authorization", "Bearer " + emu.api_key()}};
  httplib::Result res = method == "PUT"    ? client.Put(path.c_str(), headers, body, content_type.c_str())
                        : method == "POST" ? client.Post(path.c_str(), headers, body, content_type.c_str())
                                           : client.Delete(path.c_str(), headers);
  REQUIRE(res);
  INFO(method << " " << route << ": " << res->status << " " << res->body);
  REQUIRE(res->status >= 200);
  REQUIRE(res->status < 300);
  return res->body;
}

void Put(const Emulator& emu, const std::string& route) {
  Call(emu, "PUT", route);
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
  // Every binary came from the base, none from the CDN.
  CHECK(U(b, "binary_bytes") == 0);
  CHECK(U(b, "binaries_reused") == U(b["counts"], "assets"));
  CHECK(U(a, "binaries_reused") == 0);
  CHECK(U(a, "binary_bytes") > 0);
  ExpectSameArchive(full, next);
  CHECK(RunKbulk({"verify", next}).exit_code == 0);
  auto manifest = RunShell("tar --zstd -xOf '" + next + "' kbulk.json");
  REQUIRE(manifest.exit_code == 0);
  auto m = ParseJson(manifest.out);
  REQUIRE(m.ok());
  REQUIRE(Member(*m, "base") != nullptr);
  CHECK(*StringMember((*m)["base"], "file") == "full.tar.zst");
  CHECK_FALSE(StringMember((*m)["base"], "index_digest")->empty());
  // The reuse counts, known only at the end, are in the trailer: `kbulk inspect` shows them.
  auto inspect = RunKbulk({"inspect", next, "--json"});
  REQUIRE(inspect.exit_code == 0);
  auto shown = ParseJson(inspect.out);
  REQUIRE(shown.ok());
  REQUIRE(Member(*shown, "reuse") != nullptr);
  const JsonValue& reuse = *Member(*shown, "reuse");
  CHECK(U(reuse, "published_versions") == U(b, "published_reused"));
  CHECK(U(reuse, "published_absences") == U(b, "published_none_reused"));
  CHECK(U(reuse, "binaries") == U(b, "binaries_reused"));
  CHECK(U(reuse, "requests_saved") == U(b, "requests_saved_by_base"));
  auto text = RunKbulk({"inspect", next});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("reused:       " + std::to_string(U(b, "published_reused")) + " published versions") !=
        std::string::npos);
  auto full_inspect = RunKbulk({"inspect", full, "--json"});
  REQUIRE(full_inspect.exit_code == 0);
  auto full_shown = ParseJson(full_inspect.out);
  REQUIRE(full_shown.ok());
  REQUIRE(Member(*full_shown, "reuse") != nullptr);
  CHECK(Member(*full_shown, "reuse")->IsNull());

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

TEST_CASE("a subset export (--items) takes unchanged published versions from the base", "[exporter][incremental]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string full = dir / "full.tar.zst", subset = dir / "subset.tar.zst", next = dir / "next.tar.zst";
  const std::vector<std::string> items = {"--items", "home", "--depth", "10"};
  JsonDocument a = Export(emu, subset, items);
  REQUIRE(U(a, "published_requests") > 0);
  REQUIRE(U(a, "published_versions") > 0);
  Export(emu, full);
  std::vector<std::string> flags = items;
  flags.insert(flags.end(), {"--base", full});
  JsonDocument b = Export(emu, next, flags);
  CHECK(U(b, "published_requests") == 0);
  CHECK(U(b, "published_reused") == U(a, "published_versions"));
  CHECK(U(b, "published_reused") + U(b, "published_none_reused") == U(a, "published_requests"));
  CHECK(ApiRequests(b) == ApiRequests(a) - U(a, "published_requests"));
  // The binaries of the assets reached come from the base, none from the CDN.
  REQUIRE(U(b["counts"], "assets") > 0);
  CHECK(U(b, "binaries_reused") == U(b["counts"], "assets"));
  CHECK(U(b, "binary_bytes") == 0);
  // Same items reached (the published versions' references included), same variant versions.
  ExpectSameArchive(subset, next);
}

TEST_CASE("a base exported from another environment is refused and both ids are named", "[exporter][incremental]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off", "--environments", "2"});
  TempDir dir;
  std::string base = dir / "base.tar.zst", next = dir / "next.tar.zst";
  Export(emu, base);
  std::vector<std::string> args = {"export", "-o", next, "--base", base, "--rate-limit", "off"};
  for (const auto& a : emu.ConnectionArgs(1)) args.push_back(a);
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(run.out << run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("exported from environment " + emu.environment_id(0)) != std::string::npos);
  CHECK(run.err.find("not from " + emu.environment_id(1)) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(next));
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
  // One asset's binary is replaced, and one item is deleted.
  auto first_asset = ParseJson(content.records["assets/assets.ndjson"].at(0));
  REQUIRE(first_asset.ok());
  std::string asset_id = (*first_asset)["asset"]["id"].GetString();
  const std::string new_binary = "a new binary, not the old one";
  auto file = ParseJson(Call(emu, "POST", "/files/replaced.bin", new_binary, "application/octet-stream"));
  REQUIRE(file.ok());
  Call(emu, "PUT", "/assets/" + asset_id,
       std::string(R"({"file_reference":{"id":")") + (*file)["id"].GetString() + R"(","type":"internal"}})");
  auto last_item = ParseJson(content.records["content/items.ndjson"].back());
  REQUIRE(last_item.ok());
  Call(emu, "DELETE", std::string("/items/") + (*last_item)["id"].GetString());
  JsonDocument incremental = Export(emu, dir / "incremental.tar.zst", {"--base", base});
  JsonDocument fresh = Export(emu, dir / "fresh.tar.zst");
  CHECK(U(incremental, "published_requests") <= changed);
  CHECK(U(incremental, "binaries_reused") + 1 == U(incremental["counts"], "assets"));
  CHECK(U(incremental, "binary_bytes") == new_binary.size());
  CHECK(U(incremental, "published_versions") == U(fresh, "published_versions"));
  ExpectSameArchive(dir / "fresh.tar.zst", dir / "incremental.tar.zst");
}
