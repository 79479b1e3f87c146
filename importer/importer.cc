#include "importer/importer.h"

#include <algorithm>
#include <optional>

#include "content/model_index.h"
#include "formats/archive_reader.h"
#include "importer/asset_import.h"
#include "importer/blob_stash.h"
#include "importer/dataops_source.h"
#include "importer/item_import.h"
#include "importer/journal.h"
#include "importer/model_import.h"
#include "importer/variant_import.h"

namespace kbulk::importer {
namespace {

bool IsModelEntry(formats::EntryKind kind) {
  return kind == formats::EntryKind::kModelDocument || kind == formats::EntryKind::kModelStream;
}

// The driver: hands each archive entry to the phase that owns it, in archive
// order, and starts content (model plan and writes, the target's current state)
// at the first entry that is not model.
class ImportRun final : public formats::ArchiveVisitor {
 public:
  ImportRun(api::ManagementClient& client, const ImportOptions& options, Logger& log, Progress& progress,
            ImportReport& report, BlobStash& stash, ImportJournal* journal)
      : journal_(journal),
        client_(client),
        options_(options),
        log_(log),
        progress_(progress),
        report_(report),
        stash_(stash),
        model_(client, ModelImportOptions{options.update_model, options.dry_run}, log, report),
        writes_(std::max<std::uint32_t>(options.write_concurrency, 1),
                4 * std::max<std::uint32_t>(options.write_concurrency, 1)),
        context_{client, index_, target_, catalog_, report, log, progress, writes_, options.dry_run},
        assets_(context_, stash) {}

  Status OnManifest(const formats::Manifest& manifest) override {
    if (journal_ == nullptr) return Status::Ok();
    Status bound = journal_->BindArchive(manifest.raw, options_.archive);
    if (bound.code() == StatusCode::kIo && !journal_->resumed()) {
      log_.Warning(bound.message() + "; the import goes on without a journal (--journal FILE puts it elsewhere)");
      journal_ = nullptr;
      return Status::Ok();
    }
    return bound;
  }

  Status OnEntryStart(const formats::EntryInfo& info) override {
    KBULK_RETURN_IF_ERROR(CheckCancelled());
    if (IsModelEntry(info.kind) || info.kind == formats::EntryKind::kManifest) return Status::Ok();
    if (info.kind == formats::EntryKind::kIndex || info.kind == formats::EntryKind::kUnknown) return Status::Ok();
    KBULK_RETURN_IF_ERROR(StartContent());
    return EnterPhase(info.kind);
  }

  Status OnRecord(const formats::EntryInfo& info, std::uint64_t, std::string_view json) override {
    KBULK_RETURN_IF_ERROR(CheckCancelled());
    switch (info.kind) {
      case formats::EntryKind::kModelDocument:
      case formats::EntryKind::kModelStream: {
        if (!info.entity) return Status::Ok();
        KBULK_RETURN_IF_ERROR(index_.Add(*info.entity, json));
        if (*info.entity == EntityKind::kAssetFolder) KBULK_RETURN_IF_ERROR(assets_.AddFolderRecord(json));
        ++model_records_;
        return model_.Add(*info.entity, json);
      }
      case formats::EntryKind::kAssets: return assets_.Add(json);
      case formats::EntryKind::kItems: return items_->Add(json);
      case formats::EntryKind::kVariants: {
        ++variants_seen_;
        progress_.Advanced("variants", variants_seen_, 0);
        return variants_->Add(json);
      }
      default: return Status::Ok();
    }
  }

  Status OnBlob(const formats::EntryInfo& info, std::string_view sha256_hex, formats::ByteSource& content) override {
    KBULK_RETURN_IF_ERROR(CheckCancelled());
    ++blobs_;
    if (options_.dry_run) {
      stash_.RecordSize(sha256_hex, info.size);
    } else {
      KBULK_RETURN_IF_ERROR(stash_.Store(sha256_hex, content));
    }
    progress_.Advanced("blobs", blobs_, stash_.bytes());
    return Status::Ok();
  }

  void OnWarning(std::string_view warning) override { log_.Warning(warning); }

  // After the whole archive was read: what waits for content, then the model's
  // after-content part.
  Status Finish() {
    KBULK_RETURN_IF_ERROR(StartContent());
    KBULK_RETURN_IF_ERROR(EnterPhase(formats::EntryKind::kIndex));
    KBULK_RETURN_IF_ERROR(variants_->Finish());
    KBULK_RETURN_IF_ERROR(CheckCancelled());
    KBULK_RETURN_IF_ERROR(StepFinished("variants"));
    if (!options_.dry_run) {
      progress_.PhaseStarted("model_after_content", 0);
      KBULK_RETURN_IF_ERROR(model_.ApplyAfterContent());
      progress_.PhaseFinished("model_after_content", 0, 0);
      KBULK_RETURN_IF_ERROR(CheckCancelled());
      KBULK_RETURN_IF_ERROR(StepFinished("after_content"));
    }
    return Status::Ok();
  }

