// The asset phase of an import: each record of assets/assets.ndjson becomes, where the target differs,
// one binary upload (from the blob stash; skipped when the target asset already has a binary of the same
// size and type), one upsert by external id (codename kept; title, folder, collection, descriptions and
// asset-type elements by codename), and a POST per rendition the target asset lacks (renditions are
// matched by external id: archived, else "kbulk-<rendition id>"). Writes to one asset run in order in one
// task of the write pool; different assets overlap up to its bound.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "importer/blob_stash.h"
#include "importer/content_context.h"

namespace kbulk::importer {

class AssetImporter {
 public:
  AssetImporter(ContentContext& ctx, const BlobStash& stash) : ctx_(ctx), stash_(stash) {}

  // One record of model/asset_folders.ndjson (a top-level folder with its subfolders).
  Status AddFolderRecord(std::string_view json);

  // One line of assets/assets.ndjson: plans it and, unless dry run, queues its writes.
  Status Add(std::string_view record_line);

  std::uint64_t count() const { return count_; }

 private:
  struct FolderName {
    std::string codename, external_id;
  };
  void LearnFolders(const JsonValue& folders);

  ContentContext& ctx_;
  const BlobStash& stash_;
  std::unordered_map<std::string, FolderName> folders_;  // source folder id -> how the target names it
  std::uint64_t count_ = 0;
};

}  // namespace kbulk::importer
