// Feed import with feeds written by `kbulk feed export`: the export of the `sample` environment imported
// unchanged writes nothing; edited cells (text, number, taxonomy, linked items, rich text) come back in the
// re-exported feed as exactly those cells (a custom element's searchable value too); and a feed of environment A
// imported into environment B that holds a `kbulk import` of A exports from B identical apart from id, last_modified
// and external_id. CSV, JSON and NDJSON.
#include <catch2/catch.hpp>

#include <cstdio>
#include <optional>
#include <set>

#include "feeds/row_reader.h"
#include "tests/feed_import/feed_import_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

// A row as (column, cell): CSV cells as text (nullopt = missing), JSON members as JSON text.
using Row = std::vector<std::pair<std::string, std::optional<std::string>>>;

std::vector<Row> ReadFeed(const std::string& path, feeds::FeedFormat format) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  REQUIRE(file != nullptr);
  auto reader = feeds::OpenRowReader(file, path, format);
  REQUIRE(reader.ok());
  std::vector<Row> rows;
  feeds::FeedRow row;
  for (;;) {
    auto next = (*reader)->Next(row);
    REQUIRE(next.ok());
    if (!*next) break;
    Row out;
    if (format == feeds::FeedFormat::kCsv) {
      const auto& header = (*reader)->header();
      for (std::size_t i = 0; i < header.size(); ++i) {
        bool present = i < row.fields.size() && !row.fields[i].null;
        out.emplace_back(header[i], present ? std::optional<std::string>(row.fields[i].value) : std::nullopt);
      }
    } else {
      auto doc = ParseJson(row.json);
      REQUIRE(doc.ok());
      for (const auto& m : doc->GetObject())
        out.emplace_back(std::string(m.name.GetString(), m.name.GetStringLength()), ToJsonString(m.value));
    }
    rows.push_back(std::move(out));
  }
  std::fclose(file);
  return rows;
}

void WriteFeed(const std::string& path, feeds::FeedFormat format, const std::vector<Row>& rows) {
  std::string text;
  if (format == feeds::FeedFormat::kCsv) {
    for (std::size_t i = 0; i < rows.front().size(); ++i) text += (i ? "," : "") + rows.front()[i].first;
    text += "\n";
    for (const Row& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i)
        text += (i ? "," : "") + (row[i].second ? feeds::CsvEscape(*row[i].second, true) : std::string());
      text += "\n";
    }
  } else {
    if (format == feeds::FeedFormat::kJson) text += "[";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::string object = "{";
      for (std::size_t i = 0; i < rows[r].size(); ++i) {
        JsonDocument d;
        object += (i ? "," : "") + ToJsonString(MakeString(rows[r][i].first, d.GetAllocator())) + ":" +
                  rows[r][i].second.value_or("null");
      }
      object += "}";
      text += format == feeds::FeedFormat::kJson ? (r ? "," : "") + object : object + "\n";
    }
    if (format == feeds::FeedFormat::kJson) text += "]";
  }
  WriteFile(path, text);
}

std::string Key(const Row& row) {
  std::string key;
  for (const auto& [name, value] : row) {
    if (name != "codename" && name != "language") continue;
    std::string text = value.value_or("");
    if (text.size() >= 2 && text.front() == '"') text = text.substr(1, text.size() - 2);  // a JSON string
    key += text + "/";
  }
  return key;
}

// "codename/language/" -> the columns whose cells differ (columns in `ignore` aside).
std::map<std::string, std::set<std::string>> Differences(const std::vector<Row>& a, const std::vector<Row>& b,
                                                         const std::set<std::string>& ignore) {
  std::map<std::string, const Row*> by_key;
  for (const Row& row : b) by_key[Key(row)] = &row;
  std::map<std::string, std::set<std::string>> out;
  for (const Row& row : a) {
    auto it = by_key.find(Key(row));
    if (it == by_key.end()) {
      out[Key(row)].insert("<missing>");
      continue;
    }
    std::map<std::string, std::optional<std::string>> other(it->second->begin(), it->second->end());
    for (const auto& [name, value] : row) {
      if (!ignore.count(name) && other[name] != value) out[Key(row)].insert(name);
    }
  }
  if (a.size() != b.size()) out["<rows>"].insert(std::to_string(a.size()) + " vs " + std::to_string(b.size()));
  return out;
}

void Set(Row& row, const std::string& column, const std::string& value) {
  for (auto& [name, cell] : row) {
    if (name == column) {
      cell = value;
      return;
    }
  }
  FAIL("no column " << column);
}

Row& Find(std::vector<Row>& rows, const std::string& key) {
  for (Row& row : rows) {
    if (Key(row) == key) return row;
  }
  FAIL("no row " << key);
  return rows.front();
}

