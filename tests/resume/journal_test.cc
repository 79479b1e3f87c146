// importer/journal.h: header, refusals, torn lines, owner-only, no secrets.
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "importer/journal.h"
#include "tests/resume/resume_support.h"

using namespace kbulk;
using namespace kbulk::importer;
using namespace kbulk::testing;

namespace {

const JournalTarget kTarget{"env-a", "http://127.0.0.1:1/v2"};
const std::string kManifest = R"({"format":"kbulk","format_version":"1.1","created_at":"2026-11-30T10:00:00Z"})";

std::unique_ptr<ImportJournal> OpenOk(const std::string& path, ImportJournal::Mode mode,
                                      const JournalTarget& target = kTarget) {
  auto journal = ImportJournal::Open(path, mode, target);
  INFO(journal.status().message());
  REQUIRE(journal.ok());
  return std::move(*journal);
}

}  // namespace

TEST_CASE("a journal records its archive, target and finished steps, owner-only", "[journal]") {
  TempDir dir;
  const std::string path = dir / "a.tar.zst.kbulk-journal";
  CHECK(ImportJournal::DefaultPath(dir / "a.tar.zst") == path);
  CHECK(ImportJournal::DefaultPath("-").empty());
  {
    auto journal = OpenOk(path, ImportJournal::Mode::kNew);
    CHECK_FALSE(journal->resumed());
    REQUIRE(journal->BindArchive(kManifest, dir / "a.tar.zst").ok());
    REQUIRE(journal->Finished("model").ok());
    REQUIRE(journal->Finished("assets").ok());
    REQUIRE(journal->Finished("assets").ok());  // once only
  }
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777u) == 0600u);
  const std::string text = ReadFileBytes(path);
  CHECK(text.find("env-a") != std::string::npos);
  CHECK(text.find("http://127.0.0.1:1/v2") != std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') == 3);

  auto resumed = OpenOk(path, ImportJournal::Mode::kResume);
  CHECK(resumed->resumed());
  CHECK(resumed->WasFinished("model"));
  CHECK(resumed->WasFinished("assets"));
  CHECK_FALSE(resumed->WasFinished("items"));
  REQUIRE(resumed->BindArchive(kManifest, dir / "a.tar.zst").ok());
  REQUIRE(resumed->Complete().ok());
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("an existing journal stops a new import and says how to resume or restart", "[journal]") {
  TempDir dir;
  const std::string path = dir / "j";
  {
    auto journal = OpenOk(path, ImportJournal::Mode::kNew);
    REQUIRE(journal->BindArchive(kManifest, "a").ok());
  }
  auto refused = ImportJournal::Open(path, ImportJournal::Mode::kNew, kTarget);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kAlreadyExists);
  CHECK(refused.status().message().find("--resume") != std::string::npos);
  CHECK(refused.status().message().find("--restart") != std::string::npos);
  CHECK(refused.status().message().find(path) != std::string::npos);

  auto restarted = OpenOk(path, ImportJournal::Mode::kRestart);
  CHECK_FALSE(restarted->resumed());
  CHECK(restarted->finished_steps().empty());
}

TEST_CASE("a journal of another target or archive is refused", "[journal]") {
  TempDir dir;
  const std::string path = dir / "j";
  {
    auto journal = OpenOk(path, ImportJournal::Mode::kNew);
    REQUIRE(journal->BindArchive(kManifest, "backup-monday.tar.zst").ok());
  }
  SECTION("another environment") {
    auto other = ImportJournal::Open(path, ImportJournal::Mode::kResume, {"env-b", kTarget.base_url});
    REQUIRE_FALSE(other.ok());
    CHECK(other.status().code() == StatusCode::kConflict);
    CHECK(other.status().message().find("env-a") != std::string::npos);
    CHECK(other.status().message().find("env-b") != std::string::npos);
  }
  SECTION("another base URL") {
    auto other = ImportJournal::Open(path, ImportJournal::Mode::kResume, {"env-a", "https://manage.kontent.ai/v2"});
    REQUIRE_FALSE(other.ok());
    CHECK(other.status().code() == StatusCode::kConflict);
  }
  SECTION("another archive") {
    auto journal = OpenOk(path, ImportJournal::Mode::kResume);
    Status bound = journal->BindArchive(R"({"format":"kbulk","created_at":"2026-12-01T10:00:00Z"})", "b.tar.zst");
    CHECK(bound.code() == StatusCode::kConflict);
    CHECK(bound.message().find("backup-monday.tar.zst") != std::string::npos);
    CHECK(bound.message().find("--restart") != std::string::npos);
  }
}

TEST_CASE("a torn last line is ignored, a damaged or foreign journal refused", "[journal]") {
  TempDir dir;
  const std::string path = dir / "j";
  {
    auto journal = OpenOk(path, ImportJournal::Mode::kNew);
    REQUIRE(journal->BindArchive(kManifest, "a").ok());
    REQUIRE(journal->Finished("model").ok());
  }
  { std::ofstream(path, std::ios::app) << R"({"step":"ass)"; }  // the write a kill -9 interrupted
  auto resumed = OpenOk(path, ImportJournal::Mode::kResume);
  CHECK(resumed->WasFinished("model"));
  CHECK(resumed->finished_steps().size() == 1);

  {
    std::ofstream(dir / "deep") << R"({"kbulk_journal":1,"archive":{"a":{"b":{"c":{"d":[[[[1]]]]}}}}})"
                                << "\n";
  }
  auto deep = ImportJournal::Open(dir / "deep", ImportJournal::Mode::kResume, kTarget);
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.status().code() == StatusCode::kCorrupt);

  {
    std::ofstream(dir / "foreign") << R"({"something":"else"})"
                                   << "\n";
  }
  auto foreign = ImportJournal::Open(dir / "foreign", ImportJournal::Mode::kResume, kTarget);
  REQUIRE_FALSE(foreign.ok());
  CHECK(foreign.status().message().find("not a kbulk import journal") != std::string::npos);
}

TEST_CASE("a new journal is created only with its header", "[journal]") {
  TempDir dir;
  auto journal = OpenOk(dir / "j", ImportJournal::Mode::kNew);
  CHECK_FALSE(std::filesystem::exists(dir / "j"));  // a source without a manifest leaves no file
  REQUIRE(journal->Finished("model").ok());
  CHECK_FALSE(std::filesystem::exists(dir / "j"));
  REQUIRE(journal->Complete().ok());

  auto unwritable = OpenOk(dir / "missing-dir/j", ImportJournal::Mode::kNew);
  Status bound = unwritable->BindArchive(kManifest, "a");
  CHECK(bound.code() == StatusCode::kIo);
  CHECK(bound.message().find("missing-dir/j") != std::string::npos);
}