  // Between records: an interruption stops the reading; writes in flight finish (the pool's destructor).
  Status CheckCancelled() const {
    if (options_.cancel != nullptr && options_.cancel->load()) {
      return Status(StatusCode::kCancelled, "interrupted; the writes in flight finished");
    }
    return Status::Ok();
  }

  bool wrote_content() const { return wrote_; }

 private:
  Status StartContent() {
    if (content_started_) return Status::Ok();
    content_started_ = true;
    progress_.PhaseFinished("model", model_records_, 0);
    KBULK_RETURN_IF_ERROR(model_.Plan());
    // A dry run goes on planning (it writes nothing); the plan lists the conflicts and the CLI fails on them.
    if (model_.has_conflicts() && !options_.dry_run) {
      std::string message = "the target's content model conflicts with the archive; nothing was written:";
      std::size_t listed = 0;
      for (const auto& conflict : report_.conflicts()) {
        if (listed++ == 10) {
          message += " ...";
          break;
        }
        message += " " + conflict.kind + " '" + conflict.object + "': " + conflict.detail + ";";
      }
      if (message.back() == ';') message.pop_back();
      return Status(StatusCode::kConflict, message);
    }
    if (!options_.dry_run) {
      wrote_ = true;
      progress_.PhaseStarted("model_writes", 0);
      KBULK_RETURN_IF_ERROR(model_.ApplyBeforeContent());
      progress_.PhaseFinished("model_writes", 0, 0);
      KBULK_RETURN_IF_ERROR(CheckCancelled());
      KBULK_RETURN_IF_ERROR(StepFinished("model"));
    }
    progress_.PhaseStarted("target", 0);
    std::uint64_t before = client_.Stats().api_requests;
    KBULK_RETURN_IF_ERROR(target_.LoadNames(client_));
    KBULK_RETURN_IF_ERROR(target_.LoadAssets(client_));
    KBULK_RETURN_IF_ERROR(target_.LoadItems(client_));
    report_.AddPlannedRequests("content_reads", client_.Stats().api_requests - before);
    progress_.PhaseFinished("target", target_.asset_count() + target_.item_count(), 0);
    items_.emplace(context_);
    naming_ = catalog_.Naming();
    model_.SetNaming(&naming_);  // defaults, guidelines and space root items name items by external id
    variants_.emplace(client_, index_, naming_, VariantImportOptions{options_.dry_run, options_.write_concurrency},
                      log_, progress_, report_);
    return variants_->LoadTarget();
  }

  // Writes of one phase finish before the next phase's start: variants need
  // their items.
  Status EnterPhase(formats::EntryKind kind) {
    std::string_view next = kind == formats::EntryKind::kBlob       ? "blobs"
                            : kind == formats::EntryKind::kAssets   ? "assets"
                            : kind == formats::EntryKind::kItems    ? "items"
                            : kind == formats::EntryKind::kVariants ? "variants"
                                                                    : "";
    if (next == phase_) return Status::Ok();
    KBULK_RETURN_IF_ERROR(writes_.Wait());
    if (!phase_.empty()) progress_.PhaseFinished(phase_, Done(phase_), stash_.bytes());
    // The variants step ends in Finish(), after the variants' late writes.
    if (!phase_.empty() && phase_ != "variants") {
      KBULK_RETURN_IF_ERROR(CheckCancelled());
      KBULK_RETURN_IF_ERROR(StepFinished(phase_));
    }
    phase_ = std::string(next);
    if (!phase_.empty()) progress_.PhaseStarted(phase_, 0);
    return Status::Ok();
  }

  // Every write of `step` finished (failures are in the report): the journal says so.
  Status StepFinished(std::string_view step) {
    if (journal_ == nullptr || options_.dry_run) return Status::Ok();
    return journal_->Finished(step);
  }

  std::uint64_t Done(std::string_view phase) const {
    if (phase == "blobs") return blobs_;
    if (phase == "assets") return assets_.count();
    if (phase == "items") return items_ ? items_->count() : 0;
    return variants_seen_;
  }

