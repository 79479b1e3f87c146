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
  if ((kind == EntityKind::kWebhook || kind == EntityKind::kLegacyWebhook) && !run.options.webhook_secrets) {
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

// The HTTP status an API error carries ("...: HTTP 404: ..."), 0 when it is not an HTTP answer.
int HttpStatusOf(const Status& status) {
  const std::string& m = status.message();
  std::size_t at = m.find(": HTTP ");
  if (at == std::string::npos || at + 10 > m.size()) return 0;
  int code = 0;
  for (std::size_t i = at + 7; i < at + 10; ++i) {
    if (m[i] < '0' || m[i] > '9') return 0;
    code = code * 10 + (m[i] - '0');
  }
  return code;
}

// A deprecated route an environment may refuse: 400, 403, 404, 405 or 410 mean "not here", not a failure.
bool IsRefusal(int http_status) {
  return http_status == 400 || http_status == 403 || http_status == 404 || http_status == 405 || http_status == 410;
}

// GET /webhooks (legacy webhooks, deprecated): a refusal means the environment has none; the entry is then
// written empty and the refusal noted in the summary.
Status ExportLegacyWebhooks(ExportRun& run) {
  const EntityKind kind = EntityKind::kLegacyWebhook;
  if (!run.options.Exports(kind)) return Status::Ok();
  KBULK_ASSIGN_OR_RETURN(auto sink, OpenSink(run, kind));
  auto list = ep::ListLegacyWebhooks();
  Status listed = run.client.ListAll(list.request, list.array_key,
                                     [&](std::string_view json) { return Take(run, sink.get(), kind, json, nullptr); });
  if (!listed.ok()) {
    int http = HttpStatusOf(listed);
    if (!IsRefusal(http) || sink->records() > 0) return listed;
    run.Note("legacy webhooks: GET /webhooks answered HTTP " + std::to_string(http) + ", recorded as none");
  }
  return Commit(run, sink);
}

// GET /web-spotlight/status: the route's answer, or {"available":false,"status":N} when it refuses.
Status ExportWebSpotlight(ExportRun& run) {
  const EntityKind kind = EntityKind::kWebSpotlight;
  if (!run.options.Exports(kind)) return Status::Ok();
  auto response = run.client.Send(ep::GetWebSpotlightStatus());
  std::string document;
  if (response.ok()) {
    document = std::move(response->body);
  } else {
    int http = HttpStatusOf(response.status());
    if (!IsRefusal(http)) return response.status();
    JsonWriter w;
    document = w.StartObject().Key("available").Bool(false).Key("status").Int(http).EndObject().str();
    run.Note("web spotlight: GET /web-spotlight/status answered HTTP " + std::to_string(http) +
             ", recorded as unavailable");
  }
  std::lock_guard lock(run.writer_mutex);
  KBULK_RETURN_IF_ERROR(run.writer->WriteDocument(formats::ModelEntryPath(kind), document));
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
  KBULK_RETURN_IF_ERROR(ExportLegacyWebhooks(run));
  KBULK_RETURN_IF_ERROR(ExportDocument(run, EntityKind::kPreviewConfiguration, ep::GetPreviewConfiguration()));
  return ExportWebSpotlight(run);
}

}  // namespace kbulk::exporter
