// VariantImporter: groups records, plans each variant against the target's fingerprint, and runs the
// restorer's calls on a few worker threads (one task holds every write to one variant, in order).
#include "importer/variant_import.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "api/endpoints.h"
#include "content/import_rewrite.h"
#include "core/json.h"
#include "formats/record_envelope.h"
#include "importer/variant_grouping.h"
#include "importer/variant_late.h"
#include "importer/variant_target.h"
#include "importer/workflow_plan.h"
#include "importer/workflow_runner.h"

namespace kbulk::importer {
namespace ep = api::endpoints;
namespace {

constexpr std::size_t kWindowEntries = 512;
constexpr std::size_t kWindowBytes = 64u << 20;

std::optional<std::string_view> RefId(const JsonValue& object, std::string_view key) {
  const JsonValue* reference = Member(object, key);
  return reference != nullptr && reference->IsObject() ? StringMember(*reference, "id") : std::nullopt;
}

std::string StepId(const JsonValue& variant) {
  if (const JsonValue* workflow = Member(variant, "workflow"); workflow != nullptr && workflow->IsObject()) {
    if (auto id = RefId(*workflow, "step_identifier")) return std::string(*id);
  }
  return std::string(RefId(variant, "workflow_step").value_or(""));
}

ScheduleTime ScheduleOf(const JsonValue& variant, std::string_view time_key, std::string_view zone_key) {
  const JsonValue* schedule = Member(variant, "schedule");
  if (schedule == nullptr || !schedule->IsObject()) return {};
  return {std::string(StringMember(*schedule, time_key).value_or("")),
          std::string(StringMember(*schedule, zone_key).value_or(""))};
}

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A parsed variant record: the API object and what the restorer needs of it.
struct ParsedVariant {
  JsonDocument json;
  std::string item_id, language_id, step_id, workflow_id;
};

Result<ParsedVariant> ParseVariant(std::string_view line) {
  KBULK_ASSIGN_OR_RETURN(formats::VariantRecord record, formats::ParseVariantRecord(line));
  ParsedVariant out;
  KBULK_ASSIGN_OR_RETURN(out.json, ParseJson(record.variant));
  if (!out.json.IsObject()) return Corrupt("a variant record is not a JSON object");
  out.item_id = std::string(RefId(out.json, "item").value_or(""));
  out.language_id = std::string(RefId(out.json, "language").value_or(""));
  if (out.item_id.empty() || out.language_id.empty()) return Corrupt("a variant record names no item or language");
  out.step_id = StepId(out.json);
  if (const JsonValue* workflow = Member(out.json, "workflow"); workflow != nullptr && workflow->IsObject()) {
    out.workflow_id = std::string(RefId(*workflow, "workflow_identifier").value_or(""));
  }
  return out;
}

}  // namespace

struct VariantImporter::State {
  State(api::ManagementClient& c, const content::ModelIndex& m, const content::ImportNaming& n, VariantImportOptions o,
        Logger& l, Progress& p, ImportReport& r)
      : client(c), model(m), naming(n), options(o), log(l), progress(p), report(r), runner(c, target) {}

  api::ManagementClient& client;
  const content::ModelIndex& model;
  const content::ImportNaming& naming;
  VariantImportOptions options;
  Logger& log;
  Progress& progress;
  ImportReport& report;
  TargetVariants target;
  WorkflowRunner runner;
  bool target_loaded = false;
  std::unique_ptr<VariantGrouping> grouping;

  // The worker pool: bounded queue, first fatal error stops further tasks.
  std::mutex mutex;
  std::condition_variable has_work, has_room, idle;
  std::deque<VariantGroup> queue;
  std::size_t running = 0;
  bool stopping = false;
  Status fatal;
  std::vector<std::thread> threads;
  std::uint64_t done = 0, bytes = 0;

  void Start() {
    std::size_t n = std::max<std::uint32_t>(1, options.write_concurrency);
    for (std::size_t i = 0; i < n; ++i) threads.emplace_back([this] { Work(); });
  }

  void Stop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    has_work.notify_all();
    for (std::thread& thread : threads) thread.join();
    threads.clear();
  }

