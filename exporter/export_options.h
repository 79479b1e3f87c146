// What `kbulk export` reads and how: filters, versions, binaries, concurrency, output.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/entity_kind.h"
#include "formats/compression.h"

namespace kbulk::exporter {

struct ExportOptions {
  std::string output = "-";  // a file path (written to a temporary file, renamed on success) or "-"
  formats::CompressionOptions compression;

  // Entity kinds: when `include` is non-empty only those kinds are exported; `exclude` removes kinds.
  std::set<EntityKind> include;
  std::set<EntityKind> exclude;

  std::vector<std::string> types;        // content type codenames; empty = all
  std::vector<std::string> languages;    // language codenames; empty = all
  std::vector<std::string> collections;  // collection codenames; empty = all
  std::string since;                     // RFC 3339; content (items, variants, assets) changed at or after it
  bool binaries = true;                  // false: asset metadata without binaries

  // A subset for copying between projects: these items plus everything they reference up to `depth`
  // levels (linked items, subpages, components, rich-text objects and links, assets).
  std::vector<std::string> items;
  int depth = 1;

  bool webhook_secrets = false;  // webhook secrets stay out of archives unless asked for
  bool latest_only = false;      // skip the published version of variants whose latest version is a draft
  bool allow_partial = false;    // objects that still fail after retries are recorded, not fatal

  // Incremental export (docs/export.md): a previous archive whose published versions are reused for
  // variants whose latest version is unchanged; `refresh_published` probes them all anyway.
  std::string base;
  bool refresh_published = false;

  std::uint32_t read_concurrency = 4;      // API reads in flight (still paced by the client)
  std::uint32_t download_concurrency = 8;  // binary downloads in flight (not paced: CDN)
  std::string staging_dir;                 // where binaries are staged; empty = $TMPDIR or /tmp
  // Set (by a signal) when the run must stop: the archive is then not committed (kCancelled). Not owned.
  const std::atomic<bool>* cancel = nullptr;

  bool Exports(EntityKind kind) const {
    if (!include.empty() && include.count(kind) == 0) return false;
    return exclude.count(kind) == 0;
  }
};

}  // namespace kbulk::exporter
