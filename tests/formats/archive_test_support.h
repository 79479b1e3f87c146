// Helpers for the formats tests: temporary directories, file bytes, a sample archive with every entry kind
// (written with the ArchiveWriter API), and tar rewriting through libarchive for damaged/hostile archives.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "formats/archive_writer.h"

namespace kbulk::formats::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string ReadBytes(const std::string& path);
void WriteBytes(const std::string& path, const std::string& bytes);
std::vector<std::string> ListDir(const std::string& dir);  // names, sorted, recursive with '/'

// Deterministic pseudo-random (incompressible) bytes, generated in chunks so they never sit in memory.
class PatternSource final : public ByteSource {
 public:
  PatternSource(std::uint64_t size, std::uint64_t seed) : remaining_(size), state_(seed * 2654435761u + 1) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override;
  static std::string Sha256Of(std::uint64_t size, std::uint64_t seed);

 private:
  std::uint64_t remaining_;
  std::uint64_t state_;
};

struct SampleOptions {
  Compression compression = Compression::kZstd;
  std::uint64_t big_blob_size = 3u << 20;
  bool dangling = false;  // add references to objects that are not in the archive
};

// The records the sample contains, to compare with what a reader hands out.
struct SampleContent {
  std::vector<std::pair<std::string, std::string>> records;  // (entry path, record text) in order
  std::vector<std::pair<std::string, std::uint64_t>> blobs;  // (sha256, size)
  std::vector<std::string> entry_paths;                      // every entry, in order, index last
};

// Writes a complete archive with every entry kind; REQUIREs success.
SampleContent WriteSampleArchive(const std::string& path, const SampleOptions& options = {});

// Copies a tar stream (any compression libarchive reads) into an uncompressed pax tar at `out`, letting
// `edit` drop (return false), rename or change entries and their data. Extra entries come from `extra`,
// written after the entry named `after` (or at the end when empty).
struct TarEdit {
  std::function<bool(std::string& path, std::string& data)> edit;  // data holds the whole entry
  std::string after;
  std::vector<std::pair<std::string, std::string>> extra;  // (path, data)
  bool refresh_attributes = false;  // recompute the kbulk sha256/records attributes of edited entries
};
void RewriteTar(const std::string& in, const std::string& out, const TarEdit& edit);

// Runs a shell command; returns its exit status and fills `output` with stdout.
int RunCommand(const std::string& command, std::string* output = nullptr);

}  // namespace kbulk::formats::testing
