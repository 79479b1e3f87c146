// The export pipeline: manifest, model, assets, content, trailer.
#include "exporter/exporter.h"

#include <chrono>
#include <future>
#include <optional>

#include "core/version.h"
#include "exporter/export_run.h"
#include "formats/manifest.h"

namespace kbulk::exporter {
namespace {

std::string OptionsJson(const ExportOptions& o) {
  JsonWriter w;
  auto strings = [&w](std::string_view key, const std::vector<std::string>& values) {
    w.Key(key).StartArray();
    for (const auto& v : values) w.String(v);
    w.EndArray();
  };
  auto kinds = [&w](std::string_view key, const std::set<EntityKind>& values) {
    w.Key(key).StartArray();
    for (auto k : values) w.String(EntityKindName(k));
    w.EndArray();
  };
  w.StartObject();
  kinds("include", o.include);
  kinds("exclude", o.exclude);
  strings("types", o.types);
  strings("languages", o.languages);
  strings("collections", o.collections);
  w.Key("since").String(o.since);
  w.Key("binaries").Bool(o.binaries);
  strings("items", o.items);
  w.Key("depth").Int(o.depth);
  w.Key("versions").StartArray().String("latest");
  if (!o.latest_only) w.String("published");
  w.EndArray();
  w.Key("compression").String(formats::CompressionName(o.compression.compression));
  if (!o.base.empty()) w.Key("refresh_published").Bool(o.refresh_published);
  w.EndObject();
  return w.str();
}

// The source environment as the manifest records it: ids and names, nothing secret. The environment
// information route identifies the environment ("id" is the environment's id), so project_id is written
// only when the route names the project apart from it (a "project_id" member, or an "id" that is not the
// environment's): an unknown project id is left out rather than filled with the environment id.
std::string SourceJson(const api::ClientOptions& client, std::string_view environment_json) {
  JsonWriter w;
  w.StartObject();
  w.Key("environment_id").String(client.environment_id);
  w.Key("base_url").String(client.base_url);
  if (auto env = ParseJson(environment_json); env.ok()) {
    if (auto name = StringMember(*env, "name")) w.Key("project_name").String(*name);
    if (auto name = StringMember(*env, "environment")) w.Key("environment_name").String(*name);
    if (auto id = StringMember(*env, "project_id")) {
      w.Key("project_id").String(*id);
    } else if (auto info_id = StringMember(*env, "id"); info_id && *info_id != client.environment_id) {
      w.Key("project_id").String(*info_id);
    }
  }
  w.EndObject();
  return w.str();
}

Status Run(ExportRun& run, ExportSummary& summary) {
  KBULK_ASSIGN_OR_RETURN(api::Response environment, run.client.Send(api::endpoints::GetEnvironment()));
  if (!run.options.base.empty()) {
    run.log.Info("reading the base archive " + run.options.base);
    KBULK_ASSIGN_OR_RETURN(
        run.base, BaseArchive::Load(run.options.base, run.options.staging_dir, run.client.options().environment_id));
    if (!run.base->vouches_for_published()) {
      run.Note(
          "the base vouches for no published version (--latest-only, partial or before format 1.1): "
          "every probe is made");
    }
  }
  formats::WriterOptions writer_options;
  writer_options.compression = run.options.compression;
  KBULK_ASSIGN_OR_RETURN(run.writer, formats::ArchiveWriter::Open(run.options.output, writer_options));
  formats::ManifestInfo manifest;
  manifest.source_json = SourceJson(run.client.options(), environment.body);
  manifest.options_json = OptionsJson(run.options);
  if (run.base) manifest.base_json = run.base->IdentityJson();
  KBULK_RETURN_IF_ERROR(run.writer->WriteManifest(formats::BuildManifestJson(manifest)));
  if (run.options.Exports(EntityKind::kEnvironment)) {
    KBULK_RETURN_IF_ERROR(
        run.writer->WriteDocument(formats::ModelEntryPath(EntityKind::kEnvironment), environment.body));
    run.Count(EntityKindName(EntityKind::kEnvironment));
  }
  run.log.Info("exporting environment " + run.client.options().environment_id);
  KBULK_RETURN_IF_ERROR(ExportModel(run).WithContext("model"));
  if (run.options.items.empty()) {
    // The asset and content listings overlap: their chains are serial by nature, and at real-world
    // latency one chain at a time leaves the rate limit idle. Entries are still committed in archive order.
    KBULK_RETURN_IF_ERROR(CheckContentFilters(run));
    std::future<Status> assets =
        std::async(std::launch::async, [&run] { return ExportAssets(run).WithContext("assets"); });
    std::optional<Status> assets_done;
    auto wait_assets = [&]() -> Status {
      if (!assets_done) assets_done = assets.get();
      return *assets_done;
    };
    Status content = ExportContent(run, wait_assets).WithContext("content");
    KBULK_RETURN_IF_ERROR(wait_assets());
    KBULK_RETURN_IF_ERROR(content);
  } else {
    KBULK_RETURN_IF_ERROR(ExportSubset(run).WithContext("items"));
  }
  if (run.options.cancel != nullptr && run.options.cancel->load()) {
    return Status(StatusCode::kCancelled, "interrupted; no archive was written");
  }
  if (run.failures.count() > 0 && !run.options.allow_partial) {
    auto failures = run.failures.Take();
    summary.failures = failures;
    return Status(StatusCode::kUnavailable,
                  std::to_string(run.failures.count()) + " object(s) could not be exported, the first: " +
                      failures.front().kind + " " + failures.front().object + ": " + failures.front().reason +
                      " (--allow-partial writes the archive without them)");
  }
  if (run.failures.count() > 0) {
    // --allow-partial: the trailer names every object the archive lacks (only the end of the pass knows).
    std::vector<std::string> missing;
    for (const auto& f : run.failures.Take()) {
      JsonWriter w;
      w.StartObject().Key("kind").String(f.kind).Key("object").String(f.object).Key("reason").String(f.reason);
      missing.push_back(w.EndObject().str());
      summary.failures.push_back(f);
    }
    run.writer->SetMissing(std::move(missing));
  }
  if (run.base) {
    // The base's identity is in the manifest; what it saved is known only now, so it goes in the trailer.
    formats::BaseReuse reuse;
    reuse.published_versions = run.published_reused;
    reuse.published_absences = run.published_none_reused;
    reuse.binaries = run.binaries_reused;
    reuse.requests_saved = run.published_reused + run.published_none_reused;
    run.writer->SetReuse(reuse);
  }
  KBULK_ASSIGN_OR_RETURN(formats::WriterStats stats, run.writer->Finish());
  summary.archive_bytes = stats.output_bytes;
  return Status::Ok();
}

}  // namespace

Result<ExportSummary> ExportEnvironment(api::ManagementClient& client, const ExportOptions& options, Logger& log,
                                        Progress& progress) {
  auto started = std::chrono::steady_clock::now();
  ExportRun run(client, options, log, progress);
  ExportSummary summary;
  summary.output = options.output;
  Status status = Run(run, summary);
  // Destroying the writer without Finish() removes its temporary file: no half archive looks whole.
  run.writer.reset();
  if (!status.ok()) return status;
  summary.counts = run.counts;
  summary.notes = run.notes;
  summary.published_versions = run.published_versions;
  summary.published_requests = run.published_requests;
  summary.published_none = run.published_none;
  summary.published_reused = run.published_reused;
  summary.published_none_reused = run.published_none_reused;
  summary.binaries_reused = run.binaries_reused;
  if (run.base) summary.base = run.base->IdentityJson();
  summary.rendition_requests = run.rendition_requests;
  summary.binary_bytes = run.binary_bytes;
  summary.duplicate_blobs = run.duplicate_blobs;
  summary.requests = client.Stats();
  summary.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return summary;
}

}  // namespace kbulk::exporter
