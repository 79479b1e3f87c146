// Model phase: environment info and every model kind, written as the API returned them, while learning
// the lookups later phases need (languages, types, collections, workflow steps).
#include <functional>

#include "exporter/export_run.h"

namespace kbulk::exporter {
namespace {

namespace ep = api::endpoints;
using Learn = std::function<void(const JsonValue&)>;

std::string IdOf(const JsonValue& v) {
  return std::string(StringMember(v, "id").value_or(""));
}
std::string CodenameOf(const JsonValue& v) {
  return std::string(StringMember(v, "codename").value_or(""));
}

// Appends one object to `sink` (when writing) and hands it to `learn` (when learning).
Status Take(ExportRun& run, formats::NdjsonSink* sink, EntityKind kind, std::string_view json, const Learn& learn) {
  std::string without_secret;
  if (kind == EntityKind::kWebhook && !run.options.webhook_secrets) {
    // A webhook's secret signs its notifications: an archive is no place for it unless asked.
    KBULK_ASSIGN_OR_RETURN(JsonDocument webhook, ParseJson(json));
    if (webhook.IsObject() && webhook.RemoveMember("secret")) {
      without_secret = ToJsonString(webhook);
      json = without_secret;
    }
  }
  if (learn) {
    KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
    learn(doc);
  }
  if (sink == nullptr) return Status::Ok();
  std::lock_guard lock(run.writer_mutex);
  KBULK_RETURN_IF_ERROR(sink->Append(json));
  run.Count(EntityKindName(kind));
  return Status::Ok();
}

Result<std::unique_ptr<formats::NdjsonSink>> OpenSink(ExportRun& run, EntityKind kind) {
  std::lock_guard lock(run.writer_mutex);
  return run.writer->BeginNdjson(formats::ModelEntryPath(kind));
}

Status Commit(ExportRun& run, std::unique_ptr<formats::NdjsonSink>& sink) {
  if (!sink) return Status::Ok();
  std::lock_guard lock(run.writer_mutex);
  return sink->Commit();
}

// A paginated (or bare-array) list route.
Status ExportList(ExportRun& run, EntityKind kind, const ep::ListRequest& list, const Learn& learn) {
  bool write = run.options.Exports(kind);
  if (!write && !learn) return Status::Ok();
  run.progress.PhaseStarted(EntityKindName(kind), 0);
  std::unique_ptr<formats::NdjsonSink> sink;
  if (write) {
    KBULK_ASSIGN_OR_RETURN(sink, OpenSink(run, kind));
  }
  KBULK_RETURN_IF_ERROR(run.client.ListAll(
      list.request, list.array_key, [&](std::string_view json) { return Take(run, sink.get(), kind, json, learn); }));
  std::uint64_t n = sink ? sink->records() : 0;
  KBULK_RETURN_IF_ERROR(Commit(run, sink));
  run.progress.PhaseFinished(EntityKindName(kind), n, 0);
  return Status::Ok();
}

// A route whose body is one object holding the array under `array_key` (collections, folders).
Status ExportEmbeddedList(ExportRun& run, EntityKind kind, const api::Request& request, std::string_view array_key,
                          const Learn& learn) {
  bool write = run.options.Exports(kind);
  if (!write && !learn) return Status::Ok();
  KBULK_ASSIGN_OR_RETURN(api::Response response, run.client.Send(request));
  KBULK_ASSIGN_OR_RETURN(JsonDocument body, ParseJson(response.body));
  const JsonValue* array = Member(body, array_key);
  if (array == nullptr || !array->IsArray()) {
    return Corrupt(std::string(EntityKindName(kind)) + ": the response has no '" + std::string(array_key) + "' array");
  }
  std::unique_ptr<formats::NdjsonSink> sink;
  if (write) {
    KBULK_ASSIGN_OR_RETURN(sink, OpenSink(run, kind));
  }
  for (const auto& element : array->GetArray()) {
    KBULK_RETURN_IF_ERROR(Take(run, sink.get(), kind, ToJsonString(element), learn));
  }
  return Commit(run, sink);
}

Status ExportDocument(ExportRun& run, EntityKind kind, const api::Request& request) {
  if (!run.options.Exports(kind)) return Status::Ok();
  KBULK_ASSIGN_OR_RETURN(api::Response response, run.client.Send(request));
  std::lock_guard lock(run.writer_mutex);
  KBULK_RETURN_IF_ERROR(run.writer->WriteDocument(formats::ModelEntryPath(kind), response.body));
  run.Count(EntityKindName(kind));
  return Status::Ok();
}

void LearnElements(ExportRun& run, const JsonValue& type_or_snippet) {
  const JsonValue* elements = Member(type_or_snippet, "elements");
  if (elements == nullptr || !elements->IsArray()) return;
  for (const auto& element : elements->GetArray()) {
    auto type = StringMember(element, "type");
    if (type) run.element_types[IdOf(element)] = std::string(*type);
  }
}

void LearnWorkflow(ExportRun& run, const JsonValue& workflow) {
  auto classify = [&](std::string_view member, StepClass cls) {
    if (const JsonValue* step = Member(workflow, member)) run.steps[IdOf(*step)] = cls;
  };
  classify("published_step", StepClass::kPublished);
  classify("scheduled_step", StepClass::kScheduled);
  classify("archived_step", StepClass::kArchived);
  if (const JsonValue* steps = Member(workflow, "steps"); steps && steps->IsArray()) {
    for (const auto& step : steps->GetArray()) run.steps.emplace(IdOf(step), StepClass::kOther);
  }
}

}  // namespace

Status ExportModel(ExportRun& run) {
  // Model objects are few; learning them is cheap and keeps later phases to list endpoints only.
  KBULK_RETURN_IF_ERROR(ExportList(run, EntityKind::kLanguage, ep::ListLanguages(),
                                   [&](const JsonValue& v) { run.language_ids[CodenameOf(v)] = IdOf(v); }));
  KBULK_RETURN_IF_ERROR(ExportEmbeddedList(run, EntityKind::kCollection, ep::ListCollections(), "collections",
                                           [&](const JsonValue& v) { run.collection_ids[CodenameOf(v)] = IdOf(v); }));
  KBULK_RETURN_IF_ERROR(ExportList(run, EntityKind::kSpace, ep::ListSpaces(), nullptr));
  KBULK_RETURN_IF_ERROR(ExportList(run, EntityKind::kTaxonomyGroup, ep::ListTaxonomies(), nullptr));
  KBULK_RETURN_IF_ERROR(ExportEmbeddedList(run, EntityKind::kAssetFolder, ep::ListAssetFolders(), "folders", nullptr));
  KBULK_RETURN_IF_ERROR(
      ExportList(run, EntityKind::kSnippet, ep::ListSnippets(), [&](const JsonValue& v) { LearnElements(run, v); }));
  KBULK_RETURN_IF_ERROR(ExportList(run, EntityKind::kContentType, ep::ListTypes(), [&](const JsonValue& v) {
    run.type_ids[CodenameOf(v)] = IdOf(v);
    LearnElements(run, v);
  }));
  KBULK_RETURN_IF_ERROR(
      ExportList(run, EntityKind::kWorkflow, ep::ListWorkflows(), [&](const JsonValue& v) { LearnWorkflow(run, v); }));
  KBULK_RETURN_IF_ERROR(ExportList(run, EntityKind::kRole, ep::ListRoles(), nullptr));
  KBULK_RETURN_IF_ERROR(ExportList(run, EntityKind::kWebhook, ep::ListWebhooks(), nullptr));
  return ExportDocument(run, EntityKind::kPreviewConfiguration, ep::GetPreviewConfiguration());
}

}  // namespace kbulk::exporter
