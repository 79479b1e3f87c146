#include "importer/asset_import.h"

#include <memory>
#include <set>
#include <vector>

#include "api/endpoints.h"
#include "content/import_naming.h"
#include "formats/record_envelope.h"

namespace kbulk::importer {
namespace ep = api::endpoints;
namespace {

constexpr std::string_view kNilId = "00000000-0000-0000-0000-000000000000";

struct RenditionPlan {
  std::string external_id;
  std::string body;  // {"transformation":...,"external_id":...}
};

// Everything one asset's task needs; no DOM, no target ids.
struct AssetTask {
  std::string source_id, codename, external_id;
  std::string target_id;  // set when matched by codename: the target asset has no external id
  std::string body;       // the upsert body without file_reference and elements
  std::string elements;   // the "elements" array ("[]" when none)
  bool target_exists = false;
  bool upsert = false;
  bool upload = false;
  std::string blob, file_name, mime_type;
  std::uint64_t fingerprint = 0;
  std::vector<RenditionPlan> renditions;
};

void WriteReference(JsonWriter& w, std::string_view key, std::string_view value) {
  w.StartObject().Key(key).String(value).EndObject();
}

}  // namespace

void AssetImporter::LearnFolders(const JsonValue& folder) {
  if (folder.IsArray()) {
    for (const auto& f : folder.GetArray()) LearnFolders(f);
    return;
  }
  if (!folder.IsObject()) return;
  if (auto id = StringMember(folder, "id")) {
    folders_[std::string(*id)] = {std::string(StringMember(folder, "codename").value_or("")),
                                  std::string(StringMember(folder, "external_id").value_or(""))};
  }
  if (const JsonValue* sub = Member(folder, "folders")) LearnFolders(*sub);
}

Status AssetImporter::AddFolderRecord(std::string_view json) {
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
  LearnFolders(doc);
  return Status::Ok();
}

Status AssetImporter::Add(std::string_view record_line) {
  KBULK_ASSIGN_OR_RETURN(formats::AssetRecord record, formats::ParseAssetRecord(record_line));
  KBULK_ASSIGN_OR_RETURN(JsonDocument asset, ParseJson(record.asset));
  KBULK_ASSIGN_OR_RETURN(JsonDocument renditions, ParseJson(record.renditions));
  ++count_;
  const content::ModelIndex& model = ctx_.model;
  auto task = std::make_shared<AssetTask>();
  task->source_id = std::string(StringMember(asset, "id").value_or(""));
  task->codename = std::string(StringMember(asset, "codename").value_or(""));
  task->external_id = ctx_.catalog.AddAsset(task->source_id, StringMember(asset, "external_id").value_or(""));
  task->file_name = std::string(StringMember(asset, "file_name").value_or("file"));
  task->mime_type = std::string(StringMember(asset, "type").value_or("application/octet-stream"));
  std::string object = "asset '" + task->codename + "'";
  auto name_of = [](const std::string* codename, std::string_view id) {
    return codename ? *codename : "id:" + std::string(id);
  };

  AssetShape shape;
  JsonWriter w;
  w.StartObject();
  shape.codename = task->codename;
  w.Key("codename").String(task->codename);
  w.Key("title");
  if (auto title = StringMember(asset, "title")) {
    shape.title = std::string(*title);
    w.String(*title);
  } else {
    shape.title = "\x01null";
    w.Null();
  }
  std::string folder_id = ReferencedId(Member(asset, "folder"));
  w.Key("folder");
  if (auto it = folders_.find(folder_id); !folder_id.empty() && folder_id != kNilId && it != folders_.end()) {
    shape.folder = it->second.codename;
    if (!it->second.codename.empty())
      WriteReference(w, "codename", it->second.codename);
    else
      WriteReference(w, "external_id", it->second.external_id);
  } else {
    WriteReference(w, "id", kNilId);
  }
  std::string collection_id = ReferencedId(Member(asset, "collection"));
  if (!collection_id.empty()) {
    shape.collection = name_of(model.CollectionCodename(collection_id), collection_id);
    w.Key("collection").StartObject().Key("reference");
    WriteReference(w, "codename", shape.collection);
    w.EndObject();
  }
  w.Key("descriptions").StartArray();
  if (const JsonValue* descriptions = Member(asset, "descriptions"); descriptions && descriptions->IsArray()) {
    for (const auto& d : descriptions->GetArray()) {
      std::string language_id = ReferencedId(Member(d, "language"));
      std::string language = name_of(model.LanguageCodename(language_id), language_id);
      const JsonValue* text = Member(d, "description");
      shape.descriptions.emplace_back(language, text ? ToJsonString(*text) : "null");
      w.StartObject().Key("language");
      WriteReference(w, "codename", language);
      w.Key("description");
      if (text)
        w.Value(*text);
      else
        w.Null();
      w.EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
  task->body = w.str();
  w.Clear();
  w.StartArray();
  if (const JsonValue* elements = Member(asset, "elements"); elements && elements->IsArray()) {
    for (const auto& e : elements->GetArray()) {
      std::string element_id = ReferencedId(Member(e, "element"));
      std::vector<std::string> terms;
      w.StartObject().Key("element");
      WriteReference(w, "id", element_id);
      w.Key("value").StartArray();
      if (const JsonValue* value = Member(e, "value"); value && value->IsArray()) {
        for (const auto& term : value->GetArray()) {
          std::string term_id = ReferencedId(&term);
          const std::string* codename = model.TermCodename(term_id);
          terms.push_back(name_of(codename, term_id));
          if (const std::string* target_id = codename ? ctx_.target.TermId(*codename) : nullptr)
            WriteReference(w, "id", *target_id);
          else if (codename)
            WriteReference(w, "codename", *codename);
          else
            WriteReference(w, "id", term_id);
        }
      }
      w.EndArray().EndObject();
      shape.elements.emplace_back(element_id, std::move(terms));
    }
  }
  w.EndArray();
  task->elements = w.str();
  task->fingerprint = Fingerprint(shape);
  bool has_elements = !shape.elements.empty();
  shape.elements.clear();
  std::uint64_t without_elements = Fingerprint(shape);

  if (renditions.IsArray()) {
    for (const auto& r : renditions.GetArray()) {
      std::string rendition_id(StringMember(r, "rendition_id").value_or(""));
      std::string external_id = ctx_.catalog.AddRendition(rendition_id, StringMember(r, "external_id").value_or(""));
      JsonWriter rw;
      rw.StartObject().Key("external_id").String(external_id);
      if (const JsonValue* transformation = Member(r, "transformation"))
        rw.Key("transformation").Value(*transformation);
      rw.EndObject();
      task->renditions.push_back({external_id, rw.str()});
    }
  }

  const TargetState::Asset* existing = ctx_.target.FindAsset(task->external_id);
  std::string matched_by = existing ? "matched by external id '" + task->external_id + "'" : "";
  if (existing == nullptr) {
    // A target asset without external id that has the codename is this asset: it keeps its id.
    if (const auto* by_codename = ctx_.target.FindAssetByCodename(task->codename)) {
      existing = &by_codename->asset;
      task->target_id = by_codename->id;
      ctx_.catalog.MatchAssetById(task->source_id, by_codename->id);
      matched_by = "matched by codename, id " + by_codename->id;
      ctx_.report.Note({"assets", object,
                        "matched by codename to the target's asset " + by_codename->id +
                            ", which has no external id: it keeps its id"});
    }
  }
  task->target_exists = existing != nullptr;
  std::optional<std::uint64_t> blob_size = record.blob_sha256 ? stash_.Size(*record.blob_sha256) : std::nullopt;
  if (blob_size) task->blob = *record.blob_sha256;
  if (!existing) {
    if (!blob_size) {
      ctx_.report.Plan({"assets", object, PlanAction::kSkip, "the archive holds no binary for it"});
      ctx_.report.Fail(
          {"asset", task->source_id, task->codename, "the archive holds no binary for it (partial export)"});
      return Status::Ok();
    }
    task->upload = task->upsert = true;
    ctx_.report.Plan({"assets", object, PlanAction::kCreate, ""});
  } else {
    task->upload = blob_size && (*blob_size != existing->size || HashText(task->mime_type) != existing->type_hash);
    task->upsert = task->upload || existing->fingerprint != task->fingerprint;
    if (task->upsert && !task->upload && has_elements && existing->fingerprint == without_elements) {
      // Everything matches but the asset-type elements, which the target asset has none of: its asset type
      // (managed in the UI only) lacks them. Rewriting would not change that; report it instead.
      task->upsert = false;
      ctx_.report.Note({"assets", object,
                        "the target asset has no asset-type elements (its asset type may lack "
                        "them); left as it is"});
    }
    std::string what = task->upload ? "binary" : (task->upsert ? "metadata" : "");
    ctx_.report.Plan({"assets", object, task->upsert ? PlanAction::kUpdate : PlanAction::kUnchanged,
                      what.empty() ? matched_by : what + ", " + matched_by});
  }
  ctx_.report.AddPlannedRequests("assets", (task->upload ? 1 : 0) + (task->upsert ? 1 : 0));
  if (!task->target_exists) ctx_.report.AddPlannedRequests("assets", task->renditions.size());
  if (!task->target_exists && !task->renditions.empty())
    for (const auto& r : task->renditions)
      ctx_.report.Plan({"renditions", object + " rendition '" + r.external_id + "'", PlanAction::kCreate, ""});
  ctx_.progress.Advanced("assets", count_, 0);
  bool list_renditions = task->target_exists && !task->renditions.empty();
  bool needs_task = ctx_.dry_run ? list_renditions : task->upsert || !task->renditions.empty();
  if (!needs_task) return Status::Ok();

  ContentContext& ctx = ctx_;
  const BlobStash& stash = stash_;
  return ctx_.writes.Submit([&ctx, &stash, task, object]() -> Status {
    auto fail = [&](const Status& status, std::string_view what) -> Status {
      if (StopsImport(status)) return status;
      ctx.report.Fail({"asset", task->source_id, task->codename, std::string(what) + ": " + status.message()});
      return Status::Ok();
    };
    Reference ref =
        task->target_id.empty() ? Reference::ByExternalId(task->external_id) : Reference::ById(task->target_id);
    if (!ctx.dry_run && task->upsert) {
      std::string file_reference;
      if (task->upload) {
        auto source = stash.Open(task->blob);
        if (!source.ok()) return fail(source.status(), "upload");
        auto uploaded = ctx.client.UploadFile(task->file_name, task->mime_type, **source);
        if (!uploaded.ok()) return fail(uploaded.status(), "upload");
        ctx.report.CountWrite("files");
        auto reference = ParseJson(*uploaded);
        if (!reference.ok()) return fail(reference.status(), "upload response");
        file_reference = ",\"file_reference\":" + ToJsonString(*reference);
      }
      auto body = [&](bool with_elements) {
        std::string text = task->body;
        text.pop_back();  // '}'
        return text + file_reference + (with_elements ? ",\"elements\":" + task->elements : std::string()) + "}";
      };
      auto response = ctx.client.Send(ep::UpsertAsset(ref, body(true)));
      if (!response.ok() && response.status().code() == StatusCode::kInvalidArgument && task->elements != "[]" &&
          response.status().message().find("(at elements") != std::string::npos) {
        // The asset type is managed in the UI only: elements the target's asset type lacks are reported.
        ctx.report.Note(
            {"assets", object,
             "asset elements left out, the target's asset type lacks them: " + response.status().message()});
        response = ctx.client.Send(ep::UpsertAsset(ref, body(false)));
        ctx.report.AddPlannedRequests("assets", 1);
      }
      if (!response.ok()) return fail(response.status(), "upsert");
      ctx.report.CountWrite("assets");
      if (task->target_exists) {
        // The spec: an upsert of an existing asset updates only its title and descriptions.
        auto stored = ParseJson(response->body);
        if (stored.ok() && Fingerprint(ctx.target.ShapeOf(*stored)) != task->fingerprint)
          ctx.report.Note({"assets", object,
                           "the upsert did not change everything (the API updates only title and descriptions of "
                           "an existing asset): folder, collection or elements differ from the archive"});
      }
    }
    if (task->renditions.empty()) return Status::Ok();
    std::set<std::string> present;
    if (task->target_exists) {
      auto list = ep::ListRenditions(ref);
      Status listed = ctx.client.ListAll(list.request, list.array_key, [&](std::string_view json) -> Status {
        KBULK_ASSIGN_OR_RETURN(JsonDocument r, ParseJson(json));
        if (auto external_id = StringMember(r, "external_id")) present.emplace(*external_id);
        return Status::Ok();
      });
      if (!listed.ok()) return fail(listed, "renditions");
      ctx.report.AddPlannedRequests("assets", 1);
      for (const auto& r : task->renditions) {
        bool missing = present.count(r.external_id) == 0;
        ctx.report.Plan({"renditions", object + " rendition '" + r.external_id + "'",
                         missing ? PlanAction::kCreate : PlanAction::kUnchanged, ""});
        if (missing) ctx.report.AddPlannedRequests("assets", 1);
      }
    }
    if (ctx.dry_run) return Status::Ok();
    for (const auto& r : task->renditions) {
      if (present.count(r.external_id)) continue;
      auto created = ctx.client.Send(ep::AddRendition(ref, r.body));
      if (!created.ok() && created.status().code() == StatusCode::kUnavailable) {
        // A reset, truncation or 5xx (POST is not retried): the rendition may exist. Read it back by its
        // external id; create it again only when it provably does not.
        auto found = ctx.client.Send(ep::GetRendition(ref, Reference::ByExternalId(r.external_id)));
        if (found.ok() || found.status().code() != StatusCode::kNotFound)
          created = std::move(found);
        else
          created = ctx.client.Send(ep::AddRendition(ref, r.body));
      }
      if (!created.ok()) return fail(created.status(), "rendition '" + r.external_id + "'");
      ctx.report.CountWrite("renditions");
    }
    return Status::Ok();
  });
}

}  // namespace kbulk::importer
