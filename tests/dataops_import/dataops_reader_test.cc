// formats::DataOpsReader on the real data-ops fixtures: the visitor gets the events a kbulk archive gives
// (model, blobs, assets, items, variants, in that order), every element of every JSON array exactly once,
// asset records naming the SHA-256 of their binary, and damaged zips are refused before any content.
#include <catch2/catch.hpp>

#include <set>
#include <vector>

#include "core/json.h"
#include "core/sha256.h"
#include "formats/dataops_json.h"
#include "formats/dataops_layout.h"
#include "formats/dataops_reader.h"
#include "formats/record_envelope.h"
#include "tests/dataops_import/damaged_zip.h"
#include "tests/support/kbulk_process.h"
#include "tests/support/zip_fixture.h"

using namespace kbulk;
using namespace kbulk::formats;
using namespace kbulk::testing;

namespace {

const char* const kFixtures[] = {"backup.zip", "sync_test_source.zip", "sync_test_target.zip"};

std::string Fixture(const std::string& name) {
  return std::string(KBULK_FIXTURES_DIR) + "/data-ops/" + name;
}

std::string Canonical(std::string_view json) {
  auto doc = ParseJson(json);
  if (!doc.ok()) throw std::runtime_error("not JSON: " + std::string(json.substr(0, 80)));
  return ToJsonString(*doc);
}

struct Recorder final : ArchiveVisitor {
  bool manifest = false;
  std::vector<EntryKind> entries;
  std::map<EntityKind, std::vector<std::string>> records;
  std::map<std::string, std::string> blobs;  // sha -> bytes
  std::vector<std::string> warnings;
  int index_calls = 0;
  std::uint64_t events = 0;

  Status OnManifest(const Manifest&) override {
    manifest = true;
    return Status::Ok();
  }
  Status OnEntryStart(const EntryInfo& info) override {
    ++events;
    entries.push_back(info.kind);
    return Status::Ok();
  }
  Status OnRecord(const EntryInfo& info, std::uint64_t, std::string_view json) override {
    ++events;
    records[info.entity.value()].emplace_back(json);
    return Status::Ok();
  }
  Status OnBlob(const EntryInfo&, std::string_view sha, ByteSource& content) override {
    ++events;
    std::string bytes, chunk(1000, '\0');  // a small buffer: the blob streams in many reads
    for (;;) {
      auto n = content.Read(chunk.data(), chunk.size());
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      bytes.append(chunk.data(), *n);
    }
    blobs[std::string(sha)] = std::move(bytes);
    return Status::Ok();
  }
  Status OnIndex(const ArchiveIndex&) override {
    ++index_calls;
    return Status::Ok();
  }
  void OnWarning(std::string_view w) override { warnings.emplace_back(w); }
};

}  // namespace

