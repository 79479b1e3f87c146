// ImportFeed(): the feed import's row loop (feed_import.h, docs/feeds.md "Import").
#include "feeds/feed_import.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>

#include "api/endpoints.h"
#include "core/json.h"
#include "feeds/feed_import_row.h"
#include "feeds/feed_import_target.h"
#include "feeds/feed_import_workflow.h"
#include "importer/workflow_runner.h"

namespace kbulk::feeds {
namespace ep = api::endpoints;
namespace {

constexpr std::size_t kKeep = 1000;  // problems and notes kept in the summary

std::string Quote(std::string_view text) {
  JsonDocument document;
  return ToJsonString(MakeString(text, document.GetAllocator()));
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr && f != stdin) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

class RowLoop {
 public:
  RowLoop(api::ManagementClient& client, const FeedImportOptions& options, FeedTarget& target, Logger& log, bool write)
      : client_(client), options_(options), target_(target), log_(log), write_(write) {}

  FeedImportSummary& summary() { return summary_; }
  void set_rejected(RejectedWriter* rejected) { rejected_ = rejected; }

  // Only what must stop the import is returned; a bad row is recorded and the loop goes on.
  Status Row(const FeedRow& row, const RowDecoder& decoder);

 private:
  std::optional<std::string> System(const DecodedRow& d, const char* name) const {
    auto it = d.system.find(name);
    if (it == d.system.end() || !it->second || it->second->empty()) return std::nullopt;
    return it->second;
  }
  Status Reject(const FeedRow& row, const std::vector<RowProblem>& problems);
  void Note(std::string note) {
    log_.Warning(note);
    if (summary_.notes.size() < kKeep) summary_.notes.push_back(std::move(note));
  }
  Result<std::optional<TargetItem>> WriteItem(const FeedRow& row, const DecodedRow& d, const TargetItem* item,
                                              const std::string& key, std::vector<RowProblem>& problems);
  Status WriteVariant(const FeedRow& row, const TargetItem& item, const std::string& language,
                      const TargetVariant* variant, const std::string& elements, const WorkflowMove* move,
                      std::vector<RowProblem>& problems);

