// `kbulk feed import` end to end against the `sample` emulator: unchanged rows write nothing; edited cells
// change exactly those elements; published variants get a new version (published again with --publish);
// scheduled and archived ones are reported, not changed; bad rows are rejected by row and column while
// good rows land, the rejected file imports after fixing; --all-or-nothing and --dry-run write nothing.
// The same for CSV, JSON and NDJSON.
#include <catch2/catch.hpp>

#include <set>

#include "tests/feed_import/feed_import_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

// Articles as the sample seed holds them (latest versions), in each format.
const char* kArticlesCsv =
    "codename,language,title,reading_time,topics,related\n"
    "on_roasts,en-US,On roasts,7,\"roasting,espresso\",brewing_basics\n"
    "brewing_basics,de-DE,Grundlagen der Zubereitung,3.5,brewing,\n"
    "espresso_recipe,en-US,Espresso recipe,3.5,brewing,\n"
    "tea_overview,en-US,Tea overview,3.5,brewing,\n"
    "on_roasts,cs-CZ,O pražení,7,\"roasting, espresso\",brewing_basics\n";
const char* kArticlesJson =
    "[{\"codename\":\"on_roasts\",\"language\":\"en-US\",\"title\":\"On roasts\",\"reading_time\":7,"
    "\"topics\":[\"roasting\",\"espresso\"],\"related\":[\"brewing_basics\"]},\n"
    "{\"codename\":\"brewing_basics\",\"language\":\"de-DE\",\"title\":\"Grundlagen der Zubereitung\","
    "\"reading_time\":3.5,\"topics\":[\"brewing\"],\"related\":[]},\n"
    "{\"codename\":\"espresso_recipe\",\"language\":\"en-US\",\"title\":\"Espresso recipe\",\"reading_time\":3.5,"
    "\"topics\":[\"brewing\"],\"related\":null},\n"
    "{\"codename\":\"tea_overview\",\"language\":\"en-US\",\"title\":\"Tea overview\",\"reading_time\":3.5,"
    "\"topics\":[\"brewing\"],\"related\":[]},\n"
    "{\"codename\":\"on_roasts\",\"language\":\"cs-CZ\",\"title\":\"O pražení\",\"reading_time\":7.0,"
    "\"topics\":\"roasting,espresso\",\"related\":[\"brewing_basics\"]}]\n";

std::string JsonToNdjson(std::string json) {
  // The array above has one object per line: drop the brackets and the separators.
  json = json.substr(1, json.size() - 3);
  std::string out;
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == ',' && i + 1 < json.size() && json[i + 1] == '\n') continue;
    out += json[i];
  }
  return out + "\n";
}

struct Format {
  std::string name, articles;
};
std::vector<Format> Formats() {
  return {{"csv", kArticlesCsv}, {"json", kArticlesJson}, {"ndjson", JsonToNdjson(kArticlesJson)}};
}

// The element codenames whose values differ.
std::set<std::string> Changed(const std::map<std::string, std::string>& before,
                              const std::map<std::string, std::string>& after) {
  std::set<std::string> changed;
  for (const auto& [codename, value] : after) {
    auto it = before.find(codename);
    if (it == before.end() || it->second != value) changed.insert(codename);
  }
  return changed;
}

}  // namespace

TEST_CASE("feed import: rows equal to the target write nothing (CSV, JSON, NDJSON)", "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  for (const Format& format : Formats()) {
    INFO(format.name);
    std::string file = dir / ("articles." + format.name);
    WriteFile(file, format.articles);
    ResetStats(emu);
    auto run = FeedImport(emu, 0, file, "article");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    auto summary = Summary(run);
    CHECK(IntMember(summary, "rows_read").value_or(-1) == 5);
    CHECK(IntMember(summary, "unchanged").value_or(-1) == 5);
    CHECK(IntMember(summary, "writes").value_or(-1) == 0);
    CHECK(Writes(emu) == 0);
  }
}