TEST_CASE("a data-ops zip is handed out as kbulk archive events", "[dataops]") {
  for (const char* name : kFixtures) {
    INFO(name);
    const std::string path = Fixture(name);
    REQUIRE(IsDataOpsBackup(path));
    auto files = ReadZip(path);
    Recorder r;
    auto summary = DataOpsReader({}).Read(path, r);
    INFO((summary.ok() ? "" : summary.status().ToString()));
    REQUIRE(summary.ok());
    CHECK(r.manifest);
    CHECK(r.index_calls == 1);
    CHECK(r.warnings.empty());
    CHECK(summary->manifest.raw.find("\"format\":\"data-ops\"") != std::string::npos);
    CHECK(summary->manifest.raw.find("\"environment_id\":\"") != std::string::npos);

    // Archive order: phases never go back.
    for (std::size_t i = 1; i < r.entries.size(); ++i) CHECK(EntryPhase(r.entries[i - 1]) <= EntryPhase(r.entries[i]));

    // Every model, item element exactly as stored (same JSON), in the same order.
    for (EntityKind kind : kAllEntityKinds) {
      std::string_view entry = DataOpsModelEntry(kind);
      if (entry.empty()) continue;
      auto expected = JsonObjects(files, std::string(entry));
      INFO(entry);
      REQUIRE(r.records[kind].size() == expected.size());
      for (std::size_t i = 0; i < expected.size(); ++i) CHECK(Canonical(r.records[kind][i]) == expected[i]);
    }
    auto items = JsonObjects(files, "contentItems.json");
    REQUIRE(r.records[EntityKind::kItem].size() == items.size());
    for (std::size_t i = 0; i < items.size(); ++i) CHECK(Canonical(r.records[EntityKind::kItem][i]) == items[i]);

    // Variants: enveloped as the latest version.
    auto variants = JsonObjects(files, "languageVariants.json");
    REQUIRE(r.records[EntityKind::kVariant].size() == variants.size());
    for (std::size_t i = 0; i < variants.size(); ++i) {
      auto v = ParseVariantRecord(r.records[EntityKind::kVariant][i]);
      REQUIRE(v.ok());
      CHECK(v->version == VariantVersion::kLatest);
      CHECK(Canonical(v->variant) == variants[i]);
    }

    // Assets: enveloped, naming the SHA-256 of their binary; that binary was handed out with those bytes.
    auto assets = JsonObjects(files, "assets.json");
    REQUIRE(r.records[EntityKind::kAsset].size() == assets.size());
    std::set<std::string> binaries;
    for (std::size_t i = 0; i < assets.size(); ++i) {
      auto a = ParseAssetRecord(r.records[EntityKind::kAsset][i]);
      REQUIRE(a.ok());
      CHECK(Canonical(a->asset) == assets[i]);
      CHECK(a->renditions == "[]");
      auto doc = ParseJson(a->asset);
      std::string binary = DataOpsBinaryPath(*StringMember(*doc, "id"), *StringMember(*doc, "file_name"));
      REQUIRE(files.count(binary) == 1);
      std::string sha = Sha256::HexOf(files[binary]);
      REQUIRE(a->blob_sha256.has_value());
      CHECK(*a->blob_sha256 == sha);
      REQUIRE(r.blobs.count(sha) == 1);
      CHECK(r.blobs[sha] == files[binary]);
      binaries.insert(sha);
    }
    CHECK(r.blobs.size() == binaries.size());
    CHECK(summary->index.totals.at("assets").records == assets.size());
    CHECK(summary->index.totals.at("variants").records == variants.size());
  }
}

TEST_CASE("the JSON arrays stream element by element", "[dataops]") {
  std::vector<std::string> got;
  auto on = [&](std::uint64_t, std::string_view json) {
    got.emplace_back(json);
    return Status::Ok();
  };
  std::string text = "\xEF\xBB\xBF [ {\"a\":\"x]}\\\"{\"}, {\"b\":[1,{\"c\":2}]}\n]\n";
  // Every split point: the result does not depend on how the bytes arrive.
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    got.clear();
    formats::JsonArraySplitter s("t.json", 1 << 20);
    REQUIRE(s.Feed(std::string_view(text).substr(0, cut), on).ok());
    REQUIRE(s.Feed(std::string_view(text).substr(cut), on).ok());
    REQUIRE(s.Finish().ok());
    REQUIRE(got.size() == 2);
    CHECK(got[0] == "{\"a\":\"x]}\\\"{\"}");
    CHECK(got[1] == "{\"b\":[1,{\"c\":2}]}");
  }
  for (std::string bad : {"{}", "[1]", "[{},]", "[{} {}]", "[{\"a\":}]", "[{}", "[{}] x", "[{\"a\":1}"}) {
    INFO(bad);
    formats::JsonArraySplitter s("t.json", 1 << 20);
    Status st = s.Feed(bad, on);
    if (st.ok()) st = s.Finish();
    CHECK(st.code() == StatusCode::kCorrupt);
    CHECK(st.message().find("t.json") != std::string::npos);
  }
  formats::JsonArraySplitter small("t.json", 8);
  CHECK_FALSE(small.Feed("[{\"a\":\"0123456789\"}]", on).ok());
}