  api::ManagementClient& client_;
  const FeedImportOptions& options_;
  FeedTarget& target_;
  Logger& log_;
  bool write_;
  RejectedWriter* rejected_ = nullptr;
  FeedImportSummary summary_;
};

Status RowLoop::Reject(const FeedRow& row, const std::vector<RowProblem>& problems) {
  ++summary_.rejected;
  for (const RowProblem& p : problems) {
    log_.Warning("row " + std::to_string(p.row) + (p.column.empty() ? "" : ", column " + p.column) + ": " + p.reason);
    if (summary_.problems.size() < kKeep) summary_.problems.push_back(p);
  }
  return rejected_ != nullptr ? rejected_->Write(row) : Status::Ok();
}

Status RowLoop::Row(const FeedRow& row, const RowDecoder& decoder) {
  ++summary_.rows_read;
  DecodedRow d = decoder.Decode(row);
  std::vector<RowProblem> problems = std::move(d.problems);
  auto problem = [&](std::string column, std::string reason) {
    problems.push_back({row.row, std::move(column), std::move(reason)});
  };
  // Language: the row's, or --language; rows of other languages are not this import's.
  std::string language = System(d, "language").value_or(options_.language);
  if (!options_.language.empty() && language != options_.language) {
    ++summary_.skipped;
    return Status::Ok();
  }
  const std::string* language_id = nullptr;
  if (language.empty()) {
    problem("language", "no language: fill the language column or pass --language");
  } else if ((language_id = target_.LanguageId(language)) == nullptr) {
    problem("language", "no language '" + language + "' in the target environment");
  }
  // The item, by --key.
  const bool by_codename = options_.key == FeedImportOptions::Key::kCodename;
  const char* key_column = by_codename ? "codename" : "external_id";
  std::string key = System(d, key_column).value_or("");
  std::optional<TargetItem> found_item;  // a copy: the target's lookups return copies
  const TargetItem* item = nullptr;
  if (key.empty()) {
    problem(key_column, std::string("empty: rows are matched to items by ") + key_column);
  } else {
    found_item = by_codename ? target_.ItemByCodename(key) : target_.ItemByExternalId(key);
    item = found_item ? &*found_item : nullptr;
    if (item != nullptr && item->type_id != target_.type_id()) {
      problem(key_column, "item '" + key + "' is not of content type '" + options_.type + "'");
    } else if (item == nullptr && !options_.create_missing) {
      problem(key_column, std::string("no item with ") + key_column + " '" + key +
                              "' in the target environment (--create-missing creates it)");
    }
  }
  if (auto collection = System(d, "collection"); collection && !target_.HasCollection(*collection))
    problem("collection", "no collection '" + *collection + "' in the target environment");
  for (const auto& element : d.elements) {
    const Column& column = target_.columns().list[element.column];
    auto doc = ParseJson(element.json);
    if (!doc.ok()) continue;
    if (std::string reason = target_.CheckReferences(column, *doc); !reason.empty()) problem(column.name, reason);
  }
  std::optional<TargetVariant> found_variant;
  if (item != nullptr && language_id != nullptr) found_variant = target_.Variant(item->id, *language_id);
  const TargetVariant* variant = found_variant ? &*found_variant : nullptr;
  if (problems.empty() && item != nullptr && variant == nullptr && !options_.create_missing)
    problem("language", "item '" + key + "' has no variant in '" + language + "' (--create-missing creates it)");
  // The workflow step the row asks for, planned now so a dry run and --all-or-nothing check it too.
  std::optional<WorkflowMove> move = PlanWorkflowMove(System(d, "workflow"), System(d, "workflow_step"), variant,
                                                      target_.workflows(), row.row, std::time(nullptr), problems);
  if (!problems.empty()) return Reject(row, problems);

  // What differs from the target.
  std::string elements = "[", changed_names;
  std::size_t changed = 0;
  for (const auto& element : d.elements) {
    if (variant != nullptr && variant->values[element.column] == target_.ValueHash(element.json)) continue;
    auto resolved = target_.ResolveForWrite(target_.columns().list[element.column], element.json);
    if (!resolved.ok())
      return Reject(row, {{row.row, target_.columns().list[element.column].name, resolved.status().message()}});
    elements += (changed++ ? "," : "") + *resolved;
    changed_names += (changed_names.empty() ? "" : ", ") + target_.columns().list[element.column].name;
  }
  elements += "]";
  bool item_changes = item == nullptr;
  if (item != nullptr) {
    auto name = System(d, "name");
    auto collection = System(d, "collection");
    const std::string* current = target_.model().CollectionCodename(item->collection_id);
    item_changes = (name && *name != item->name) || (collection && (current == nullptr || *collection != *current)) ||
                   (!by_codename && System(d, "codename") && *System(d, "codename") != item->codename);
  }
  if (variant != nullptr && changed == 0 && !item_changes && !move) {
    ++summary_.unchanged;
    return Status::Ok();
  }
  if (variant != nullptr && (changed > 0 || move) &&
      (variant->phase == importer::VariantPhase::kScheduled || variant->phase == importer::VariantPhase::kArchived)) {
    ++summary_.skipped;
    Note("row " + std::to_string(row.row) + ": item '" + key + "' in '" + language + "' is " +
         std::string(importer::VariantPhaseName(variant->phase)) + ": not changed");
    return Status::Ok();
  }
  ++summary_.written;
  log_.Debug("row " + std::to_string(row.row) + ": " + key + " in " + language + ": " +
             (variant == nullptr ? "new variant" : "changed: " + (changed_names.empty() ? "the item" : changed_names)) +
             (move ? "; to workflow step " + move->workflow + "/" + move->step : ""));
  if (!write_) return Status::Ok();
  std::vector<RowProblem> failures;
  if (item_changes) {
    auto written = WriteItem(row, d, item, key, failures);
    if (!written.ok()) return written.status();
    found_item = std::move(*written);
    item = found_item ? &*found_item : nullptr;
  }
  if (item != nullptr && failures.empty() && (changed > 0 || variant == nullptr || move))
    KBULK_RETURN_IF_ERROR(WriteVariant(row, *item, language, variant, elements, move ? &*move : nullptr, failures));
  if (!failures.empty()) {
    --summary_.written;
    return Reject(row, failures);
  }
  return Status::Ok();
}

Result<std::optional<TargetItem>> RowLoop::WriteItem(const FeedRow& row, const DecodedRow& d, const TargetItem* item,
                                                     const std::string& key, std::vector<RowProblem>& problems) {
  const bool by_codename = options_.key == FeedImportOptions::Key::kCodename;
  auto codename = by_codename ? std::optional<std::string>(key) : System(d, "codename");
  auto name = System(d, "name");
  std::string body = "{\"name\":" + Quote(name ? *name : item != nullptr ? item->name : codename.value_or(key));
  if (codename) body += ",\"codename\":" + Quote(*codename);
  if (auto collection = System(d, "collection")) body += ",\"collection\":{\"codename\":" + Quote(*collection) + "}";
  api::Request request;
  if (item != nullptr) {
    request = ep::UpsertItem(Reference::ById(item->id), body + "}");
  } else {
    body += ",\"type\":{\"codename\":" + Quote(options_.type) + "}";
    if (by_codename) {
      if (auto external_id = System(d, "external_id")) body += ",\"external_id\":" + Quote(*external_id);
      request = ep::AddItem(body + "}");
    } else {
      request = ep::UpsertItem(Reference::ByExternalId(key), body + "}");
    }
  }
  ++summary_.writes;
  auto response = client_.Send(request);
  if (!response.ok()) {
    if (importer::IsFatal(response.status())) return response.status();
    problems.push_back({row.row, "", "writing the item failed: " + response.status().message()});
    return item != nullptr ? std::optional<TargetItem>(*item) : std::nullopt;
  }
  auto doc = ParseJson(response->body);
  if (!doc.ok()) return Corrupt("the item upsert's response is not JSON: " + doc.status().message());
  const JsonValue* collection = Member(*doc, "collection");
  const JsonValue* type = Member(*doc, "type");
  TargetItem updated{std::string(StringMember(*doc, "id").value_or("")),
                     std::string(StringMember(*doc, "codename").value_or("")),
                     std::string(StringMember(*doc, "external_id").value_or("")),
                     std::string(StringMember(*doc, "name").value_or("")),
                     type ? std::string(StringMember(*type, "id").value_or("")) : target_.type_id(),
                     collection ? std::string(StringMember(*collection, "id").value_or("")) : ""};
  if (item == nullptr) ++summary_.created_items;
  target_.Remember(updated);
  return by_codename ? target_.ItemByCodename(key) : target_.ItemByExternalId(key);
}

Status RowLoop::WriteVariant(const FeedRow& row, const TargetItem& item, const std::string& language,
                             const TargetVariant* variant, const std::string& elements, const WorkflowMove* move,
                             std::vector<RowProblem>& problems) {
  const Reference item_ref = Reference::ById(item.id), language_ref = Reference::ByCodename(language);
  auto fail = [&](const Status& status) -> Status {
    if (importer::IsFatal(status)) return status;
    problems.push_back({row.row, "", "writing the variant failed: " + status.message()});
    return Status::Ok();
  };
  auto run = [&](const std::string& workflow, const importer::RestorePlan& plan, importer::RunResult& result) {
    importer::VariantWrite write{item_ref, language_ref, workflow, elements, "", ""};
    importer::WorkflowRunner runner(client_, target_.workflows());
    Status status = runner.Run(write, plan, result);
    summary_.writes += result.writes;
    for (const auto& note : result.notes) Note("row " + std::to_string(row.row) + ": " + note);
    return status;
  };
  if (move != nullptr) {  // to the row's workflow step, with the changed elements on the way
    importer::RunResult result;
    KBULK_RETURN_IF_ERROR(run(move->workflow, move->plan, result));
    if (!result.failure.ok()) return fail(result.failure);
    ++summary_.moved;
    if (variant == nullptr) ++summary_.created_variants;
    if (variant != nullptr && variant->phase == importer::VariantPhase::kPublished) ++summary_.new_versions;
    if (move->plan.phase == importer::VariantPhase::kPublished && result.notes.empty()) ++summary_.published;
    return Status::Ok();
  }
  if (variant == nullptr) {  // a new variant: the service places it in its workflow's first step
    ++summary_.writes;
    auto response = client_.Send(ep::UpsertVariant(item_ref, language_ref, "{\"elements\":" + elements + "}"));
    if (!response.ok()) return fail(response.status());
    ++summary_.created_variants;
    return Status::Ok();
  }
  const importer::WorkflowGraph* graph = target_.workflows().Workflow(variant->workflow);
  if (graph == nullptr || graph->steps.empty())
    return fail(InvalidArgument("the variant's workflow '" + variant->workflow + "' is not in the target"));
  importer::RestorePlan plan;
  const bool published = variant->phase == importer::VariantPhase::kPublished;
  if (!published) {
    plan.actions.push_back({importer::ActionKind::kUpsertLatest, variant->step, {}, {}});
  } else {
    std::string step = graph->steps.front().codename;
    if (options_.publish) {
      const auto* to_published = graph->StepTransitioningTo(graph->published_step);
      if (to_published == nullptr)
        return fail(InvalidArgument("no step of workflow '" + graph->codename + "' transitions to Published"));
      step = to_published->codename;
    }
    plan.actions.push_back({importer::ActionKind::kNewVersion, {}, {}, {}});
    plan.actions.push_back({importer::ActionKind::kUpsertLatest, step, {}, {}});
    if (options_.publish) plan.actions.push_back({importer::ActionKind::kPublish, {}, {}, {}});
  }
  importer::RunResult result;
  KBULK_RETURN_IF_ERROR(run(variant->workflow, plan, result));
  if (!result.failure.ok()) return fail(result.failure);
  if (published) ++summary_.new_versions;
  if (published && options_.publish && result.notes.empty()) ++summary_.published;
  return Status::Ok();
}

Result<File> OpenInput(const FeedImportOptions& options) {
  if (options.path == "-") return File(stdin);
  std::FILE* file = std::fopen(options.path.c_str(), "rb");
  if (file == nullptr) return IoError("cannot open " + options.path + ": " + std::strerror(errno));
  return File(file);
}

// Standard input copied to an anonymous temporary file, for a second pass.
Result<File> Spool(std::FILE* in) {
  std::FILE* out = std::tmpfile();
  if (out == nullptr) return IoError(std::string("cannot create a temporary file: ") + std::strerror(errno));
  File file(out);
  char buffer[65536];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) {
    if (std::fwrite(buffer, 1, n, out) != n)
      return IoError("cannot spool standard input: " + std::string(std::strerror(errno)));
  }
  if (std::ferror(in)) return IoError("cannot read standard input: " + std::string(std::strerror(errno)));
  std::rewind(out);
  return file;
}

// One pass over the file.
Result<FeedImportSummary> Pass(api::ManagementClient& client, const FeedImportOptions& options, FeedTarget& target,
                               std::FILE* file, bool write, bool keep_rejected, Logger& log, Progress& progress) {
  std::string name = options.path == "-" ? "standard input" : options.path;
  KBULK_ASSIGN_OR_RETURN(auto reader, OpenRowReader(file, name, options.format));
  std::optional<RowDecoder> decoder;
  if (options.format == FeedFormat::kCsv) {
    KBULK_ASSIGN_OR_RETURN(RowDecoder csv, RowDecoder::ForCsv(reader->header(), target.columns()));
    decoder.emplace(std::move(csv));
  } else {
    decoder.emplace(RowDecoder::ForJson(target.columns()));
  }
  std::optional<RejectedWriter> rejected;
  RowLoop loop(client, options, target, log, write);
  if (keep_rejected && !options.rejected_path.empty()) {
    KBULK_ASSIGN_OR_RETURN(RejectedWriter opened,
                           RejectedWriter::Open(options.rejected_path, options.format, reader->header()));
    rejected.emplace(std::move(opened));
    loop.set_rejected(&*rejected);
  }
  progress.PhaseStarted("rows", 0);
  FeedRow row;
  for (;;) {
    KBULK_ASSIGN_OR_RETURN(bool any, reader->Next(row));
    if (!any) break;
    KBULK_RETURN_IF_ERROR(loop.Row(row, *decoder));
    KBULK_RETURN_IF_ERROR(target.status());
    progress.Advanced("rows", loop.summary().rows_read, 0);
  }
  progress.PhaseFinished("rows", loop.summary().rows_read, 0);
  if (rejected) KBULK_RETURN_IF_ERROR(rejected->Close());
  return std::move(loop.summary());
}

}  // namespace