void FeedExport(const Emulator& emu, std::size_t env, const std::string& out, const std::string& format,
                const std::string& columns = "") {
  std::vector<std::string> args = {"feed", "export", "--type",       "article", "--format", format,
                                   "-o",   out,      "--rate-limit", "off",     "--quiet"};
  if (!columns.empty()) {
    args.push_back("--columns");
    args.push_back(columns);
  }
  for (const auto& a : emu.ConnectionArgs(env)) args.push_back(a);
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
}

struct Edit {
  std::string format, key;
  std::map<std::string, std::string> cells;
};

}  // namespace

TEST_CASE("feed import of exported feeds: unchanged writes nothing, edits come back as exactly those cells",
          "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  const std::vector<Edit> edits = {
      {"csv",
       "espresso_recipe/en-US/",
       {{"title", "Espresso, twice"},
        {"reading_time", "4.25"},
        {"topics", "espresso,tea"},
        {"related", "on_roasts,brewing_basics"},
        {"body", "<p>Dose <strong>20 g</strong>, yield 40 g.</p>"},
        {"accent_color", "#123456"},
        {"accent_color.searchable_value", "dark blue"}}},
      {"json",
       "brewing_basics/de-DE/",
       {{"title", "\"Grundlagen, neu\""},
        {"reading_time", "6"},
        {"topics", "[\"roasting\"]"},
        {"related", "[\"espresso_recipe\"]"},
        {"accent_color", "{\"value\":\"#ffffff\",\"searchable_value\":\"white\"}"}}},
      {"ndjson", "on_roasts/de-DE/", {{"title", "\"Über Röstungen, neu\""}, {"reading_time", "9"}, {"topics", "[]"}}}};
  for (const Edit& edit : edits) {
    INFO(edit.format);
    auto format = *feeds::ParseFeedFormat(edit.format);
    std::string a = dir / ("a." + edit.format), b = dir / ("b." + edit.format), e = dir / ("e." + edit.format);
    FeedExport(emu, 0, a, edit.format);

    ResetStats(emu);
    auto unchanged = FeedImport(emu, 0, a, "article");
    INFO(unchanged.err);
    REQUIRE(unchanged.exit_code == 0);
    CHECK(IntMember(Summary(unchanged), "written").value_or(-1) == 0);
    CHECK(Writes(emu) == 0);

    std::vector<Row> rows = ReadFeed(a, format);
    for (const auto& [column, value] : edit.cells) Set(Find(rows, edit.key), column, value);
    WriteFeed(e, format, rows);
    auto edited = FeedImport(emu, 0, e, "article");
    INFO(edited.err);
    REQUIRE(edited.exit_code == 0);
    CHECK(IntMember(Summary(edited), "written").value_or(-1) == 1);

    FeedExport(emu, 0, b, edit.format);
    std::set<std::string> expected;
    for (const auto& [column, value] : edit.cells) expected.insert(column);
    auto differences = Differences(ReadFeed(a, format), ReadFeed(b, format), {"last_modified"});
    CHECK(differences.size() == 1);
    CHECK(differences[edit.key] == expected);
    CHECK(Differences(ReadFeed(e, format), ReadFeed(b, format), {"last_modified"}).empty());
  }
}

TEST_CASE("feed import across environments: A's feed into B (a kbulk import of A) exports identical", "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--environments", "2", "--rate-limit", "off"});
  TempDir dir;
  std::string archive = dir / "a.tar.zst";
  ExportOrFail(emu, 0, archive);
  auto imported = Import(emu, 1, archive);
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  // Edit A through a feed, so B differs from A before the feed import.
  std::string a0 = dir / "a0.csv", a = dir / "a.csv", b = dir / "b.csv";
  FeedExport(emu, 0, a0, "csv");
  auto rows = ReadFeed(a0, feeds::FeedFormat::kCsv);
  Set(Find(rows, "espresso_recipe/en-US/"), "title", "Espresso for two");
  Set(Find(rows, "brewing_basics/de-DE/"), "related", "on_roasts");
  WriteFeed(a0, feeds::FeedFormat::kCsv, rows);
  REQUIRE(FeedImport(emu, 0, a0, "article").exit_code == 0);

  // Every column, hero_image (an asset with a rendition named by its external id) included.
  const std::string columns;
  for (const std::string format : {"csv", "ndjson"}) {
    INFO(format);
    auto f = *feeds::ParseFeedFormat(format);
    a = dir / ("a." + format);
    b = dir / ("b." + format);
    FeedExport(emu, 0, a, format, columns);
    auto run = FeedImport(emu, 1, a, "article");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    FeedExport(emu, 1, b, format, columns);
    auto differences = Differences(ReadFeed(a, f), ReadFeed(b, f), {"id", "last_modified", "external_id"});
    for (const auto& [key, columns] : differences)
      for (const auto& column : columns) UNSCOPED_INFO(key << " " << column);
    CHECK(differences.empty());
  }
}

