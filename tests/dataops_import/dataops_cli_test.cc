// `kbulk verify` and `kbulk inspect` on the data-ops fixture zips: intact, counts per kind and sizes as in
// the zip, and backup.zip's references to objects it does not contain listed as dangling (exit 1).
#include <catch2/catch.hpp>

#include "core/json.h"
#include "tests/support/kbulk_process.h"
#include "tests/support/zip_fixture.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

std::string Fixture(const std::string& name) {
  return std::string(KBULK_FIXTURES_DIR) + "/data-ops/" + name;
}

const std::pair<const char*, const char*> kKinds[] = {{"contentItems.json", "items"},
                                                      {"languageVariants.json", "variants"},
                                                      {"assets.json", "assets"},
                                                      {"contentTypes.json", "content_types"},
                                                      {"contentTypeSnippets.json", "snippets"},
                                                      {"taxonomies.json", "taxonomy_groups"},
                                                      {"workflows.json", "workflows"},
                                                      {"languages.json", "languages"}};

}  // namespace

TEST_CASE("kbulk inspect shows a data-ops zip's counts per kind and sizes", "[dataops][cli]") {
  for (const char* name : {"backup.zip", "sync_test_source.zip", "sync_test_target.zip"}) {
    INFO(name);
    auto files = ReadZip(Fixture(name));
    auto run = RunKbulk({"inspect", Fixture(name), "--json"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    auto doc = ParseJson(run.out);
    REQUIRE(doc.ok());
    CHECK(StringMember((*doc)["manifest"], "format") == std::optional<std::string_view>("data-ops"));
    const JsonValue& totals = (*doc)["totals"];
    for (const auto& [entry, kind] : kKinds) {
      INFO(kind);
      REQUIRE(Member(totals, kind) != nullptr);
      CHECK(IntMember(totals[kind], "records") == static_cast<std::int64_t>(JsonObjects(files, entry).size()));
      CHECK(IntMember(totals[kind], "bytes") == static_cast<std::int64_t>(files[entry].size()));
    }
    std::uint64_t binaries = 0, bytes = 0;
    for (const auto& [path, data] : files) {
      if (path.rfind("assets/", 0) == 0) ++binaries, bytes += data.size();
    }
    CHECK(IntMember(totals["blobs"], "records") == static_cast<std::int64_t>(binaries));
    CHECK(IntMember(totals["blobs"], "bytes") == static_cast<std::int64_t>(bytes));

    auto text = RunKbulk({"inspect", Fixture(name)});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("data-ops") != std::string::npos);
    CHECK(text.out.find("variants") != std::string::npos);
  }
}

TEST_CASE("kbulk verify checks a data-ops zip and its references", "[dataops][cli]") {
  auto source = RunKbulk({"verify", Fixture("sync_test_source.zip")});
  INFO(source.out << source.err);
  CHECK(source.exit_code == 0);
  CHECK(source.out.find("intact") != std::string::npos);

  // backup.zip refers to a few objects it does not contain (deleted in its environment).
  auto backup = RunKbulk({"verify", Fixture("backup.zip"), "--json"});
  INFO(backup.out << backup.err);
  CHECK(backup.exit_code == 1);
  auto doc = ParseJson(backup.out);
  REQUIRE(doc.ok());
  CHECK(StringMember(*doc, "result") == std::optional<std::string_view>("dangling"));
  CHECK(IntMember(*doc, "dangling_count").value_or(0) > 0);
}
