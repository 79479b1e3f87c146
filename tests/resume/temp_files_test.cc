// formats/temp_files.h: owner-only, anonymous where possible, registered while named, removed on request.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "formats/output_file.h"
#include "formats/temp_files.h"
#include "tests/resume/resume_support.h"

using namespace kbulk;
using namespace kbulk::testing;

namespace {

unsigned ModeOf(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777u;
}

bool Registered(const std::string& path) {
  auto paths = formats::RegisteredTempPaths();
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

}  // namespace

TEST_CASE("an anonymous temporary file leaves no name behind and is owner-only", "[temp_files]") {
  TempDir dir;
  auto fd = formats::CreateAnonymousTempFile(dir.path(), "test spool");
  REQUIRE(fd.ok());
  CHECK(FilesIn(dir.path()).empty());
  struct stat st {};
  REQUIRE(::fstat(*fd, &st) == 0);
  CHECK((st.st_mode & 0777u) == 0600u);
  CHECK(::write(*fd, "abc", 3) == 3);
  char buffer[3];
  CHECK(::pread(*fd, buffer, 3, 0) == 3);
  ::close(*fd);
  CHECK(FilesIn(dir.path()).empty());

  auto missing = formats::CreateAnonymousTempFile(dir / "no-such-dir", "test spool");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("test spool") != std::string::npos);
  CHECK(missing.status().message().find("no-such-dir") != std::string::npos);
}

TEST_CASE("a named temporary file is registered until it is renamed or destroyed", "[temp_files]") {
  TempDir dir;
  std::string path;
  {
    auto file = formats::NamedTempFile::Create(dir.path(), "kbulk-test");
    REQUIRE(file.ok());
    path = file->path();
    CHECK(ModeOf(path) == 0600u);
    CHECK(Registered(path));
    formats::NamedTempFile moved = std::move(*file);
    CHECK(moved.path() == path);
    CHECK(Registered(path));
  }
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK_FALSE(Registered(path));

  auto kept = formats::NamedTempFile::Create(dir.path(), "kbulk-test");
  REQUIRE(kept.ok());
  CHECK(::write(kept->fd(), "x", 1) == 1);
  REQUIRE(kept->Close(true).ok());
  REQUIRE(kept->Rename(dir / "final").ok());
  CHECK_FALSE(Registered(kept->path()));
  kept = formats::NamedTempFile();  // destroying a renamed file keeps the result
  CHECK(ReadFileBytes(dir / "final") == "x");
}

TEST_CASE("an interruption removes every registered temporary path", "[temp_files]") {
  TempDir dir;
  auto file = formats::NamedTempFile::Create(dir.path(), "kbulk-test");
  auto tree = formats::TempDirectoryTree::Create(dir.path(), "kbulk-tree");
  REQUIRE(file.ok());
  REQUIRE(tree.ok());
  CHECK(ModeOf(tree->path()) == 0700u);
  { std::ofstream(tree->path() + "/blob") << "bytes"; }
  auto output = formats::OutputFile::Create(dir / "archive.tar.zst");
  REQUIRE(output.ok());
  CHECK(ModeOf((*output)->temp_path()) == 0600u);
  CHECK(Registered((*output)->temp_path()));
  CHECK(FilesIn(dir.path()).size() == 3);

  formats::RemoveRegisteredTempPaths();
  CHECK(FilesIn(dir.path()).empty());
  CHECK(formats::RegisteredTempPaths().empty());
}

TEST_CASE("an output file becomes its target only when committed", "[temp_files]") {
  TempDir dir;
  {
    auto output = formats::OutputFile::Create(dir / "a.tar.zst");
    REQUIRE(output.ok());
    REQUIRE((*output)->Write("data", 4).ok());
  }  // not committed
  CHECK(FilesIn(dir.path()).empty());
  auto output = formats::OutputFile::Create(dir / "a.tar.zst");
  REQUIRE(output.ok());
  REQUIRE((*output)->Write("data", 4).ok());
  REQUIRE((*output)->Close().ok());
  REQUIRE((*output)->Commit().ok());
  CHECK(FilesIn(dir.path()) == std::vector<std::string>{"a.tar.zst"});
  CHECK(ModeOf(dir / "a.tar.zst") == 0600u);
  CHECK(ReadFileBytes(dir / "a.tar.zst") == "data");
}