  void Submit(VariantGroup group) {
    std::unique_lock lock(mutex);
    has_room.wait(lock, [&] { return queue.size() < 4 * threads.size() || !fatal.ok(); });
    if (!fatal.ok()) return;
    queue.push_back(std::move(group));
    has_work.notify_one();
  }

  Status Wait() {
    std::unique_lock lock(mutex);
    idle.wait(lock, [&] { return (queue.empty() && running == 0) || !fatal.ok(); });
    return fatal;
  }

  void Work() {
    for (;;) {
      VariantGroup group;
      bool stopped = false;  // a fatal error happened: the rest is skipped
      {
        std::unique_lock lock(mutex);
        has_work.wait(lock, [&] { return stopping || !queue.empty(); });
        if (queue.empty()) return;
        group = std::move(queue.front());
        queue.pop_front();
        ++running;
        stopped = !fatal.ok();
      }
      has_room.notify_one();
      std::size_t size = (group.latest ? group.latest->size() : 0) + (group.published ? group.published->size() : 0);
      Status status = stopped ? Status::Ok() : Process(group);
      {
        std::lock_guard lock(mutex);
        --running;
        ++done;
        bytes += size;
        if (!status.ok() && fatal.ok()) fatal = status;
        progress.Advanced("variant writes", done, bytes);
      }
      has_room.notify_all();
      idle.notify_all();
    }
  }

  void Fail(const std::string& codename, const std::string& source_id, const Status& status) {
    report.Fail({"variant", source_id, codename, status.message()});
    log.Warning("variant " + codename + ": " + status.message());
  }

  Status Process(const VariantGroup& group);
  Result<bool> PublishedMatches(const VariantWrite& write, std::uint64_t published_hash, std::uint64_t& reads);
};

// Whether the target's published version holds the archived one (one GET; 404 = never published).
Result<bool> VariantImporter::State::PublishedMatches(const VariantWrite& write, std::uint64_t published_hash,
                                                      std::uint64_t& reads) {
  ++reads;
  auto response = client.Send(ep::GetPublishedVariant(write.item, write.language));
  if (!response.ok()) {
    if (response.status().code() == StatusCode::kNotFound) return false;
    return response.status();
  }
  KBULK_ASSIGN_OR_RETURN(JsonDocument published, ParseJson(response->body));
  return published.IsObject() && target.FingerprintOf(published).elements == published_hash;
}