TEST_CASE("feed import: edited cells change exactly those elements, and once", "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> edits = {
      {"csv",
       "codename,language,title,reading_time,topics,related\n"
       "brewing_basics,de-DE,Neu: Grundlagen,4,\"brewing,tea\",\"on_roasts,espresso_recipe\"\n"},
      {"json",
       "[{\"codename\":\"espresso_recipe\",\"language\":\"en-US\",\"title\":\"Espresso, again\",\"reading_time\":5,"
       "\"topics\":[\"espresso\"],\"related\":[\"on_roasts\"],\"body\":{\"value\":\"<p>Dose <strong>19 "
       "g</strong>.</p>\"}}]"},
      {"ndjson",
       "{\"codename\":\"on_roasts\",\"language\":\"en-US\",\"title\":\"On roasts (3rd ed.)\",\"reading_time\":8,"
       "\"topics\":[\"roasting\"],\"related\":[]}\n"}};
  const std::map<std::string, std::pair<std::string, std::string>> target = {
      {"csv", {"brewing_basics", "de-DE"}}, {"json", {"espresso_recipe", "en-US"}}, {"ndjson", {"on_roasts", "en-US"}}};
  for (const auto& [format, feed] : edits) {
    INFO(format);
    auto [item, language] = target.at(format);
    auto before = ElementValues(emu, 0, item, language);
    std::string file = dir / ("edit." + format);
    WriteFile(file, feed);
    auto run = FeedImport(emu, 0, file, "article");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(IntMember(Summary(run), "written").value_or(-1) == 1);
    auto after = ElementValues(emu, 0, item, language);
    std::set<std::string> expected = {"title", "reading_time", "topics", "related"};
    if (format == "json") expected.insert("body");
    CHECK(Changed(before, after) == expected);
    CHECK(after["title"].find(format == "csv"    ? "Neu: Grundlagen"
                              : format == "json" ? "Espresso, again"
                                                 : "3rd ed.") != std::string::npos);
    if (format == "json") CHECK(after["body"].find("19 g") != std::string::npos);

    ResetStats(emu);
    auto again = FeedImport(emu, 0, file, "article");
    REQUIRE(again.exit_code == 0);
    CHECK(IntMember(Summary(again), "unchanged").value_or(-1) == 1);
    CHECK(Writes(emu) == 0);
  }
}

