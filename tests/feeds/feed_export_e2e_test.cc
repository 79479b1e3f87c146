// `kbulk feed export` against the emulator's sample environment: the live feed equals the feed of an archive
// byte for byte (CSV, JSON, NDJSON, --published), the JSON shapes, and every CSV read back by Python's csv
// module and pandas to the same cells.
#include <sys/stat.h>

#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "core/json.h"
#include "tests/support/kbulk_process.h"

namespace kbulk::testing {
namespace {

std::vector<std::string> Live(const Emulator& emu, std::vector<std::string> args) {
  for (const auto& a : emu.ConnectionArgs()) args.push_back(a);
  args.push_back("--rate-limit");
  args.push_back("off");
  return args;
}

std::vector<std::string> FeedArgs(const std::string& format, const std::string& out,
                                  const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"feed", "export", "--type", "article", "--format", format, "-o", out};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::size_t Lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

struct SampleArchive {
  Emulator emu{{"--seed", "sample", "--rate-limit", "off"}};
  TempDir dir;
  std::string archive = dir / "sample.tar.zst";
  SampleArchive() {
    auto exported = RunKbulk(Live(emu, {"export", "-o", archive}), emu.ConnectionEnv());
    if (exported.exit_code != 0) FAIL(exported.err);
  }
};

TEST_CASE("feed export: the live feed equals the feed of an archive, byte for byte, in every format") {
  SampleArchive sample;
  for (const std::string format : {"csv", "json", "ndjson"}) {
    for (const bool published : {false, true}) {
      INFO(format << (published ? " --published" : ""));
      std::vector<std::string> extra;
      if (published) extra.push_back("--published");
      std::string live = sample.dir / ("live." + format), offline = sample.dir / ("offline." + format);
      auto a = RunKbulk(Live(sample.emu, FeedArgs(format, live, extra)), sample.emu.ConnectionEnv());
      REQUIRE(a.exit_code == 0);
      std::vector<std::string> from = FeedArgs(format, offline, extra);
      from.push_back("--from");
      from.push_back(sample.archive);
      auto b = RunKbulk(from);
      REQUIRE(b.exit_code == 0);
      std::string live_bytes = ReadFileBytes(live);
      CHECK(Lines(live_bytes) >= 2);
      CHECK(live_bytes == ReadFileBytes(offline));
      struct stat st {};
      REQUIRE(::stat(live.c_str(), &st) == 0);
      CHECK((st.st_mode & 0777) == 0600);
    }
  }
}

TEST_CASE("feed export: JSON keeps structure - NDJSON is one object a line with the same rows") {
  SampleArchive sample;
  auto run = [&](const std::string& format, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = FeedArgs(format, "-", extra);
    args.push_back("--from");
    args.push_back(sample.archive);
    auto result = RunKbulk(args);
    REQUIRE(result.exit_code == 0);
    return result.out;
  };
  auto json = ParseJson(run("json"));
  REQUIRE(json.ok());
  REQUIRE(json->IsArray());
  REQUIRE(json->Size() >= 2);
  std::string ndjson = run("ndjson");
  CHECK(Lines(ndjson) == json->Size());
  std::set<std::string> seen_types;
  for (const JsonValue& row : json->GetArray()) {
    REQUIRE(row.IsObject());
    CHECK(row.MemberBegin()->name.GetString() == std::string("id"));
    CHECK(row["codename"].IsString());
    CHECK(row["language"].IsString());
    CHECK(row["workflow_step"].IsString());
    CHECK_FALSE(row.HasMember("body.components"));
    if (row["title"].IsString()) seen_types.insert("text");
    if (row["body"].IsObject() && row["body"]["value"].IsString() && row["body"]["components"].IsArray()) {
      seen_types.insert("rich_text");
    }
    if (row["topics"].IsArray()) seen_types.insert("taxonomy");
    if (row["authors"].IsArray()) seen_types.insert("modular_content");
    if (row["hero_image"].IsArray()) seen_types.insert("asset");
    if (row["slug"].IsObject() && row["slug"]["mode"].IsString()) seen_types.insert("url_slug");
    if (row["seo__keywords"].IsArray()) seen_types.insert("snippet taxonomy");
  }
  const std::set<std::string> expected_types{"text",  "rich_text", "taxonomy",        "modular_content",
                                             "asset", "url_slug",  "snippet taxonomy"};
  CHECK(seen_types == expected_types);

  // --columns picks and orders; --language filters; the summary goes to stderr with -o -.
  std::string picked = run("csv", {"--columns", "codename,language,title", "--json"});
  CHECK(picked.substr(0, picked.find('\n')) == "codename,language,title");
  std::vector<std::string> args = FeedArgs("csv", "-", {"--columns", "codename", "--json", "--language", "nope"});
  args.push_back("--from");
  args.push_back(sample.archive);
  auto unknown = RunKbulk(args);
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("language 'nope' is not in the archive's model"));
  args = FeedArgs("csv", "-", {"--columns", "codename,colour", "--json"});
  args.push_back("--from");
  args.push_back(sample.archive);
  auto bad_column = RunKbulk(args);
  CHECK(bad_column.exit_code == 2);
  CHECK_THAT(bad_column.err, Catch::Contains("has no column 'colour'"));
  args = FeedArgs("csv", sample.dir / "s.csv", {"--json"});
  args.push_back("--from");
  args.push_back(sample.archive);
  auto summary = RunKbulk(args);
  REQUIRE(summary.exit_code == 0);
  auto parsed = ParseJson(summary.out);
  REQUIRE(parsed.ok());
  CHECK((*parsed)["rows"].GetUint64() == json->Size());
  CHECK(std::string((*parsed)["source"].GetString()) == "archive");