Status VariantImporter::State::Process(const VariantGroup& group) {
  if (group.late_published) {
    return RestoreLatePublished({client, target, model, naming, report, runner, options.dry_run}, *group.published);
  }
  // The latest record; a published record alone stands for a published latest version.
  auto latest = ParseVariant(group.latest ? *group.latest : *group.published);
  if (!latest.ok()) {
    Fail(group.key, group.key, latest.status());
    return Status::Ok();
  }
  std::optional<ParsedVariant> published;
  if (group.latest && group.published) {
    auto parsed = ParseVariant(*group.published);
    if (!parsed.ok()) {
      Fail(group.key, group.key, parsed.status());
      return Status::Ok();
    }
    published = std::move(*parsed);
  }
  const ParsedVariant& l = *latest;
  bool in_archive = true;
  std::string external_id = naming.item_external_id(l.item_id, in_archive);
  const std::string* language = model.LanguageCodename(l.language_id);
  std::string object = "item '" + external_id + "' language '" + (language ? *language : l.language_id) + "'";
  std::string source_id = l.item_id + "/" + l.language_id;
  std::string codename = external_id + "/" + (language ? *language : l.language_id);  // how failures name it
  if (language == nullptr) {
    Fail(codename, source_id, Corrupt("language id:" + l.language_id + " is not in the archive's model"));
    return Status::Ok();
  }
  if (!in_archive) {
    Fail(codename, source_id, Corrupt("the variant's item id:" + l.item_id + " is not in the archive"));
    return Status::Ok();
  }
  const content::ModelIndex::StepInfo* step = model.Step(l.step_id);
  const std::string* workflow_codename = model.WorkflowCodename(l.workflow_id);
  if (step == nullptr) {
    Fail(codename, source_id, Corrupt("workflow step id:" + l.step_id + " is not in the archive's model"));
    return Status::Ok();
  }
  std::string matched_id = naming.item_target_id ? naming.item_target_id(l.item_id) : std::string();
  VariantWrite write{matched_id.empty() ? Reference::ByExternalId(external_id) : Reference::ById(matched_id),
                     Reference::ByCodename(*language),
                     workflow_codename != nullptr ? *workflow_codename : step->workflow,
                     "",
                     "",
                     ""};
  const WorkflowGraph* graph = target.Workflow(write.workflow);
  // A dry run writes no model, so the target may lack the workflow (or steps) the model phase would
  // create: where the target's cannot hold the state, the plan assumes the variant's step reaches Published
  // and Archived directly (the common case) to estimate the calls.
  WorkflowGraph assumed;
  assumed.codename = write.workflow;
  assumed.steps.push_back({step->kind == content::ModelIndex::StepKind::kCustom ? step->codename : "draft",
                           {assumed.published_step, assumed.archived_step}});
  if (graph == nullptr && options.dry_run) graph = &assumed;
  if (graph == nullptr) {
    Fail(codename, source_id, InvalidArgument("workflow '" + write.workflow + "' is not in the target"));
    return Status::Ok();
  }
  // Elements by codename and external id.
  auto rewrite = [&](const ParsedVariant& variant, std::string& out) -> Status {
    const JsonValue* elements = Member(variant.json, "elements");
    auto rewritten =
        content::RewriteElementsForImport(elements ? ToJsonString(*elements) : std::string("[]"), model, naming);
    if (!rewritten.ok()) return rewritten.status();
    for (const std::string& reference : rewritten->forward_references) {
      report.Note({"variant", object, "forward reference to " + reference + " (not in the archive)"});
    }
    out = std::move(rewritten->elements_json);
    return Status::Ok();
  };
  Status rewritten = rewrite(l, write.latest_elements);
  if (rewritten.ok() && published) rewritten = rewrite(*published, write.published_elements);
  if (!rewritten.ok()) {
    Fail(codename, source_id, rewritten);
    return Status::Ok();
  }
  const JsonValue* due = Member(l.json, "due_date");
  std::int64_t due_seconds = 0;
  if (due != nullptr && due->IsObject()) {
    if (auto value = StringMember(*due, "value")) {
      write.due_date = ToJsonString(*due);
      due_seconds = ParseIsoSeconds(*value).value_or(0);
    }
  }
  ArchivedWorkflowState archived;
  archived.phase = PhaseOfStep(step);
  archived.step = step->codename;
  archived.publish = ScheduleOf(l.json, "publish_time", "publish_display_timezone");
  archived.unpublish = ScheduleOf(l.json, "unpublish_time", "unpublish_display_timezone");
  archived.has_published_version = published.has_value();

  // Against the target: unchanged costs nothing; a published version under a draft is probed.
  const VariantFingerprint* current = target.Find(VariantKey(external_id, *language));
  TargetStart start{current ? current->phase : VariantPhase::kNone, false};
  std::int64_t now = NowSeconds();
  auto plan = PlanRestore(archived, start, *graph, now);
  if (!plan.ok() && options.dry_run) {
    graph = &assumed;
    plan = PlanRestore(archived, start, *graph, now);
  }
  if (!plan.ok()) {
    Fail(codename, source_id, plan.status());
    return Status::Ok();
  }
  WorkflowFacts expected{write.workflow,
                         plan->step,
                         ParseIsoSeconds(plan->publish_time).value_or(0),
                         ParseIsoSeconds(plan->unpublish_time).value_or(0),
                         due_seconds,
                         plan->publish_time.empty() ? "" : plan->publish_timezone,
                         plan->unpublish_time.empty() ? "" : plan->unpublish_timezone};
  bool latest_same = current != nullptr && current->elements != 0 &&
                     current->elements == CanonicalElementsHash(write.latest_elements) &&
                     current->state == StateHash(expected);
  std::uint64_t reads = 0;
  if (published && current != nullptr) {
    auto matches = PublishedMatches(write, CanonicalElementsHash(write.published_elements), reads);
    if (!matches.ok()) {
      if (IsFatal(matches.status())) return matches.status();
      Fail(codename, source_id, matches.status());
      return Status::Ok();
    }
    start.published_version_matches = *matches;
    if (!latest_same || !*matches) {
      plan = PlanRestore(archived, start, *graph, now);
      if (!plan.ok()) {
        Fail(codename, source_id, plan.status());
        return Status::Ok();
      }
    }
    latest_same = latest_same && *matches;
  }
  PlanAction action = latest_same ? PlanAction::kUnchanged : current ? PlanAction::kUpdate : PlanAction::kCreate;
  std::string detail;
  if (!latest_same) {
    for (const WorkflowAction& a : plan->actions) {
      detail += (detail.empty() ? "" : ", ") + std::string(ActionKindName(a.kind)) +
                (a.step.empty() ? "" : " '" + a.step + "'");
    }
  }
  report.Plan({"variants", object, action, detail});
  report.AddPlannedRequests("content", reads + (latest_same ? 0 : plan->actions.size()));
  if (latest_same) return Status::Ok();
  for (const std::string& note : plan->notes) report.Note({"variant", object, note});
  if (options.dry_run) return Status::Ok();
  RunResult result;
  KBULK_RETURN_IF_ERROR(runner.Run(write, *plan, result));
  report.CountWrite("variants", result.writes);
  for (const std::string& note : result.notes) report.Note({"variant", object, note});
  if (!result.failure.ok()) Fail(codename, source_id, result.failure);
  return Status::Ok();
}