TEST_CASE("feed import: an edited workflow_step moves the variant - unknown workflows and steps are row errors",
          "[feeds][e2e]") {
  Emulator emu({"--seed", "sample", "--rate-limit", "off"});
  TempDir dir;
  std::string a = dir / "a.csv", e = dir / "e.csv", b = dir / "b.csv";
  FeedExport(emu, 0, a, "csv");
  std::vector<Row> rows = ReadFeed(a, feeds::FeedFormat::kCsv);
  Set(Find(rows, "espresso_recipe/en-US/"), "workflow_step", "review");      // default: Draft -> Review
  Set(Find(rows, "brewing_basics/de-DE/"), "workflow_step", "legal_check");  // editorial: Writing -> Legal check
  Set(Find(rows, "on_roasts/de-DE/"), "workflow_step", "no_such_step");
  Set(Find(rows, "on_roasts/en-US/"), "workflow", "no_such_workflow");
  auto row_of = [&](const std::string& key) {  // the header is row 1
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (Key(rows[i]) == key) return static_cast<std::int64_t>(i + 2);
    return std::int64_t{-1};
  };
  auto has_problem = [](const JsonDocument& summary, std::int64_t row, const std::string& column) {
    for (const auto& p : summary["problems"].GetArray())
      if (IntMember(p, "row").value_or(-1) == row && StringMember(p, "column").value_or("") == column) return true;
    return false;
  };
  WriteFeed(e, feeds::FeedFormat::kCsv, rows);

  ResetStats(emu);
  auto dry = FeedImport(emu, 0, e, "article", {"--dry-run"});
  INFO(dry.err);
  CHECK(dry.exit_code == 3);
  CHECK(IntMember(Summary(dry), "written").value_or(-1) == 2);
  auto all = FeedImport(emu, 0, e, "article", {"--all-or-nothing"});
  CHECK(all.exit_code == 3);
  CHECK(BoolMember(Summary(all), "nothing_written").value_or(false));
  CHECK(Writes(emu) == 0);

  auto run = FeedImport(emu, 0, e, "article");
  INFO(run.err);
  REQUIRE(run.exit_code == 3);
  auto summary = Summary(run);
  CHECK(IntMember(summary, "written").value_or(-1) == 2);
  CHECK(IntMember(summary, "moved").value_or(-1) == 2);
  CHECK(IntMember(summary, "rejected").value_or(-1) == 2);
  CHECK(has_problem(summary, row_of("on_roasts/de-DE/"), "workflow_step"));
  CHECK(has_problem(summary, row_of("on_roasts/en-US/"), "workflow"));
  CHECK(run.err.find("workflow 'editorial' has no step 'no_such_step'") != std::string::npos);
  CHECK(run.err.find("no workflow 'no_such_workflow' in the target environment") != std::string::npos);

  FeedExport(emu, 0, b, "csv");
  auto differences =
      Differences(ReadFeed(a, feeds::FeedFormat::kCsv), ReadFeed(b, feeds::FeedFormat::kCsv), {"last_modified"});
  CHECK(differences.size() == 2);
  CHECK(differences["espresso_recipe/en-US/"] == std::set<std::string>{"workflow_step"});
  CHECK(differences["brewing_basics/de-DE/"] == std::set<std::string>{"workflow_step"});

  // The moved rows are now equal to the target: importing the edited file again moves nothing.
  ResetStats(emu);
  auto again = FeedImport(emu, 0, e, "article");
  CHECK(IntMember(Summary(again), "moved").value_or(-1) == 0);
  CHECK(Writes(emu) == 0);

  // To Published through the step that transitions there (the row's intent; --publish is not needed).
  std::string p = dir / "publish.csv";
  WriteFile(p, "codename,language,workflow_step\nespresso_recipe,en-US,published\n");
  auto publish = FeedImport(emu, 0, p, "article");
  INFO(publish.err);
  REQUIRE(publish.exit_code == 0);
  CHECK(IntMember(Summary(publish), "published").value_or(-1) == 1);
  CHECK(StepId(emu, 0, "espresso_recipe", "en-US") == kPublishedStepId);

  // NDJSON: the same cells as JSON members; back to Writing, once.
  std::string n = dir / "back.ndjson";
  WriteFile(n,
            "{\"codename\":\"brewing_basics\",\"language\":\"de-DE\",\"workflow\":\"editorial\","
            "\"workflow_step\":\"writing\"}\n");
  for (int pass = 0; pass < 2; ++pass) {
    ResetStats(emu);
    auto back = FeedImport(emu, 0, n, "article");
    INFO(back.err);
    REQUIRE(back.exit_code == 0);
    CHECK(IntMember(Summary(back), "moved").value_or(-1) == (pass == 0 ? 1 : 0));
    if (pass == 1) CHECK(Writes(emu) == 0);
  }
  FeedExport(emu, 0, b, "csv");
  CHECK(Differences(ReadFeed(a, feeds::FeedFormat::kCsv), ReadFeed(b, feeds::FeedFormat::kCsv), {"last_modified"})
            .count("brewing_basics/de-DE/") == 0);
}