  ImportJournal* journal_;  // nullptr: none (a dry run, standard input without --journal)
  api::ManagementClient& client_;
  const ImportOptions& options_;
  Logger& log_;
  Progress& progress_;
  ImportReport& report_;
  BlobStash& stash_;
  content::ModelIndex index_;
  ModelImporter model_;
  TargetState target_;
  ArchiveCatalog catalog_;
  WritePool writes_;
  ContentContext context_;
  AssetImporter assets_;
  std::optional<ItemImporter> items_;
  content::ImportNaming naming_;
  std::optional<VariantImporter> variants_;
  bool content_started_ = false;
  bool wrote_ = false;  // the first write was made (or attempted)
  std::string phase_;
  std::uint64_t model_records_ = 0, blobs_ = 0, variants_seen_ = 0;
};

}  // namespace

std::string ImportSummary::ToJson() const {
  JsonWriter w;
  w.StartObject();
  w.Key("dry_run").Bool(dry_run);
  w.Key("duration_ms").Int(duration.count());
  w.Key("estimate")
      .StartObject()
      .Key("requests")
      .Uint(estimated_requests)
      .Key("seconds")
      .Double(estimated_seconds)
      .EndObject();
  w.Key("requests").Raw(requests.ToJson());
  w.Key("report").Raw(report ? report->ToJson() : "{}");
  w.EndObject();
  return w.str();
}

std::string JournalPathFor(const ImportOptions& options) {
  if (options.dry_run) return "";
  if (!options.journal_path.empty()) return options.journal_path;
  return ImportJournal::DefaultPath(options.archive);
}

namespace {

// Opens the journal the options ask for (nullptr: none), before the archive is read.
Result<std::unique_ptr<ImportJournal>> OpenJournal(api::ManagementClient& client, const ImportOptions& options,
                                                   Logger& log) {
  if (options.dry_run) return std::unique_ptr<ImportJournal>();
  const std::string path = JournalPathFor(options);
  if (path.empty()) {
    if (options.resume) return InvalidArgument("--resume with the archive on standard input needs --journal FILE");
    log.Info("no journal for an archive on standard input (--journal FILE keeps one, for --resume)");
    return std::unique_ptr<ImportJournal>();
  }
  const auto mode = options.restart  ? ImportJournal::Mode::kRestart
                    : options.resume ? ImportJournal::Mode::kResume
                                     : ImportJournal::Mode::kNew;
  JournalTarget target{client.options().environment_id, client.options().base_url};
  KBULK_ASSIGN_OR_RETURN(auto journal, ImportJournal::Open(path, mode, target));
  if (journal->resumed()) {
    std::string steps;
    for (const auto& step : journal->finished_steps()) steps += (steps.empty() ? "" : ", ") + step;
    log.Info("resuming the import recorded in " + path + " (finished: " + (steps.empty() ? "nothing yet" : steps) +
             "); what was written is compared with the target and not written again");
  } else if (options.resume) {
    log.Info("no journal at " + path + ": the import starts from the beginning");
  }
  return journal;
}

}  // namespace

Result<ImportSummary> ImportArchive(api::ManagementClient& client, const ImportOptions& options, Logger& log,
                                    Progress& progress) {
  auto started = std::chrono::steady_clock::now();
  KBULK_ASSIGN_OR_RETURN(std::unique_ptr<ImportJournal> journal, OpenJournal(client, options, log));
  auto report = std::make_shared<ImportReport>();
  if (!options.report_path.empty()) KBULK_RETURN_IF_ERROR(report->StreamFailuresTo(options.report_path));
  KBULK_ASSIGN_OR_RETURN(std::unique_ptr<BlobStash> stash, BlobStash::Create(options.temp_dir));
  formats::ReaderOptions reader_options;
  reader_options.verify_first = !options.stream;
  reader_options.spool_dir = options.temp_dir;
  progress.PhaseStarted("model", 0);
  // A resumed import that had not finished its after-content part (workflow scopes, defaults and guidelines
  // naming content, ...): the model objects it wrote differ from the archive by what it has yet to write,
  // so the model is brought up to the archive (as with --update-model).
  ImportOptions effective = options;
  if (journal && journal->resumed() && !journal->WasFinished("after_content") && !options.update_model) {
    effective.update_model = true;
    log.Info("resuming: the model is brought up to the archive (what the interrupted import had not finished)");
  }
  Status status;
  bool wrote = false;
  {
    ImportRun run(client, effective, log, progress, *report, *stash, journal.get());
    auto read = ReadImportSource(options.archive, reader_options, run);  // kbulk archive or data-ops zip
    status = read.ok() ? run.Finish() : read.status();
    if (!read.ok() && options.stream && run.wrote_content()) {
      status = Status(status.code(), status.message() +
                                         " (--stream: the import stopped at this "
                                         "entry; the target is partial, holding "
                                         "what the archive delivered before it)");
    }
    wrote = run.wrote_content();
  }  // the run's writes have all finished here
  if (options.cancel != nullptr && options.cancel->load()) {
    return Status(StatusCode::kCancelled, "interrupted; the writes in flight finished");
  }
  if (!status.ok()) {
    // Nothing written (a conflict, a damaged archive, a refused journal): nothing to resume either.
    if (journal && !wrote && !journal->resumed()) (void)journal->Complete();
    return status;
  }
  ImportSummary summary;
  summary.resumed = journal && journal->resumed();
  // The pass ended: a re-run is as good as a resume (failed objects are retried by either).
  if (journal) KBULK_RETURN_IF_ERROR(journal->Complete());
  summary.report = report;
  summary.requests = client.Stats();
  summary.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  summary.dry_run = options.dry_run;
  summary.estimated_requests = report->planned_request_total();
  double per_minute = std::clamp<double>(options.requests_per_minute, 1, 400);
  summary.estimated_seconds = std::max(static_cast<double>(summary.estimated_requests) * 60.0 / per_minute,
                                       static_cast<double>(summary.estimated_requests) / 10.0);
  return summary;
}

}  // namespace kbulk::importer
