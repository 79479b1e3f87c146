// Feed import with a target memory budget so small that every entry of the target's indexes (items, assets,
// variants) spills to the temporary file, run in-process against the `sample` emulator: the sample's own
// exported feed compares equal to the target (nothing written), and an edited feed that creates an item,
// gives it a second variant and links it from another row imports into a second emulator exactly as the
// default budget imports it into the first (same summary, same re-exported feed).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "api/management_client.h"
#include "core/log.h"
#include "feeds/feed_import.h"
#include "tests/feed_import/feed_import_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

constexpr std::size_t kTinyBudget = 64;  // a few bytes per index: every Put spills

std::unique_ptr<api::ManagementClient> ClientOf(const Emulator& emu) {
  api::ClientOptions options;
  options.base_url = emu.base_url();
  options.environment_id = emu.environment_id(0);
  options.api_key = emu.api_key();
  options.pacing.enabled = false;
  options.retry.base_delay = std::chrono::milliseconds(10);
  auto client = api::ManagementClient::Create(options);
  REQUIRE(client.ok());
  return std::move(*client);
}

feeds::FeedImportSummary ImportInProcess(const Emulator& emu, const std::string& path, std::size_t budget,
                                         std::uint64_t* spills = nullptr) {
  auto client = ClientOf(emu);
  feeds::FeedImportOptions options;
  options.path = path;
  options.type = "article";
  options.create_missing = true;
  options.target_memory_budget = budget;
  auto summary = feeds::ImportFeed(*client, options, NullLogger::Instance(), NullProgress::Instance());
  INFO((summary.ok() ? std::string() : summary.status().message()));
  REQUIRE(summary.ok());
  if (spills != nullptr) *spills = summary->target_spills;
  return std::move(*summary);
}

// `kbulk feed export` of the articles as CSV, without the columns that name this environment's ids and times.
std::string ExportLines(const Emulator& emu, const std::string& path, const std::string& columns) {
  std::vector<std::string> args = {"feed", "export", "--type",       "article", "--format", "csv",
                                   "-o",   path,     "--rate-limit", "off",     "--quiet"};
  if (!columns.empty()) {
    args.push_back("--columns");
    args.push_back(columns);
  }
  for (const auto& a : emu.ConnectionArgs(0)) args.push_back(a);
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines sorted: created items may be listed in another order than in the other environment.
std::vector<std::string> SortedLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

void CheckSame(const feeds::FeedImportSummary& a, const feeds::FeedImportSummary& b) {
  CHECK(a.rows_read == b.rows_read);
  CHECK(a.written == b.written);
  CHECK(a.unchanged == b.unchanged);
  CHECK(a.rejected == b.rejected);
  CHECK(a.skipped == b.skipped);
  CHECK(a.created_items == b.created_items);
  CHECK(a.created_variants == b.created_variants);
  CHECK(a.new_versions == b.new_versions);
  CHECK(a.published == b.published);
  CHECK(a.moved == b.moved);
  CHECK(a.writes == b.writes);
  REQUIRE(a.problems.size() == b.problems.size());
  for (std::size_t i = 0; i < a.problems.size(); ++i) {
    CHECK(a.problems[i].row == b.problems[i].row);
    CHECK(a.problems[i].column == b.problems[i].column);
    CHECK(a.problems[i].reason == b.problems[i].reason);
  }
  CHECK(a.notes == b.notes);
}

}  // namespace

TEST_CASE("feed import with a tiny target memory budget: the target spills, results equal the default budget's",
          "[feeds][e2e]") {
  Emulator a({"--seed", "sample", "--rate-limit", "off"});
  Emulator b({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;

  // The sample's full feed (rich text, components, assets with renditions) against its own environment.
  const std::string full = dir / "full.csv";
  ExportLines(b, full, "");
  std::uint64_t spills = 0;
  auto unchanged = ImportInProcess(b, full, kTinyBudget, &spills);
  CHECK(spills > 0);
  CHECK(unchanged.rows_read > 0);
  CHECK(unchanged.unchanged == unchanged.rows_read);
  CHECK(unchanged.written == 0);
  CHECK(unchanged.writes == 0);
  std::uint64_t default_spills = 1;
  ImportInProcess(b, full, feeds::FeedImportOptions{}.target_memory_budget, &default_spills);
  CHECK(default_spills == 0);

  // Edits, a bad row, a created item with a second variant, and a row linking the created item.
  const std::string edits = dir / "edits.csv";
  WriteFile(edits,
            "codename,language,name,title,reading_time,topics,related\n"
            "on_roasts,en-US,On roasts,On roasts,7,\"roasting,espresso\",brewing_basics\n"
            "brewing_basics,de-DE,Brewing basics,Grundlagen neu,4,brewing,on_roasts\n"
            "espresso_recipe,en-US,Espresso recipe,Espresso recipe,3.5,brewing,no_such_item\n"
            "fresh_article,en-US,Fresh article,Fresh,1,espresso,espresso_recipe\n"
            "fresh_article,cs-CZ,Fresh article,Čerstvý,2,espresso,fresh_article\n"
            "tea_overview,en-US,Tea overview,Tea overview,3.5,brewing,fresh_article\n");
  auto with_default = ImportInProcess(a, edits, feeds::FeedImportOptions{}.target_memory_budget);
  auto with_tiny = ImportInProcess(b, edits, kTinyBudget);
  CheckSame(with_default, with_tiny);
  CHECK(with_tiny.created_items == 1);
  CHECK(with_tiny.created_variants == 2);
  CHECK(with_tiny.rejected == 1);
  CHECK(with_tiny.written >= 3);

  const std::string columns =
      "codename,language,name,collection,workflow,workflow_step,title,reading_time,topics,related";
  CHECK(SortedLines(ExportLines(a, dir / "a.csv", columns)) == SortedLines(ExportLines(b, dir / "b.csv", columns)));
  // Imported again, the edited feed is equal to either target.
  CheckSame(ImportInProcess(a, edits, feeds::FeedImportOptions{}.target_memory_budget),
            ImportInProcess(b, edits, kTinyBudget));
}
