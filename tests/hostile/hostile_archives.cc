// Writing hostile archives with libarchive and the formats/ index.
#include "hostile_archives.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/resource.h>

#include <catch2/catch.hpp>

#include "core/entity_kind.h"
#include "core/sha256.h"
#include "formats/archive_index.h"
#include "formats/archive_layout.h"

namespace kbulk::hostile {

std::string Nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

std::string Manifest(const std::string& source) {
  return R"({"format":"kbulk","format_version":"1.1","tool":{"name":"kbulk","version":"0.1.0","commit":"test"},)"
         R"("created_at":"2026-11-30T00:00:00Z","source":)" +
         source + R"(,"options":{},"missing":[]})";
}

std::string ItemRecord(const std::string& codename, const std::string& extra) {
  return R"({"id":"0f9e8f6a-1b2c-4d5e-8f90-123456789abc","name":"Item","codename":")" + codename +
         R"(","type":{"id":"1f9e8f6a-1b2c-4d5e-8f90-123456789abc"},"collection":{"id":"00000000-0000-0000-0000-000000000000"},)"
         R"("sitemap_locations":[],"last_modified":"2026-11-30T00:00:00Z","extra":)" +
         extra + "}";
}

void WriteArchive(const std::string& file, const std::vector<Entry>& entries, const std::optional<std::string>& index) {
  struct archive* w = archive_write_new();
  archive_write_set_format_pax(w);
  archive_write_add_filter_zstd(w);
  REQUIRE(archive_write_open_filename(w, file.c_str()) == ARCHIVE_OK);
  formats::ArchiveIndex computed;
  auto add = [&](const std::string& path, const std::string& data) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, path.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    REQUIRE(archive_write_header(w, e) == ARCHIVE_OK);
    if (!data.empty()) REQUIRE(archive_write_data(w, data.data(), data.size()) == static_cast<la_ssize_t>(data.size()));
    archive_entry_free(e);
  };
  for (const Entry& entry : entries) {
    add(entry.path, entry.data);
    formats::EntryKind kind = formats::ClassifyEntry(entry.path);
    std::uint64_t records = 0;
    if (kind == formats::EntryKind::kManifest || kind == formats::EntryKind::kModelDocument) {
      records = 1;
    } else if (kind != formats::EntryKind::kBlob && kind != formats::EntryKind::kUnknown) {
      for (char c : entry.data) records += c == '\n' ? 1 : 0;
    }
    auto entity = formats::EntryEntityKind(entry.path, kind);
    computed.Add({entry.path, entry.data.size(), records, Sha256::HexOf(entry.data)},
                 entity ? EntityKindName(*entity) : std::string_view());
  }
  add("kbulk.index.json", index ? *index : computed.ToJson());
  REQUIRE(archive_write_close(w) == ARCHIVE_OK);
  archive_write_free(w);
}

std::uint64_t MaxChildRssBytes() {
  struct rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;
}

}  // namespace kbulk::hostile
