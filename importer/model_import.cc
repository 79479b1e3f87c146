// ModelImporter: collects the archive's model records, reads the target's model (list routes, one request
// per kind mostly), lets the per-kind planners (model_plan_*.cc) decide the writes, and sends them.
#include "importer/model_import.h"

#include "api/endpoints.h"
#include "content/import_naming.h"
#include "importer/model_state.h"

namespace kbulk::importer {

namespace ep = api::endpoints;

struct ModelImporter::State : ModelImportState {
  using ModelImportState::ModelImportState;
};

api::Request RawRequest(api::Method method, std::string path, std::string object, std::string body) {
  api::Request r;
  r.method = method;
  r.route = path;
  r.path = std::move(path);
  r.object = std::move(object);
  r.body = std::move(body);
  return r;
}

void ModelImportState::Plan(std::string_view kind, std::string_view object, PlanAction action, std::string detail) {
  if (action == PlanAction::kConflict) conflicts = true;
  // A difference left as it is (no --update-model) is reported as a note too, so summaries show it.
  if (action == PlanAction::kSkip) report.Note({std::string(kind), std::string(object), detail});
  report.Plan(PlanEntry{std::string(kind), std::string(object), action, std::move(detail)});
}

const JsonDocument* ModelImportState::TargetByCodename(EntityKind kind, std::string_view codename) const {
  auto it = target.find(kind);
  if (it == target.end()) return nullptr;
  for (const auto& doc : it->second)
    if (StringMember(*doc, "codename").value_or("\x01") == codename) return doc.get();
  return nullptr;
}

namespace {

void ToExternalId(JsonValue& reference, JsonAllocator& allocator, const content::ImportNaming* naming, bool asset) {
  std::string id = ReferenceValue(&reference);
  bool in_archive = true;
  std::string external_id;
  const auto& fn = naming == nullptr ? nullptr : (asset ? &naming->asset_external_id : &naming->item_external_id);
  external_id = fn != nullptr && *fn ? (*fn)(id, in_archive) : content::SourceExternalId(id);
  reference.SetObject();
  reference.AddMember("external_id", MakeString(external_id, allocator), allocator);
}

// A refusal of a route the target may not offer (deprecated routes): not found, gone, not allowed.
bool IsRefusal(const Status& status) {
  switch (status.code()) {
    case StatusCode::kUnauthenticated:
    case StatusCode::kRateLimited:
    case StatusCode::kUnavailable:
    case StatusCode::kCancelled:
    case StatusCode::kPermissionDenied: return false;
    default: return true;
  }
}

}  // namespace

void ModelImportState::ItemToExternalId(JsonValue& reference, JsonAllocator& allocator) const {
  ToExternalId(reference, allocator, naming, false);
}
void ModelImportState::AssetToExternalId(JsonValue& reference, JsonAllocator& allocator) const {
  ToExternalId(reference, allocator, naming, true);
}

ModelImporter::ModelImporter(api::ManagementClient& client, ModelImportOptions options, Logger& log,
                             ImportReport& report)
    : state_(std::make_unique<State>(client, options, log, report)) {}
ModelImporter::~ModelImporter() = default;

void ModelImporter::SetNaming(const content::ImportNaming* naming) {
  state_->naming = naming;
}

Status ModelImporter::Add(EntityKind kind, std::string_view json) {
  auto doc = ParseJson(json);
  if (!doc.ok()) {
    return Corrupt(std::string("model record of ") + std::string(EntityKindName(kind)) + ": " + doc.status().message());
  }
  auto owned = std::make_unique<JsonDocument>(std::move(*doc));
  if (owned->IsArray()) {  // a data-ops style array of records
    for (const JsonValue& v : owned->GetArray()) KBULK_RETURN_IF_ERROR(Add(kind, ToJsonString(v)));
    return Status::Ok();
  }
  if (!owned->IsObject())
    return Corrupt(std::string("model record of ") + std::string(EntityKindName(kind)) + " is not an object");
  if (kind == EntityKind::kRole) {
    std::string id = Str(*owned, "id");
    std::string label = Str(*owned, "name");
    state_->role_labels[id] = label;
  }
  state_->source_names.Learn(kind, *owned);
  state_->source[kind].push_back(std::move(owned));
  return Status::Ok();
}

namespace {

using State = ModelImportState;

Status ReadList(State& s, EntityKind kind, const ep::ListRequest& list) {
  Records& out = s.target[kind];
  return s.client.ListAll(list.request, list.array_key, [&](std::string_view json) -> Status {
    KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
    s.target_names.Learn(kind, doc);
    out.push_back(std::make_unique<JsonDocument>(std::move(doc)));
    return Status::Ok();
  });
}

Status ReadEmbedded(State& s, EntityKind kind, const api::Request& request, const char* key) {
  KBULK_ASSIGN_OR_RETURN(api::Response response, s.client.Send(request));
  KBULK_ASSIGN_OR_RETURN(JsonDocument body, ParseJson(response.body));
  const JsonValue* array = Member(body, key);
  if (array == nullptr || !array->IsArray()) return Corrupt(std::string(request.route) + ": no '" + key + "' array");
  for (const JsonValue& v : array->GetArray()) {
    auto doc = std::make_unique<JsonDocument>();
    doc->CopyFrom(v, doc->GetAllocator());
    s.target_names.Learn(kind, *doc);
    s.target[kind].push_back(std::move(doc));
  }
  return Status::Ok();
}

Status ReadDocument(State& s, EntityKind kind, const api::Request& request) {
  KBULK_ASSIGN_OR_RETURN(api::Response response, s.client.Send(request));
  KBULK_ASSIGN_OR_RETURN(JsonDocument body, ParseJson(response.body));
  s.target[kind].push_back(std::make_unique<JsonDocument>(std::move(body)));
  return Status::Ok();
}

// Archive role id -> target role id, by codename where the archive's role has one, else by name.
void MapRoles(State& s) {
  for (const auto& role : s.source[EntityKind::kRole]) {
    std::string codename = Str(*role, "codename"), name = Str(*role, "name");
    for (const auto& t : s.target[EntityKind::kRole]) {
      if ((!codename.empty() && Str(*t, "codename") == codename) || (codename.empty() && Str(*t, "name") == name)) {
        s.role_ids[Str(*role, "id")] = Str(*t, "id");
        break;
      }
    }
  }
}

bool Has(const State& s, EntityKind kind) {
  auto it = s.source.find(kind);
  return it != s.source.end() && !it->second.empty();
}

Status ReadTarget(State& s) {
  KBULK_RETURN_IF_ERROR(ReadList(s, EntityKind::kLanguage, ep::ListLanguages()));
  KBULK_RETURN_IF_ERROR(ReadList(s, EntityKind::kSnippet, ep::ListSnippets()));
  KBULK_RETURN_IF_ERROR(ReadList(s, EntityKind::kContentType, ep::ListTypes()));
  if (Has(s, EntityKind::kCollection) || Has(s, EntityKind::kSpace) || Has(s, EntityKind::kWorkflow))
    KBULK_RETURN_IF_ERROR(ReadEmbedded(s, EntityKind::kCollection, ep::ListCollections(), "collections"));
  if (Has(s, EntityKind::kSpace) || Has(s, EntityKind::kPreviewConfiguration))
    KBULK_RETURN_IF_ERROR(ReadList(s, EntityKind::kSpace, ep::ListSpaces()));
  if (Has(s, EntityKind::kTaxonomyGroup) || Has(s, EntityKind::kContentType) || Has(s, EntityKind::kSnippet))
    KBULK_RETURN_IF_ERROR(ReadList(s, EntityKind::kTaxonomyGroup, ep::ListTaxonomies()));
  if (Has(s, EntityKind::kAssetFolder))
    KBULK_RETURN_IF_ERROR(ReadEmbedded(s, EntityKind::kAssetFolder, ep::ListAssetFolders(), "folders"));
  if (Has(s, EntityKind::kWorkflow)) {
    KBULK_RETURN_IF_ERROR(ReadList(s, EntityKind::kWorkflow, ep::ListWorkflows()));
    KBULK_RETURN_IF_ERROR(ReadList(s, EntityKind::kRole, ep::ListRoles()));
    MapRoles(s);
  }
  if (Has(s, EntityKind::kWebhook)) KBULK_RETURN_IF_ERROR(ReadList(s, EntityKind::kWebhook, ep::ListWebhooks()));
  if (Has(s, EntityKind::kLegacyWebhook)) {
    ep::ListRequest legacy{RawRequest(api::Method::kGet, "/webhooks", "legacy webhooks"), ""};
    Status read = ReadList(s, EntityKind::kLegacyWebhook, legacy);
    if (!read.ok() && !IsRefusal(read)) return read;
    if (!read.ok()) {
      s.legacy_webhooks_available = false;
      s.report.Note({"legacy_webhooks", "",
                     "the target refuses the legacy webhooks route (" + read.message() + "): none are imported"});
    }
  }
  if (Has(s, EntityKind::kPreviewConfiguration))
    KBULK_RETURN_IF_ERROR(ReadDocument(s, EntityKind::kPreviewConfiguration, ep::GetPreviewConfiguration()));
  if (Has(s, EntityKind::kWebSpotlight)) {
    Status read = ReadDocument(s, EntityKind::kWebSpotlight,
                               RawRequest(api::Method::kGet, "/web-spotlight/status", "Web Spotlight"));
    if (!read.ok() && !IsRefusal(read)) return read;
    if (!read.ok()) {
      s.spotlight_available = false;
      s.report.Note(
          {"web_spotlight", "",
           "the target refuses the Web Spotlight route (" + read.message() + "): its status is not imported"});
    }
  }
  s.target_empty = s.target[EntityKind::kLanguage].size() <= 1 && s.target[EntityKind::kContentType].empty() &&
                   s.target[EntityKind::kSnippet].empty();
  return Status::Ok();
}

}  // namespace

Status ModelImporter::Plan() {
  State& s = *state_;
  if (s.planned) return Internal("ModelImporter::Plan called twice");
  s.planned = true;
  const std::uint64_t before_reads = s.client.Stats().api_requests;
  KBULK_RETURN_IF_ERROR(ReadTarget(s));
  s.reads = s.client.Stats().api_requests - before_reads;
  PlanLanguages(s);
  PlanCollections(s);
  PlanSpaces(s);
  PlanTaxonomies(s);
  PlanFolders(s);
  PlanTypes(s, true);
  PlanTypes(s, false);
  for (ModelWrite& w : s.links) s.before.push_back(std::move(w));
  s.links.clear();
  PlanWorkflows(s);
  PlanPreview(s);
  PlanWebSpotlight(s);
  PlanWebhooks(s, false);
  PlanWebhooks(s, true);
  s.report.AddPlannedRequests("model", s.reads + s.before.size());
  s.report.AddPlannedRequests("model_after_content", s.after.size());
  return Status::Ok();
}

bool ModelImporter::has_conflicts() const {
  return state_->conflicts;
}

namespace {

// The model kind a write's response holds (it is learned: later writes may name the target's ids).
std::optional<EntityKind> KindOfWrite(std::string_view kind) {
  if (kind == "language") return EntityKind::kLanguage;
  if (kind == "collection") return EntityKind::kCollection;
  if (kind == "space") return EntityKind::kSpace;
  if (kind == "taxonomy_group") return EntityKind::kTaxonomyGroup;
  if (kind == "asset_folder") return EntityKind::kAssetFolder;
  if (kind == "snippet") return EntityKind::kSnippet;
  if (kind == "content_type") return EntityKind::kContentType;
  if (kind == "workflow") return EntityKind::kWorkflow;
  return std::nullopt;
}

Status Run(State& s, std::vector<ModelWrite>& writes) {
  Status essential;
  for (ModelWrite& w : writes) {
    api::Request request = w.request();
    // A patch of replace operations only (links, defaults, properties) may be repeated safely.
    if (request.method == api::Method::kPatch && request.body.find("\"addInto\"") == std::string::npos &&
        request.body.find("\"remove\"") == std::string::npos && request.body.find("\"move\"") == std::string::npos &&
        request.body.find("\"rename\"") == std::string::npos)
      request.idempotent = true;
    auto sent = s.client.Send(request);
    if (sent.ok()) {
      s.report.CountWrite(w.kind);
      if (auto kind = KindOfWrite(w.kind); kind && !sent->body.empty())
        if (auto body = ParseJson(sent->body); body.ok()) s.target_names.Learn(*kind, *body);
      continue;
    }
    Status error = sent.status();
    // A reset, timeout or 5xx after every retry: a create may have taken effect. Read it back and send it
    // again only when it provably did not (a few times).
    for (int round = 0; round < 3 && error.code() == StatusCode::kUnavailable && w.probe; ++round) {
      auto found = s.client.Send(w.probe());
      if (found.ok() && (!w.took_effect || w.took_effect(found->body))) {
        sent = std::move(found);
        error = Status::Ok();
        break;
      }
      if (!found.ok() && found.status().code() != StatusCode::kNotFound) {
        error = found.status();
        continue;
      }
      auto again = s.client.Send(request);
      error = again.ok() ? Status::Ok() : again.status();
      if (again.ok()) sent = std::move(again);
    }
    if (error.ok()) {
      s.report.CountWrite(w.kind);
      if (auto kind = KindOfWrite(w.kind); kind && !sent->body.empty())
        if (auto body = ParseJson(sent->body); body.ok()) s.target_names.Learn(*kind, *body);
      continue;
    }
    if (error.code() == StatusCode::kUnauthenticated || error.code() == StatusCode::kCancelled) return error;
    if (w.refusal_is_note && IsRefusal(error)) {
      s.report.Note({w.kind, w.codename, "the target refused: " + error.message()});
      continue;
    }
    s.report.Fail({w.kind, "", w.codename, error.message()});
    if (w.essential && essential.ok()) essential = error;
  }
  writes.clear();
  return essential;
}

}  // namespace

Status ModelImporter::ApplyBeforeContent() {
  if (!state_->planned) return Internal("ModelImporter::ApplyBeforeContent before Plan");
  if (state_->options.dry_run) return Internal("ModelImporter::ApplyBeforeContent in a dry run");
  return Run(*state_, state_->before);
}

Status ModelImporter::ApplyAfterContent() {
  if (!state_->planned) return Internal("ModelImporter::ApplyAfterContent before Plan");
  if (state_->options.dry_run) return Internal("ModelImporter::ApplyAfterContent in a dry run");
  return Run(*state_, state_->after);
}

}  // namespace kbulk::importer