TEST_CASE("feed import: a published variant gets a new version, published again only with --publish", "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string file = dir / "pages.csv";
  WriteFile(file,
            "codename,language,title,featured\n"
            "coffee_guides,en-US,Coffee guides (new),on_roasts\n"
            "home,en-US,Home (new),\"on_roasts,brewing_basics\"\n");
  REQUIRE(StepId(emu, 0, "coffee_guides", "en-US") == kPublishedStepId);
  auto run = FeedImport(emu, 0, file, "landing_page", {"--language", "en-US"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto summary = Summary(run);
  CHECK(IntMember(summary, "new_versions").value_or(-1) == 2);
  CHECK(IntMember(summary, "published").value_or(-1) == 0);
  // A new version in a draft step holds the edit; the published version is untouched.
  CHECK(StepId(emu, 0, "coffee_guides", "en-US") != kPublishedStepId);
  CHECK(ElementValues(emu, 0, "coffee_guides", "en-US")["title"] == "\"Coffee guides (new)\"");
  CHECK(ElementValues(emu, 0, "coffee_guides", "en-US", true)["title"] == "\"Coffee guides\"");
}

TEST_CASE("feed import: with --publish an edited published variant is published again", "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string file = dir / "guides.csv";
  WriteFile(file, "codename,language,title\ncoffee_guides,en-US,Coffee guides (2)\n");
  auto run = FeedImport(emu, 0, file, "landing_page", {"--publish"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto summary = Summary(run);
  CHECK(IntMember(summary, "new_versions").value_or(-1) == 1);
  CHECK(IntMember(summary, "published").value_or(-1) == 1);
  CHECK(StepId(emu, 0, "coffee_guides", "en-US") == kPublishedStepId);
  CHECK(ElementValues(emu, 0, "coffee_guides", "en-US", true)["title"] == "\"Coffee guides (2)\"");
}

TEST_CASE("feed import: scheduled and archived variants are reported, not changed", "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string file = dir / "frozen.csv";
  WriteFile(file,
            "codename,language,title\n"
            "tea_overview,en-US,Tea overview (edited)\n"
            "on_roasts,cs-CZ,O pražení (edited)\n");
  ResetStats(emu);
  auto run = FeedImport(emu, 0, file, "article");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto summary = Summary(run);
  CHECK(IntMember(summary, "skipped").value_or(-1) == 2);
  CHECK(Writes(emu) == 0);
  CHECK(run.err.find("archived") != std::string::npos);
  CHECK(run.err.find("scheduled") != std::string::npos);
}

namespace {

bool HasProblem(const JsonDocument& summary, std::int64_t row, const std::string& column) {
  for (const auto& p : summary["problems"].GetArray()) {
    if (IntMember(p, "row").value_or(-1) == row && StringMember(p, "column").value_or("") == column) return true;
  }
  return false;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("feed import: bad rows are rejected by row and column, good rows land, the rejected file re-imports",
          "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string file = dir / "partial.csv", rejected = dir / "rejected.csv";
  WriteFile(file,
            "codename,language,title,reading_time,topics,related\r\n"
            "brewing_basics,de-DE,Gut,4,brewing,\r\n"
            "espresso_recipe,en-US,Bad number,\"12,5\",brewing,\r\n"
            "on_roasts,en-US,Bad term,7,\"roasting,no_such_term\",brewing_basics\r\n"
            "new_article,en-US,New,1,brewing,\r\n"
            "tea_overview,en-US,Tea overview,3.5,brewing,nobody\r\n");

  // --all-or-nothing: every row checked first, nothing written.
  ResetStats(emu);
  auto all = FeedImport(emu, 0, file, "article", {"--all-or-nothing", "--rejected", rejected});
  INFO(all.err);
  CHECK(all.exit_code == 3);
  CHECK(BoolMember(Summary(all), "nothing_written").value_or(false));
  CHECK(Writes(emu) == 0);

  // --dry-run: the same checks and comparisons, nothing written.
  auto dry = FeedImport(emu, 0, file, "article", {"--dry-run"});
  CHECK(dry.exit_code == 3);
  CHECK(IntMember(Summary(dry), "written").value_or(-1) == 1);
  CHECK(Writes(emu) == 0);

  auto run = FeedImport(emu, 0, file, "article", {"--rejected", rejected});
  INFO(run.err);
  REQUIRE(run.exit_code == 3);
  auto summary = Summary(run);
  CHECK(IntMember(summary, "written").value_or(-1) == 1);
  CHECK(IntMember(summary, "rejected").value_or(-1) == 4);
  CHECK(HasProblem(summary, 3, "reading_time"));
  CHECK(HasProblem(summary, 4, "topics"));
  CHECK(HasProblem(summary, 5, "codename"));
  CHECK(HasProblem(summary, 6, "related"));
  CHECK(run.err.find("row 3, column reading_time: not a number") != std::string::npos);
  CHECK(ElementValues(emu, 0, "brewing_basics", "de-DE")["title"] == "\"Gut\"");

  // The rejected file: the input's header and only the bad rows, as read.
  std::string bad = ReadFileBytes(rejected);
  CHECK(bad.rfind("codename,language,title,reading_time,topics,related\r\n", 0) == 0);
  CHECK(bad.find("Gut") == std::string::npos);
  CHECK(bad.find("\"12,5\"") != std::string::npos);

  // Fixed, it imports (the new item created with --create-missing).
  std::string fixed = dir / "fixed.csv";
  std::string text = Replace(Replace(Replace(bad, "\"12,5\"", "12.5"), "no_such_term", "tea"), "nobody", "on_roasts");
  WriteFile(fixed, text);
  auto again = FeedImport(emu, 0, fixed, "article", {"--create-missing"});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  auto second = Summary(again);
  CHECK(IntMember(second, "rejected").value_or(-1) == 0);
  CHECK(IntMember(second, "created_items").value_or(-1) == 1);
  CHECK(IntMember(second, "created_variants").value_or(-1) == 1);
  CHECK(ElementValues(emu, 0, "espresso_recipe", "en-US")["reading_time"] == "12.5");
  CHECK(ElementValues(emu, 0, "new_article", "en-US")["title"] == "\"New\"");
}

TEST_CASE("feed import: NDJSON and JSON rows are rejected by member, rich text checked by the engine", "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  const std::string rows =
      "{\"codename\":\"brewing_basics\",\"language\":\"de-DE\",\"title\":\"Gut\"}\n"
      "{\"codename\":\"espresso_recipe\",\"language\":\"en-US\",\"body\":\"<p>unclosed <strong>bold</p>\"}\n"
      "{\"codename\":\"on_roasts\",\"language\":\"en-US\",\"reading_time\":\"many\"}\n"
      "{\"codename\":\"on_roasts\",\"language\":\"en-US\",\"no_such_element\":1}\n";
  std::string file = dir / "rows.ndjson", rejected = dir / "rejected.ndjson";
  WriteFile(file, rows);
  auto run = FeedImport(emu, 0, file, "article", {"--rejected", rejected});
  INFO(run.err);
  REQUIRE(run.exit_code == 3);
  auto summary = Summary(run);
  CHECK(IntMember(summary, "written").value_or(-1) == 1);
  CHECK(HasProblem(summary, 2, "body"));
  CHECK(HasProblem(summary, 3, "reading_time"));
  CHECK(HasProblem(summary, 4, "no_such_element"));
  std::string bad = ReadFileBytes(rejected);
  CHECK(bad.find("brewing_basics") == std::string::npos);
  CHECK(bad.find("{\"codename\":\"on_roasts\",\"language\":\"en-US\",\"reading_time\":\"many\"}\n") !=
        std::string::npos);

  std::string json = dir / "rows.json", rejected_json = dir / "rejected.json";
  WriteFile(json, "[" + Replace(Replace(Replace(rows, "}\n{", "},\n{"), "}\n{", "},\n{"), "}\n{", "},\n{") + "]");
  auto as_json = FeedImport(emu, 0, json, "article", {"--rejected", rejected_json});
  REQUIRE(as_json.exit_code == 3);
  CHECK(IntMember(Summary(as_json), "unchanged").value_or(-1) == 1);
  CHECK(IntMember(Summary(as_json), "rejected").value_or(-1) == 3);
  auto parsed = ParseJson(ReadFileBytes(rejected_json));
  REQUIRE(parsed.ok());
  CHECK(parsed->GetArray().Size() == 3);
}

TEST_CASE("feed import: --key external_id, creating by external id, standard input with --all-or-nothing",
          "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string file = dir / "by_external_id.csv";
  WriteFile(file,
            "external_id,codename,name,collection,language,title\n"
            "article-on-roasts,on_roasts,On roasts,marketing,en-US,On roasts (by external id)\n"
            "article-new,fresh_article,Fresh article,knowledge_base,en-US,Fresh\n");
  std::vector<std::string> args = {"feed",
                                   "import",
                                   "-",
                                   "--format",
                                   "csv",
                                   "--type",
                                   "article",
                                   "--key",
                                   "external_id",
                                   "--create-missing",
                                   "--all-or-nothing",
                                   "--rate-limit",
                                   "off",
                                   "--json"};
  for (const auto& a : emu.ConnectionArgs(0)) args.push_back(a);
  auto run = RunKbulk(args, emu.ConnectionEnv(), file);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto summary = Summary(run);
  CHECK(IntMember(summary, "written").value_or(-1) == 2);
  CHECK(IntMember(summary, "created_items").value_or(-1) == 1);
  CHECK(ElementValues(emu, 0, "on_roasts", "en-US")["title"] == "\"On roasts (by external id)\"");
  CHECK(ElementValues(emu, 0, "fresh_article", "en-US")["title"] == "\"Fresh\"");
  auto [status, item] = Api(emu, 0, "GET", "/items/external-id/article-new");
  CHECK(status == 200);
  CHECK(item.find("\"fresh_article\"") != std::string::npos);

  // The same file again: nothing to write.
  ResetStats(emu);
  auto again = RunKbulk(args, emu.ConnectionEnv(), file);
  REQUIRE(again.exit_code == 0);
  CHECK(IntMember(Summary(again), "unchanged").value_or(-1) == 2);
  CHECK(Writes(emu) == 0);
}

TEST_CASE("feed import: --language skips other rows - a record longer than the header is rejected", "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string file = dir / "languages.csv";
  WriteFile(file,
            "codename,language,title\n"
            "brewing_basics,de-DE,Nur Deutsch\n"
            "espresso_recipe,en-US,Espresso recipe,extra\n"
            "espresso_recipe,,Espresso (en-US by --language)\n");
  auto run = FeedImport(emu, 0, file, "article", {"--language", "en-US"});
  INFO(run.err);
  REQUIRE(run.exit_code == 3);
  auto summary = Summary(run);
  CHECK(IntMember(summary, "skipped").value_or(-1) == 1);
  CHECK(IntMember(summary, "rejected").value_or(-1) == 1);
  CHECK(IntMember(summary, "written").value_or(-1) == 1);
  CHECK(run.err.find("row 3: 4 fields, the header has 3 columns") != std::string::npos);
  CHECK(ElementValues(emu, 0, "brewing_basics", "de-DE")["title"] == "\"Grundlagen der Zubereitung\"");
  CHECK(ElementValues(emu, 0, "espresso_recipe", "en-US")["title"] == "\"Espresso (en-US by --language)\"");
}
