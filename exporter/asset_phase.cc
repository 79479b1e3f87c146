// Asset phase: list assets, download each binary in parallel (outside API pacing: binaries come from a
// CDN), stage it on disk while hashing, store it once per hash, and write the asset's record with its
// blob hash and renditions. Asset records are committed after every blob, as the archive order requires.
#include <optional>

#include "exporter/chain_lister.h"
#include "exporter/export_run.h"
#include "exporter/staged_binary.h"
#include "exporter/task_pool.h"
#include "formats/record_envelope.h"

namespace kbulk::exporter {
namespace {

namespace ep = api::endpoints;

std::string AssetName(const JsonValue& asset) {
  if (auto codename = StringMember(asset, "codename")) return "'" + std::string(*codename) + "'";
  if (auto name = StringMember(asset, "file_name")) return "'" + std::string(*name) + "'";
  return "id " + std::string(StringMember(asset, "id").value_or("?"));
}

// An image by its MIME type ("image/...", SVG and WebP included) or by the dimensions the API determined;
// image_width alone misses images whose size the API could not read.
bool IsImageAsset(const JsonValue& asset) {
  std::string_view type = StringMember(asset, "type").value_or("");
  if (type.size() > 6 && type.substr(0, 6) == "image/") return true;
  for (const char* member : {"image_width", "image_height"}) {
    const JsonValue* v = Member(asset, member);
    if (v != nullptr && v->IsNumber()) return true;
  }
  return false;
}

// Renditions exist only for images; one list request per image asset (no bulk route returns them).
Result<std::string> Renditions(ExportRun& run, const JsonValue& asset) {
  if (!IsImageAsset(asset)) return std::string("[]");
  auto list = ep::ListRenditions(Reference::ById(std::string(StringMember(asset, "id").value_or(""))));
  std::string out = "[";
  ++run.rendition_requests;
  KBULK_RETURN_IF_ERROR(run.client.ListAll(list.request, list.array_key, [&](std::string_view json) {
    if (out.size() > 1) out += ',';
    out += json;
    return Status::Ok();
  }));
  out += ']';
  return out;
}

// Downloads one asset's binary into the archive; returns its hash, or nullopt after a recorded failure.
Result<std::optional<std::string>> StoreBinary(ExportRun& run, const JsonValue& asset, const std::string& name) {
  auto url = StringMember(asset, "url");
  if (!url) {
    run.Fail("asset", name, NotFound("the asset has no url"));
    return std::optional<std::string>();
  }
  KBULK_ASSIGN_OR_RETURN(auto staged, StagedBinary::Create(run.options.staging_dir));
  std::optional<std::uint64_t> size;  // the asset's own size: a binary of any other size is refused
  if (auto n = IntMember(asset, "size"); n && *n >= 0) size = static_cast<std::uint64_t>(*n);
  auto download = run.client.Download(std::string(*url), *staged, size);
  if (!download.ok()) {
    run.Fail("asset", name, download.status());
    return std::optional<std::string>();
  }
  KBULK_RETURN_IF_ERROR(staged->Close());
  run.binary_bytes += download->size;
  std::lock_guard lock(run.writer_mutex);
  if (run.writer->HasBlob(download->sha256)) {
    ++run.duplicate_blobs;
  } else {
    KBULK_RETURN_IF_ERROR(run.writer->AddBlobFile(download->sha256, staged->path()));
    run.Count(EntityKindName(EntityKind::kBlob));
  }
  return std::optional<std::string>(download->sha256);
}

}  // namespace

// The blobs of unchanged assets, streamed from the base archive into the new one (hash-checked twice:
// by the base's reader and by the writer). Before the asset records are committed, as the order requires.
Status CopyBaseBlobs(ExportRun& run) {
  if (run.base_blobs.empty()) return Status::Ok();
  std::unordered_set<std::string> wanted;
  {
    std::lock_guard lock(run.writer_mutex);
    for (const auto& sha : run.base_blobs) {
      if (!run.writer->HasBlob(sha)) wanted.insert(sha);
    }
  }
  run.log.Info("copying " + std::to_string(wanted.size()) + " binaries from the base archive");
  KBULK_ASSIGN_OR_RETURN(
      std::uint64_t copied,
      run.base->CopyBlobs(wanted, [&run](std::string_view sha, std::uint64_t size, formats::ByteSource& content) {
        std::lock_guard lock(run.writer_mutex);
        if (run.writer->HasBlob(sha)) return Status::Ok();
        KBULK_RETURN_IF_ERROR(run.writer->AddBlob(sha, size, content));
        run.Count(EntityKindName(EntityKind::kBlob));
        return Status::Ok();
      }));
  if (copied < wanted.size()) {
    return Corrupt("the base archive lacks " + std::to_string(wanted.size() - copied) +
                   " binaries its asset records name");
  }
  return Status::Ok();
}

Status WriteAsset(ExportRun& run, formats::NdjsonSink& sink, const std::string& json) {
  KBULK_ASSIGN_OR_RETURN(JsonDocument asset, ParseJson(json));
  std::string name = AssetName(asset);
  std::optional<std::string> blob;
  if (run.options.binaries && run.base) {
    // Unchanged since the base: its blob is copied from there after the listing (no download).
    blob = run.base->ReusableBlob(asset);
    if (blob) {
      ++run.binaries_reused;
      std::lock_guard lock(run.base_blobs_mutex);
      run.base_blobs.insert(*blob);
    }
  }
  if (run.options.binaries && !blob) {
    KBULK_ASSIGN_OR_RETURN(blob, StoreBinary(run, asset, name));
  }
  auto renditions = Renditions(run, asset);
  if (!renditions.ok()) {
    run.Fail("asset", name + " renditions", renditions.status());
    renditions = std::string("[]");
  }
  std::string record = formats::MakeAssetRecord(blob, *renditions, json);
  std::lock_guard lock(run.writer_mutex);
  KBULK_RETURN_IF_ERROR(sink.Append(record));
  run.Count(EntityKindName(EntityKind::kAsset));
  run.progress.Advanced("assets", sink.records(), run.binary_bytes);
  return Status::Ok();
}

Status ExportAssets(ExportRun& run) {
  if (!run.options.Exports(EntityKind::kAsset)) return Status::Ok();
  run.progress.PhaseStarted("assets", 0);
  std::unique_ptr<formats::NdjsonSink> sink;
  {
    std::lock_guard lock(run.writer_mutex);
    KBULK_ASSIGN_OR_RETURN(sink, run.writer->BeginNdjson(formats::kAssetsPath));
  }
  Status listed;
  {
    TaskPool pool(run.options.download_concurrency, 2 * run.options.download_concurrency);
    auto list = ep::ListAssets();
    listed =
        ListChain(run.client, list.request, list.array_key, /*critical=*/false, [&](std::string_view json) -> Status {
          if (!run.options.since.empty()) {
            KBULK_ASSIGN_OR_RETURN(JsonDocument asset, ParseJson(json));
            if (!run.SinceAllows(StringMember(asset, "last_modified").value_or(""))) return Status::Ok();
          }
          return pool.Submit([&run, &sink, record = std::string(json)] { return WriteAsset(run, *sink, record); });
        });
    Status worked = pool.Wait();
    if (listed.ok()) listed = worked;
  }
  KBULK_RETURN_IF_ERROR(listed);
  KBULK_RETURN_IF_ERROR(CopyBaseBlobs(run));
  std::lock_guard lock(run.writer_mutex);
  KBULK_RETURN_IF_ERROR(sink->Commit());
  run.progress.PhaseFinished("assets", sink->records(), run.binary_bytes);
  return Status::Ok();
}

}  // namespace kbulk::exporter