  // The archive on standard input gives the same feed; --bom is for CSV only.
  auto from_stdin =
      RunKbulk({"feed", "export", "--type", "article", "--format", "ndjson", "--from", "-"}, {}, sample.archive);
  REQUIRE(from_stdin.exit_code == 0);
  CHECK(from_stdin.out == ndjson);
  auto bom_json =
      RunKbulk({"feed", "export", "--type", "article", "--format", "json", "--bom", "--from", sample.archive});
  CHECK(bom_json.exit_code == 2);
  CHECK_THAT(bom_json.err, Catch::Contains("--bom and --crlf apply to CSV only"));
}

TEST_CASE("feed export: Python's csv module and pandas read every CSV to the same cells as the NDJSON feed") {
  SampleArchive sample;
  std::string pairs;  // "CSV NDJSON" arguments of the checker, one pair per feed
  int n = 0;
  for (const std::string type : {"article", "landing_page", "author"}) {
    for (const auto& flags : std::vector<std::vector<std::string>>{{}, {"--bom", "--crlf"}, {"--published"}}) {
      std::string csv = sample.dir / ("feed" + std::to_string(n) + ".csv");
      std::string ndjson = sample.dir / ("feed" + std::to_string(n++) + ".ndjson");
      bool published = std::find(flags.begin(), flags.end(), "--published") != flags.end();
      std::vector<std::vector<std::string>> runs = {{"-o", csv}, {"--format", "ndjson", "-o", ndjson}};
      runs[0].insert(runs[0].end(), flags.begin(), flags.end());
      if (published) runs[1].push_back("--published");
      for (const auto& extra : runs) {
        std::vector<std::string> args{"feed", "export", "--type", type, "--from", sample.archive};
        args.insert(args.end(), extra.begin(), extra.end());
        auto result = RunKbulk(args);
        INFO(type << " " << result.err);
        REQUIRE(result.exit_code == 0);
      }
      pairs += " '" + csv + "' '" + ndjson + "'";
    }
  }
  // Debian's python3 (where scripts/install-deps puts python3-pandas) before another one on the PATH.
  auto check = RunShell("p=python3; [ -x /usr/bin/python3 ] && p=/usr/bin/python3; \"$p\" '" KBULK_SOURCE_DIR
                        "/tests/feeds/read_csv_check.py'" +
                        pairs + " 2>&1");
  if (check.exit_code == 77) {
    WARN(check.out);
    return;
  }
  INFO(check.out);
  CHECK(check.exit_code == 0);
  std::size_t checked = 0;
  for (std::size_t at = 0; (at = check.out.find(": same cells: ", at)) != std::string::npos; ++at) ++checked;
  CHECK(checked == 9);
}

}  // namespace
}  // namespace kbulk::testing