std::string FeedImportSummary::ToJson() const {
  JsonWriter w;
  w.StartObject();
  w.Key("dry_run").Bool(dry_run).Key("nothing_written").Bool(nothing_written);
  w.Key("rows_read").Uint(rows_read).Key("written").Uint(written).Key("unchanged").Uint(unchanged);
  w.Key("rejected").Uint(rejected).Key("skipped").Uint(skipped);
  w.Key("created_items").Uint(created_items).Key("created_variants").Uint(created_variants);
  w.Key("new_versions").Uint(new_versions).Key("published").Uint(published).Key("moved").Uint(moved);
  w.Key("writes").Uint(writes).Key("requests").Raw(requests.ToJson());
  w.Key("problems").StartArray();
  for (const RowProblem& p : problems)
    w.StartObject().Key("row").Uint(p.row).Key("column").String(p.column).Key("reason").String(p.reason).EndObject();
  w.EndArray().Key("notes").StartArray();
  for (const std::string& note : notes) w.String(note);
  w.EndArray().EndObject();
  return w.str();
}

Result<FeedImportSummary> ImportFeed(api::ManagementClient& client, const FeedImportOptions& options, Logger& log,
                                     Progress& progress) {
  KBULK_ASSIGN_OR_RETURN(File file, OpenInput(options));
  FeedTarget target(options.target_memory_budget);
  log.Info("reading the target's content type '" + options.type + "', items, assets and variants");
  KBULK_RETURN_IF_ERROR(target.Load(client, options.type, options.format));
  FeedImportSummary summary;
  if (options.all_or_nothing && !options.dry_run) {
    if (options.path == "-") {
      KBULK_ASSIGN_OR_RETURN(file, Spool(stdin));
    }
    KBULK_ASSIGN_OR_RETURN(FeedImportSummary check,
                           Pass(client, options, target, file.get(), false, true, log, progress));
    if (check.rejected > 0) {
      check.nothing_written = true;
      check.written = 0;
      check.requests = client.Stats();
      check.target_spills = target.spills();
      return check;
    }
    std::rewind(file.get());
    KBULK_ASSIGN_OR_RETURN(summary, Pass(client, options, target, file.get(), true, true, log, progress));
  } else {
    KBULK_ASSIGN_OR_RETURN(summary, Pass(client, options, target, file.get(), !options.dry_run, true, log, progress));
  }
  summary.dry_run = options.dry_run;
  summary.requests = client.Stats();
  summary.target_spills = target.spills();
  return summary;
}

}  // namespace kbulk::feeds