VariantImporter::VariantImporter(api::ManagementClient& client, const content::ModelIndex& model,
                                 const content::ImportNaming& naming, VariantImportOptions options, Logger& log,
                                 Progress& progress, ImportReport& report)
    : state_(std::make_unique<State>(client, model, naming, options, log, progress, report)) {
  state_->grouping = std::make_unique<VariantGrouping>(
      kWindowEntries, kWindowBytes, [this](VariantGroup group) { state_->Submit(std::move(group)); });
  state_->Start();
}

VariantImporter::~VariantImporter() {
  state_->Stop();
}

Status VariantImporter::LoadTarget() {
  State& s = *state_;
  api::RequestStats before = s.client.Stats();
  KBULK_RETURN_IF_ERROR(s.target.LoadWorkflows(s.client));
  KBULK_RETURN_IF_ERROR(s.target.LoadVariants(s.client));
  api::RequestStats after = s.client.Stats();
  s.report.AddPlannedRequests("content", (after.api_requests - after.retries) - (before.api_requests - before.retries));
  s.target_loaded = true;
  s.log.Info("target holds " + std::to_string(s.target.variant_count()) + " variants of imported items");
  s.progress.PhaseStarted("variant writes", 0);
  return Status::Ok();
}

Status VariantImporter::Add(std::string_view record_line) {
  State& s = *state_;
  if (!s.target_loaded) return Internal("VariantImporter::Add before LoadTarget");
  {
    std::lock_guard lock(s.mutex);
    if (!s.fatal.ok()) return s.fatal;
  }
  auto record = formats::ParseVariantRecord(record_line);
  if (!record.ok()) return record.status();
  auto parsed = ParseJson(record->variant);
  if (!parsed.ok() || !parsed->IsObject()) return Corrupt("a variant record's variant is not a JSON object");
  std::string key =
      std::string(RefId(*parsed, "item").value_or("")) + "/" + std::string(RefId(*parsed, "language").value_or(""));
  if (record->version == formats::VariantVersion::kPublished) {
    s.grouping->AddPublished(std::move(key), record_line);
  } else {
    VariantPhase phase = PhaseOfStep(s.model.Step(StepId(*parsed)));
    s.grouping->AddLatest(std::move(key), record_line,
                          phase == VariantPhase::kDraft || phase == VariantPhase::kScheduled);
  }
  std::lock_guard lock(s.mutex);
  return s.fatal;
}

Status VariantImporter::Finish() {
  State& s = *state_;
  s.grouping->Flush();
  Status status = s.Wait();
  s.progress.PhaseFinished("variant writes", s.done, s.bytes);
  return status;
}

}  // namespace kbulk::importer
